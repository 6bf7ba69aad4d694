// Shows each notice's status (upcoming, open with days left, ended) for the reader's own date,
// and shows the home page's 正在公示 only when a notice is open or coming on that date.
(function () {
  var d = new Date();
  var today = d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  function dayNumber(s) { var p = s.split('-'); return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000; }
  document.querySelectorAll('.notice-status').forEach(function (el) {
    var start = el.getAttribute('data-start'), end = el.getAttribute('data-end');
    var state = today < start ? 'upcoming' : today > end ? 'ended' : 'open';
    var shown = el.querySelector('[data-state="' + state + '"]');
    if (shown) shown.hidden = false;
    var days = el.querySelector('[data-days-template]');
    if (days && state === 'open') days.textContent = days.getAttribute('data-days-template').replace('{n}', String(dayNumber(end) - dayNumber(today) + 1));
    var item = el.closest('[data-notice]');
    if (item) {
      item.setAttribute('data-state', state);
      // The home page lists only what is open today (or about to be); ended notices are in the archive.
      if (state === 'ended' && item.closest('[data-open-notices]')) item.hidden = true;
    }
  });
  document.querySelectorAll('[data-open-notices]').forEach(function (section) {
    section.hidden = !section.querySelector('[data-notice]:not([hidden])');
  });
})();
