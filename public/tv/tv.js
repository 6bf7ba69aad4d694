/*
 * The TV player: plays the slides of the page in a loop, all day, with nobody near it.
 *
 * - The page holds the first slides; the rest come in parts (data-parts on #slides), fetched
 *   one after the other once the first slide is up and added to the page, so the loop goes
 *   on without the network. The service worker keeps the parts with the page. A loop waits
 *   on the last slide it has for a part still on its way (never skips it). A notice slide is
 *   on only from its first to its last day, on the TV's own date, with the days left filled in.
 * - Every few minutes it asks /version.json whether a new build is out. When one is, it loads
 *   the new page (and its files) first and reloads only when the loop ends and that page
 *   has loaded: never in the middle of a ranking, never into an error page.
 * - It moves the picture a few pixels every minute against burn-in.
 * - A service worker (/tv/sw.js) keeps the page for a restart without network, where the
 *   browser has one.
 *
 * Plain ES5 for old TV browsers and Android boxes: no arrow functions, no let or const, no
 * fetch (XMLHttpRequest), no modules. Test-only knobs in the address: ?seconds=1 (slide
 * time), ?check=2 (seconds between version checks), ?shift=5 (seconds between shifts).
 */
(function () {
  'use strict';

  var doc = document;
  var body = doc.body;
  var params = readQuery(location.search);
  var seconds = bounded(num(params.seconds) || num(body.getAttribute('data-seconds')) || 15, 0.2, 3600);
  var checkEvery = bounded(num(params.check) || 300, 1, 86400) * 1000;
  var shiftEvery = bounded(num(params.shift) || 60, 1, 86400) * 1000;
  var version = metaContent('data-version');

  var idle = doc.getElementById('slide-idle');
  var holder = doc.getElementById('slides');
  var slides = [];
  var all = doc.querySelectorAll('.slide');
  for (var i = 0; i < all.length; i++) if (all[i] !== idle) slides.push(all[i]);
  /** Parts still to fetch: { href, n (slides), w (days [start, end] of slides shown on some days) }. */
  var parts = readParts();
  var partsLeft = parts.length;
  /** Slides of the coming loop still in parts not yet here; the loop counts them. */
  var pending = 0;
  var today = '';

  var playing = [];
  /** Today's notices (slides with a period), and the turns they take between other slides. */
  var NOTICE_EVERY = 5;
  var notices = [];
  var sinceNotice = 0;
  var noticeTurn = 0;
  var lastGroup = null;
  var index = -1;
  var loops = 0;
  var current = null;
  var newVersion = null;
  var verifying = null;

  var progress = doc.getElementById('progress');
  var clockTime = doc.getElementById('clock-time');
  var clockDate = doc.getElementById('clock-date');
  var stage = doc.getElementById('stage');

  // ---------------------------------------------------------------------------------------
  // Small helpers for old browsers

  function readQuery(search) {
    var out = {};
    var parts = search.replace(/^\?/, '').split('&');
    for (var k = 0; k < parts.length; k++) {
      var kv = parts[k].split('=');
      if (kv[0]) out[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || '');
    }
    return out;
  }
  function num(s) {
    var n = parseFloat(s);
    return isFinite(n) && n > 0 ? n : 0;
  }
  function bounded(n, min, max) {
    return Math.min(max, Math.max(min, n));
  }
  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }
  function readParts() {
    try {
      return JSON.parse((holder && holder.getAttribute('data-parts')) || '[]');
    } catch (e) {
      return [];
    }
  }
  function metaContent(name) {
    var m = doc.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : '';
  }
  function hasClass(el, c) {
    return (' ' + el.className + ' ').indexOf(' ' + c + ' ') >= 0;
  }
  function addClass(el, c) {
    if (!hasClass(el, c)) el.className = el.className ? el.className + ' ' + c : c;
  }
  function removeClass(el, c) {
    el.className = (' ' + el.className + ' ').replace(' ' + c + ' ', ' ').replace(/^\s+|\s+$/g, '');
  }
  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) {
      return key in values ? String(values[key]) : m;
    });
  }
  function store(key, value) {
    try {
      if (value === null) window.sessionStorage.removeItem(key);
      else window.sessionStorage.setItem(key, value);
    } catch (e) {
      // No storage in some WebViews: nothing to remember then.
    }
  }
  function recall(key) {
    try {
      return window.sessionStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  /** GET with XMLHttpRequest; `done(ok, text)` is called once, also on timeout. */
  function get(url, done) {
    var xhr = new XMLHttpRequest();
    var finished = false;
    function finish(ok) {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      done(ok, ok ? xhr.responseText : '');
    }
    var timer = setTimeout(function () {
      try {
        xhr.abort();
      } catch (e) {
        // already done
      }
      finish(false);
    }, 30000);
    xhr.onreadystatechange = function () {
      if (xhr.readyState === 4) finish(xhr.status === 200);
    };
    try {
      xhr.open('GET', url, true);
      xhr.send();
    } catch (e) {
      finish(false);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Dates on the TV's own clock

  function localDay(d) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }
  function dayNumber(s) {
    var p = s.split('-');
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000);
  }

  var weekdays = (body.getAttribute('data-weekdays') || '').split(',');
  var months = (body.getAttribute('data-months') || '').split(',');
  var dateFormat = body.getAttribute('data-date-format') || '{y}-{m}-{d}';

  function tick() {
    var now = new Date();
    setText(clockTime, pad(now.getHours()) + ':' + pad(now.getMinutes()));
    setText(clockDate, fill(dateFormat, { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate(), w: weekdays[now.getDay()] || '', mon: months[now.getMonth()] || '' }));
  }

  // ---------------------------------------------------------------------------------------
  // The loop

  /**
   * The slides of the coming loop, on today's date: a notice only in its notice period, and
   * then again every NOTICE_EVERY other slides (a notice is what a waiting room should not
   * miss), the notices taking turns.
   */
  function startLoop() {
    today = localDay(new Date());
    playing = [];
    notices = [];
    sinceNotice = 0;
    noticeTurn = 0;
    lastGroup = null;
    for (var k = 0; k < slides.length; k++) join(slides[k]);
    pending = 0;
    for (k = parts.length - partsLeft; k < parts.length; k++) pending += partSlidesToday(parts[k]);
    if (playing.length === 0 && pending === 0 && idle) playing.push(idle);
    index = -1;
    loops++;
    body.setAttribute('data-loop', String(loops));
  }

  function on(start, end) {
    return !((start && today < start) || (end && today > end));
  }

  /** Adds a slide to the loop if it is on today; before it, a notice's turn when one is due. */
  function join(s) {
    var end = s.getAttribute('data-end');
    if (!on(s.getAttribute('data-start'), end)) return;
    if (end) {
      daysLeft(s, dayNumber(end) - dayNumber(today) + 1);
      notices.push(s);
      sinceNotice = 0;
    } else {
      // Never between the pages of one list (a ranking's page 1 and 2): the notice waits for the next list.
      var group = s.getAttribute('data-group');
      if (notices.length > 0 && sinceNotice >= NOTICE_EVERY && group !== lastGroup) {
        playing.push(notices[noticeTurn % notices.length]);
        noticeTurn++;
        sinceNotice = 0;
      }
      sinceNotice++;
      lastGroup = group;
    }
    playing.push(s);
  }

  function partSlidesToday(part) {
    var n = part.n;
    for (var k = 0; k < part.w.length; k++) if (!on(part.w[k][0], part.w[k][1])) n--;
    return n;
  }

  function daysLeft(slide, n) {
    var spans = slide.querySelectorAll('[data-days-template]');
    for (var k = 0; k < spans.length; k++) setText(spans[k], fill(spans[k].getAttribute('data-days-template'), { n: n }));
  }

  function advance() {
    if (localDay(new Date()) !== today) {
      // Midnight passed (or the clock was set): today's slides are not yesterday's. A notice
      // comes on its first day and goes after its last without a reload.
      if (newVersion && reload()) return;
      startLoop();
    }
    if (index + 1 >= playing.length && pending > 0) {
      // A part of this loop is still on its way: the slide stays a moment longer (the idle
      // slide, when none of the page's own slides is on today).
      if (!current && idle) activate(idle);
      setTimeout(advance, 250);
      return;
    }
    if (index + 1 >= playing.length) {
      // The end of a loop: the only moment a new build may take over.
      if (newVersion && reload()) return;
      startLoop();
    }
    index++;
    show(playing[index]);
    setTimeout(advance, seconds * 1000);
  }

  /**
   * Shows one slide and hides every other: the page comes with one slide shown, which may not
   * be on today. Adding before removing, in one task: no frame without a slide, none with two.
   */
  function show(slide) {
    activate(slide);
    body.setAttribute('data-slide', slide.id);
    body.setAttribute('data-index', String(index));
    body.setAttribute('data-count', String(playing.length + pending));
    runProgress();
  }

  function activate(slide) {
    addClass(slide, 'is-active');
    var shown = holder.getElementsByClassName('is-active');
    for (var k = shown.length - 1; k >= 0; k--) if (shown[k] !== slide) removeClass(shown[k], 'is-active');
    current = slide;
  }

  function runProgress() {
    if (!progress) return;
    removeClass(progress, 'run');
    void progress.offsetWidth; // restart the animation
    progress.style.webkitAnimationDuration = seconds + 's';
    progress.style.animationDuration = seconds + 's';
    addClass(progress, 'run');
  }

  /**
   * Shrinks a title or a table cell that is too long for its line, down to the smallest body
   * size (then the stylesheet's ellipsis). Hidden slides keep their layout (visibility, not
   * display), so all are fitted at the start, and again when the screen turns. Reads first,
   * writes after: one layout for the thousands of cells that fit, a few for those that do not.
   */
  function fitText() {
    fitIn(doc);
  }
  function fitIn(root) {
    var els = root.querySelectorAll('[data-fit]');
    var rem = parseFloat(window.getComputedStyle(doc.documentElement).fontSize) || 108;
    var min = rem * 0.38;
    var k;
    for (k = 0; k < els.length; k++) if (els[k].style.fontSize) els[k].style.fontSize = '';
    var over = [];
    for (k = 0; k < els.length; k++) if (els[k].scrollWidth > els[k].clientWidth + 1) over.push(els[k]);
    for (k = 0; k < over.length; k++) {
      var el = over[k];
      var size = parseFloat(window.getComputedStyle(el).fontSize);
      while (el.scrollWidth > el.clientWidth + 1 && size > min) {
        size = Math.max(min, size - rem * 0.02);
        el.style.fontSize = size + 'px';
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // The parts: fetched one after the other, in playing order, each added behind the slides
  // before it. A part that does not come is asked for again a little later.

  var partTries = 0;
  function fetchPart() {
    if (partsLeft === 0) {
      body.setAttribute('data-parts-loaded', 'all');
      return;
    }
    var part = parts[parts.length - partsLeft];
    get(part.href, function (ok, html) {
      if (!ok) {
        partTries++;
        if (partTries >= 5) {
          // Gone for good (a half-deployed build): the loop goes on without it.
          pending -= partSlidesToday(part);
          partsLeft--;
          partTries = 0;
          fetchPart();
        } else {
          setTimeout(fetchPart, 2000 * partTries);
        }
        return;
      }
      partTries = 0;
      var box = doc.createElement('div');
      box.innerHTML = html;
      var added = box.querySelectorAll('.slide');
      for (var k = 0; k < added.length; k++) {
        holder.insertBefore(added[k], idle);
        slides.push(added[k]);
        join(added[k]);
      }
      pending -= partSlidesToday(part);
      partsLeft--;
      for (k = 0; k < added.length; k++) fitIn(added[k]);
      fetchPart();
    });
  }

  // ---------------------------------------------------------------------------------------
  // A new build: verify first, reload at the end of a loop

  function check() {
    get('/version.json?t=' + new Date().getTime(), function (ok, text) {
      if (!ok) return;
      var v;
      try {
        v = JSON.parse(text).dataVersion;
      } catch (e) {
        return;
      }
      if (!v || v === version || v === newVersion || v === verifying) return;
      verify(v);
    });
  }

  /** Loads the new page and the files it names; only then is the new version ready. */
  function verify(v) {
    verifying = v;
    get(location.pathname + '?tvnew=' + encodeURIComponent(v), function (ok, html) {
      var m = ok ? /<meta name="data-version" content="([^"]*)"/.exec(html) : null;
      if (!m || m[1] !== v) {
        verifying = null; // not deployed yet: ask again at the next check
        return;
      }
      var files = filesOf(html);
      var left = files.length;
      var failed = false;
      if (left === 0) ready(v);
      for (var k = 0; k < files.length; k++) {
        get(files[k], function (fileOk) {
          if (!fileOk) failed = true;
          left--;
          if (left === 0) {
            if (failed) verifying = null;
            else ready(v);
          }
        });
      }
    });
  }

  function ready(v) {
    verifying = null;
    newVersion = v;
  }

  /** The slideshow's own files a page links to (/tv/tv.css?v=…, /tv/tv.js?v=…) and its parts. */
  function filesOf(html) {
    var out = [];
    var re = /(?:href|src)="(\/tv\/[^"]+\.(?:css|js)(?:\?[^"]*)?)"|&quot;href&quot;:&quot;(\/tv\/[^&]+)&quot;/g;
    var m;
    while ((m = re.exec(html))) out.push((m[1] || m[2]).replace(/&amp;/g, '&'));
    return out;
  }

  /** Reloads into the new build, at most three times for one version (never a reload storm). */
  function reload() {
    var key = 'tv-reloads-' + newVersion;
    var tries = +(recall(key) || 0);
    if (tries >= 3) return false;
    store(key, String(tries + 1));
    store('tv-reload', JSON.stringify({ from: version, to: newVersion, index: index, count: playing.length, loop: loops }));
    location.reload();
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // Burn-in: the whole picture moves a few pixels every minute (at most 8 at 1080p, which
  // the title-safe margin leaves room for).

  var OFFSETS = [[0, 0], [4, 2], [8, 4], [6, -2], [2, -6], [-4, -4], [-8, 0], [-4, 6], [2, 8], [-2, -8]];
  var step = 0;
  function shift() {
    step = (step + 1) % OFFSETS.length;
    var k = Math.min(window.innerWidth, window.innerHeight) / 1080;
    var t = 'translate(' + Math.round(OFFSETS[step][0] * k) + 'px,' + Math.round(OFFSETS[step][1] * k) + 'px)';
    stage.style.webkitTransform = t;
    stage.style.transform = t;
  }

  // ---------------------------------------------------------------------------------------
  // The service worker keeps this page and its files for a start without network.

  var keepFiles = [];
  var allKept = false;

  function keepOffline() {
    var nav = window.navigator;
    if (!('serviceWorker' in nav) || !window.Promise) return;
    keepFiles = [location.pathname];
    var links = doc.querySelectorAll('link[rel="stylesheet"], script[src]');
    for (var k = 0; k < links.length; k++) keepFiles.push(links[k].getAttribute('href') || links[k].getAttribute('src'));
    for (k = 0; k < parts.length; k++) keepFiles.push(parts[k].href);
    try {
      nav.serviceWorker
        .register('/tv/sw.js')
        .then(function () {
          return nav.serviceWorker.ready;
        })
        .then(function (reg) {
          if (reg.active) reg.active.postMessage({ type: 'keep', urls: keepFiles });
        })
        ['catch'](function () {
          // No worker (plain http, private mode): the open page still loops.
        });
    } catch (e) {
      // as above
    }
  }

  /**
   * Until the worker has kept every file, ask again at each check for a new build: a file that
   * failed to load the first time (the network blinked as the TV came on) is kept later, not
   * only at the next reload.
   */
  function keepUntilKept() {
    var nav = window.navigator;
    if (allKept || !keepFiles.length || !window.caches || !('serviceWorker' in nav) || !nav.serviceWorker.controller) return;
    var link = doc.createElement('a');
    var lookups = [];
    for (var k = 0; k < keepFiles.length; k++) {
      link.href = keepFiles[k];
      lookups.push(window.caches.match(link.href));
    }
    Promise.all(lookups)
      .then(function (hits) {
        for (var i = 0; i < hits.length; i++) {
          if (!hits[i]) {
            if (nav.serviceWorker.controller) nav.serviceWorker.controller.postMessage({ type: 'keep', urls: keepFiles });
            return;
          }
        }
        allKept = true;
      })
      ['catch'](function () {
        // Asked again at the next check.
      });
  }

  // ---------------------------------------------------------------------------------------

  if (recall('tv-reload')) {
    // Arrived by a reload: the new build is here, so its retry count is no longer needed.
    store('tv-reloads-' + version, null);
  }
  tick();
  setInterval(tick, 1000);
  if (stage) setInterval(shift, shiftEvery);
  fitText();
  window.addEventListener('resize', fitText);
  startLoop();
  advance();
  fetchPart();
  setInterval(check, checkEvery);
  setInterval(keepUntilKept, checkEvery);
  keepOffline();
})();
