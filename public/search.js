// Finds a person, household, merchant or unit by 户号 or id, door number (2-3-301), published
// name (张*国, or the full name typed: it is masked as the pages mask it), surname or unit. The
// index is cut into buckets (src/view/search.ts): a query loads the one bucket it needs.
(function () {
  var input = document.getElementById('q');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var MAX = 50;
  var meta = null;
  var loaded = {};

  function hashKey(key, n) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % n;
  }
  function getJson(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(url); return r.json(); });
  }
  function loadMeta() {
    return meta ? Promise.resolve(meta) : getJson('/search/i/meta.json').then(function (m) { return (meta = m); });
  }
  function bucket(k) {
    if (!loaded[k]) loaded[k] = getJson('/search/i/' + k + '.json');
    return loaded[k];
  }
  /** The bucket a query needs: its rarest bigram's, else its rarest character's. */
  function bucketFor(q, m) {
    var chars = Array.from(q), best = -1, k, i;
    for (i = 0; i + 1 < chars.length; i++) {
      if (chars[i] === '*' || chars[i + 1] === '*') continue;
      k = hashKey(chars[i] + chars[i + 1], m.buckets);
      if (best < 0 || m.sizes[k] < m.sizes[best]) best = k;
    }
    if (best >= 0) return best;
    for (i = 0; i < chars.length; i++) {
      if (chars[i] === '*') continue;
      k = m.buckets + hashKey(chars[i], m.buckets);
      if (best < 0 || m.sizes[k] < m.sizes[best]) best = k;
    }
    return best;
  }
  function matches(e, q) {
    return (e[0] + '\n' + e[1] + '\n' + e[2]).toLowerCase().indexOf(q) !== -1;
  }
  var asked = 0;
  function show(raw) {
    var q = raw.trim().toLowerCase();
    var mine = ++asked;
    list.textContent = '';
    status.textContent = '';
    if (!q) return;
    var alt = status.getAttribute('data-masked') ? window.boardMaskName(q) : null;
    loadMeta().then(function (m) {
      var queries = [q];
      if (alt) queries.push(alt);
      return Promise.all(queries.map(function (x) { var k = bucketFor(x, m); return k < 0 ? [] : bucket(k); })).then(function (lists) {
        if (mine !== asked) return;
        var seen = {}, hits = [], byMask = 0;
        lists.forEach(function (rows, i) {
          rows.forEach(function (e) {
            if (seen[e[3]] || !matches(e, queries[i])) return;
            seen[e[3]] = true;
            hits.push(e);
            if (i === 1) byMask++;
          });
        });
        if (byMask > 0) status.textContent = status.getAttribute('data-masked').replace('{name}', alt);
        if (hits.length === 0) status.textContent = status.getAttribute('data-none');
        if (hits.length > MAX) status.textContent = status.getAttribute('data-more').replace('{n}', String(MAX));
        hits.slice(0, MAX).forEach(function (e) {
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = e[3];
          a.textContent = e[1];
          li.appendChild(a);
          // The unit tells two 张*国 apart.
          li.appendChild(document.createTextNode(' ' + (e[2] ? e[2] + ' · ' : '') + e[0]));
          list.appendChild(li);
        });
      });
    })['catch'](function () {
      status.textContent = status.getAttribute('data-none');
    });
  }
  var params = new URLSearchParams(location.search);
  if (params.get('q')) { input.value = params.get('q'); show(input.value); }
  input.addEventListener('input', function () { show(input.value); });
  input.form.addEventListener('submit', function (e) { e.preventDefault(); show(input.value); });
})();
