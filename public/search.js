// Finds a person, household, merchant or unit by id, house or published name. Loads only the
// small search index, once, when the reader starts searching.
(function () {
  var input = document.getElementById('q');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var index = null;
  function load() {
    if (index) return Promise.resolve(index);
    return fetch('/search-index.json').then(function (r) { return r.json(); }).then(function (d) { return (index = d); });
  }
  function show(q) {
    q = q.trim().toLowerCase();
    list.textContent = '';
    status.textContent = '';
    if (!q) return;
    load().then(function (rows) {
      var hits = rows.filter(function (r) {
        return r[0].toLowerCase().indexOf(q) !== -1 || r[1].toLowerCase().indexOf(q) !== -1;
      }).slice(0, 50);
      if (hits.length === 0) status.textContent = status.getAttribute('data-none');
      hits.forEach(function (r) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = r[3];
        a.textContent = r[1];
        li.appendChild(a);
        li.appendChild(document.createTextNode(' ' + r[0] + (r[2] ? ' · ' + r[2] : '')));
        list.appendChild(li);
      });
    });
  }
  var params = new URLSearchParams(location.search);
  if (params.get('q')) { input.value = params.get('q'); show(input.value); }
  input.addEventListener('input', function () { show(input.value); });
  input.form.addEventListener('submit', function (e) { e.preventDefault(); show(input.value); });
})();
