// Keeps the console's own files, so that it opens again without a network (a reload at a
// commune fair whose signal dropped): network first, the last copy when offline. The API
// is never kept here: its answers are the server's, and writes wait in js/offline.js.
const CACHE = 'jobfair-console';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api')) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(event.request).then((kept) => kept ?? Response.error())),
  );
});
