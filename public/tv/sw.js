/*
 * Service worker of the TV slideshow (scope /tv/): the network first, always, so a new
 * build shows as soon as it is out; its own copy when the network is gone, so a TV switched
 * on without network still plays yesterday's slides. /version.json always goes to the
 * network: the player must never mistake a cached answer for "no new build".
 *
 * Plain ES5 like the player.
 */
'use strict';

var CACHE = 'tv-1';
/** Milliseconds to wait for the network before the kept copy is used. */
var NETWORK_TIMEOUT = 8000;

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

/**
 * Pages are kept under their path alone (?seconds=…, ?tvnew=… dropped), so the copy kept is
 * always the newest page loaded; the player's files and the parts of the slides under path
 * and ?v=hash (or ?v=data version).
 */
function keyOf(href) {
  var url = new URL(href, self.location.href);
  var path = url.pathname;
  return url.origin + (/\/$/.test(path) && !/^\?v=/.test(url.search) ? path : path + url.search);
}

/** The page asks to keep itself and its files (loaded before the worker took over). */
self.addEventListener('message', function (event) {
  var data = event.data;
  if (!data || data.type !== 'keep' || !data.urls) return;
  var keys = data.urls.map(keyOf);
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(
        data.urls.map(function (url, i) {
          return fetch(url).then(function (res) {
            if (res.ok) return cache.put(keys[i], res);
          });
        })
      )
        .then(function () {
          // Drop files and parts of older builds; pages stay (a few screens at most).
          return cache.keys();
        })
        .then(function (requests) {
          return Promise.all(
            requests.map(function (req) {
              if (req.url.indexOf('?v=') >= 0 && keys.indexOf(req.url) < 0) return cache['delete'](req);
            })
          );
        });
    })['catch'](function () {
      // Nothing kept this time; the next page load asks again.
    })
  );
});

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () {
      reject(new Error('timeout'));
    }, ms);
    promise.then(
      function (value) {
        clearTimeout(timer);
        resolve(value);
      },
      function (error) {
        clearTimeout(timer);
        reject(error);
      }
    );
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/version.json' || url.pathname.indexOf('/tv/') !== 0) return;
  var key = keyOf(request.url);
  event.respondWith(
    withTimeout(fetch(request), NETWORK_TIMEOUT).then(
      function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) {
            return cache.put(key, copy);
          });
        }
        return response;
      },
      function () {
        return caches.match(key).then(function (hit) {
          return hit || caches.match(request, { ignoreSearch: true });
        }).then(function (hit) {
          return hit || Response.error();
        });
      }
    )
  );
});
