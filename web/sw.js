// Shopkeeper service worker: after one visit the app loads with the network off.
// The two constants below are rewritten at build time by scripts/stamp_sw.py (a hash of the
// built files and the list of files to precache), so every new build gets a new cache and the
// old one is deleted on activation.
'use strict';

const CACHE_VERSION = '__SK_CACHE_VERSION__';
const ASSETS = __SK_ASSETS__;

const CACHE_NAME = 'shopkeeper-' + CACHE_VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE_NAME);
    // 'no-cache' revalidates every file with the server (a cheap 304 when unchanged), so the
    // precache never mixes files of two builds.
    await cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'no-cache' })));
    // The page holds everything it needs in memory once started, so the new version may take
    // over at once; the next load uses the new files.
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith('shopkeeper-') && name !== CACHE_NAME)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

async function fromNetworkAndCache(request) {
  const response = await fetch(request);
  // Only complete, same-origin answers are worth keeping (no partial or opaque responses).
  if (response.ok && response.status === 200 && response.type === 'basic') {
    const cache = await caches.open(CACHE_NAME);
    await cache.put(request, response.clone());
  }
  return response;
}

async function handle(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
  if (cached) return cached;
  try {
    return await fromNetworkAndCache(request);
  } catch (err) {
    if (request.mode === 'navigate') {
      const shell = (await cache.match('index.html')) || (await cache.match('./'));
      if (shell) return shell;
    }
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Range requests (media) are not cached; let the browser handle them.
  if (request.headers.has('range')) return;
  event.respondWith(handle(request));
});
