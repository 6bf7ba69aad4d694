// A notice's "find yourself in the list": jumps to the first row of the table whose text holds
// the query (an id, a house number or a published name) and marks it.
(function () {
  var form = document.querySelector('[data-find-row]');
  if (!form) return;
  var input = form.querySelector('input');
  var status = form.querySelector('[data-find-status]');
  var marked = null;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = input.value.trim().toLowerCase();
    status.textContent = '';
    if (marked) marked.classList.remove('found');
    if (!q) return;
    var rows = document.querySelectorAll('tr[id^="row-"]');
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].textContent.toLowerCase().indexOf(q) !== -1) {
        marked = rows[i];
        marked.classList.add('found');
        marked.scrollIntoView({ block: 'center' });
        location.hash = marked.id;
        return;
      }
    }
    status.textContent = status.getAttribute('data-none');
  });
})();
