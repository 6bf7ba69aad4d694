/**
 * Name masking for public pages (姓名脱敏): residents recognise a neighbour by the first and
 * last character, while a full name never reaches a poster or a search engine.
 */

/**
 * Keeps the first character, and the last one of names longer than two; every character
 * between becomes `*`. Counts code points, so a rare character outside the BMP (CJK
 * Extension B, as in some surnames) is one character, not two.
 * @example maskName('孙红') // '孙*'
 * @example maskName('欧阳明华') // '欧**华'
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}
