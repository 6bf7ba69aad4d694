// A full name as the pages publish it (src/domain/mask.ts): 张建国 → 张*国, 孙红 → 孙*,
// 欧阳明华 → 欧**华; null for what is no Chinese name of two to four characters. Shared by the
// search and a notice's find-yourself box, so a resident may type the name they know.
window.boardMaskName = function (q) {
  var c = Array.from(q);
  if (c.length < 2 || c.length > 4 || !/^[\u3400-\u9fff]+$/.test(q)) return null;
  if (c.length === 2) return c[0] + '*';
  return c[0] + new Array(c.length - 1).join('*') + c[c.length - 1];
};
