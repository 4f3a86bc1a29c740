// Keeps one page, the person's own crisis plan, readable without a network. Only that page and its
// styles are stored. A 404 (someone else signed in, or the person turned this off) deletes the copy;
// being signed out neither stores nor deletes, so a lapsed session does not take the plan away.
const CACHE = 'lb-crisis-v1';
const PAGE = '/plans/crisis/offline';
const ASSETS = ['/vendor/nhsuk/nhsuk-frontend.min.css', '/css/site.css'];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

async function keep(response) {
  if (response.ok && !response.redirected) {
    const cache = await caches.open(CACHE);
    await cache.put(PAGE, response.clone());
    await Promise.all(ASSETS.map(async (a) => {
      try { await cache.put(a, await fetch(a)); } catch { /* styles are optional */ }
    }));
  } else if (response.status === 404) {
    await caches.delete(CACHE);
  }
  return response;
}

self.addEventListener('message', (event) => {
  if (event.data === 'refresh') {
    event.waitUntil(fetch(PAGE, { credentials: 'same-origin', cache: 'no-store' }).then(keep).catch(() => undefined));
  } else if (event.data === 'clear') {
    event.waitUntil(caches.delete(CACHE));
  }
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || event.request.method !== 'GET') {
    return;
  }
  if (url.pathname === PAGE) {
    event.respondWith(fetch(event.request).then(keep).catch(async () =>
      (await caches.match(PAGE)) ?? new Response('Your crisis plan is not stored on this device.', {
        status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      })));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(fetch(event.request).catch(async () => (await caches.match(url.pathname)) ?? Response.error()));
  }
});
