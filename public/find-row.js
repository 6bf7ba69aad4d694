// A notice's "find yourself in the list": jumps to the first row of the table whose text holds
// the query (an id, a house number, a published name, or a full name typed, masked as the
// pages mask it) and marks it; the same query again goes to the next such row.
(function () {
  var form = document.querySelector('[data-find-row]');
  if (!form) return;
  var input = form.querySelector('input');
  var status = form.querySelector('[data-find-status]');
  var marked = null;
  var last = '';
  var turn = 0;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = input.value.trim().toLowerCase();
    status.textContent = '';
    if (marked) marked.classList.remove('found');
    if (!q) return;
    var alt = form.hasAttribute('data-masked') ? window.boardMaskName(q) : null;
    var rows = document.querySelectorAll('tr[id^="row-"]');
    var hits = [];
    for (var i = 0; i < rows.length; i++) {
      var text = rows[i].textContent.toLowerCase();
      if (text.indexOf(q) !== -1 || (alt && text.indexOf(alt) !== -1)) hits.push(rows[i]);
    }
    if (hits.length === 0) {
      status.textContent = status.getAttribute('data-none');
      return;
    }
    turn = q === last ? (turn + 1) % hits.length : 0;
    last = q;
    marked = hits[turn];
    marked.classList.add('found');
    marked.scrollIntoView({ block: 'center' });
    location.hash = marked.id;
    if (hits.length > 1) status.textContent = status.getAttribute('data-more').replace('{n}', String(turn + 1)).replace('{total}', String(hits.length));
  });
})();
