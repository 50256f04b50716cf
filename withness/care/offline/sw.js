// withness's own service worker. It does one thing: keep Help now and the safety plan
// readable without a connection, once they have been visited. Nothing else is cached,
// nothing is sent anywhere, and signing out forgets the saved plan.
const CACHE = "withness-care-v1";
const KEPT = ["/help-now/", "/care/safety-plan/"];
const PRIVATE = "/care/safety-plan/";
const SIGN_OUT = "/account/logout/";
const ASSETS = /(?:href|src)="(\/static\/[^"]+\.(?:css|js|svg|png))"/g;

async function keep(cache, url, response) {
  await cache.put(url, response.clone());
  const html = await response.text();
  const assets = [...html.matchAll(ASSETS)].map((match) => match[1]);
  await Promise.all(assets.map((asset) => cache.add(asset).catch(() => undefined)));
}

async function fetchAndKeep(request, path) {
  const cache = await caches.open(CACHE);
  const response = await fetch(request);
  if (response.ok && !response.redirected) {
    await keep(cache, request.url, response.clone());
    await cache.put(path, response.clone());
  } else if (path === PRIVATE) {
    // Signed out, or someone else signed in: the saved plan is no longer theirs to show.
    await cache.delete(PRIVATE);
  }
  return response;
}

async function fromCache(request, path) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) || (await cache.match(path)) || Response.error();
}

self.addEventListener("install", (event) => {
  // Help now is public: keep it from the start, so it is there the first time it is needed.
  event.waitUntil(
    fetchAndKeep(new Request("/help-now/", { credentials: "same-origin" }), "/help-now/")
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.method === "POST" && url.pathname === SIGN_OUT) {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.delete(PRIVATE)));
    return;
  }
  if (event.request.method !== "GET") return;
  if (KEPT.includes(url.pathname)) {
    // Network first, so the page is always fresh when there is a connection.
    event.respondWith(
      fetchAndKeep(event.request, url.pathname).catch(() => fromCache(event.request, url.pathname)),
    );
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(
      fetch(event.request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match(event.request)).then((hit) => hit || Response.error()),
      ),
    );
  }
});
