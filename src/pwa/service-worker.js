// XieYu service worker. The server fills in VERSION and PRECACHE when it
// serves /sw.js, so every new build gets a new cache and drops the old one.
//
// Strategy:
// - the app shell and the hashed /pkg assets are cached at install;
// - hashed assets and icons: cache first (their names change with content);
// - pages: network first, a copy is kept so that pages opened once (a
//   booking and its check-in code) still open offline; when neither the
//   network nor the cache has the page, the offline fallback is shown;
// - server functions (/api) and every non-GET request: network only.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const SHELL_CACHE = `xieyu-shell-${VERSION}`;
const PAGE_CACHE = "xieyu-pages";
const OFFLINE_URL = "/offline.html";
const MAX_PAGES = 50;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("xieyu-shell-") && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Booking pages the page may ask to keep, so that a booking and its
// check-in code open offline at the venue.
const KEEPABLE = /^\/my\/bookings(\/\d+)?$/;

async function keepPage(path) {
  const cache = await caches.open(PAGE_CACHE);
  const response = await fetch(path, { credentials: "same-origin" });
  if (response.ok && response.type === "basic") {
    await cache.put(path, response);
    await trimPages(cache);
  }
}

self.addEventListener("message", (event) => {
  // Sent at log-out so that no personal page stays on a shared device.
  if (event.data === "clear-pages") {
    event.waitUntil(caches.delete(PAGE_CACHE));
  } else if (typeof event.data === "string" && event.data.startsWith("cache-page:")) {
    const path = event.data.slice("cache-page:".length);
    if (KEEPABLE.test(path)) {
      event.waitUntil(keepPage(path).catch(() => undefined));
    }
  }
});

async function trimPages(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) {
    await cache.delete(key);
  }
}

async function networkFirst(request) {
  const cache = await caches.open(PAGE_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      await cache.put(request, response.clone());
      await trimPages(cache);
    }
    return response;
  } catch (error) {
    const cached = (await cache.match(request)) || (await caches.match(request));
    return cached || (await caches.match(OFFLINE_URL)) || Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(cacheFirst(request));
  }
});
