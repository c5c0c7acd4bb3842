/*
 * Co-op Campus service worker: offline reading of saved courses.
 *
 * - Hashed build assets (/assets/…) are immutable: served from the cache
 *   first, stored as they are fetched.
 * - Pages always come from the network while there is one. When there is
 *   none, a module the learner saved opens from this session's cache; any
 *   other page gets the offline page.
 * - Saved pages live in a cache named after the signed-in session
 *   ("campus-saved-<key>"). Only the current session's cache is ever read,
 *   and every saved cache is deleted when the page says nobody is signed in
 *   (logout); the logout response also sends Clear-Site-Data.
 * - Nothing else is cached: no dashboard, no data request, no POST.
 */
const SHELL = "campus-shell-v1";
const SAVED_PREFIX = "campus-saved-";
const META = "campus-meta";
const OFFLINE_PAGE = "/offline.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll([OFFLINE_PAGE, "/favicon.svg", "/manifest.webmanifest"]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("campus-shell-") && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function currentKey() {
  const meta = await caches.open(META);
  const response = await meta.match("/__campus/session");
  return response ? response.text() : null;
}

async function setSession(key) {
  const meta = await caches.open(META);
  const names = await caches.keys();
  // Another person's (or a logged-out session's) saved pages never outlive the switch.
  await Promise.all(names.filter((n) => n.startsWith(SAVED_PREFIX) && n !== SAVED_PREFIX + key).map((n) => caches.delete(n)));
  if (key) await meta.put("/__campus/session", new Response(key));
  else await meta.delete("/__campus/session");
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "session") event.waitUntil(setSession(typeof data.key === "string" && /^[0-9a-f]{16,64}$/.test(data.key) ? data.key : null));
});

async function fromSaved(request) {
  const key = await currentKey();
  if (!key) return undefined;
  const cache = await caches.open(SAVED_PREFIX + key);
  const url = new URL(request.url);
  return cache.match(url.origin + url.pathname, { ignoreSearch: true });
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const saved = await fromSaved(request);
    if (saved) return saved;
    const offline = await caches.match(OFFLINE_PAGE);
    return offline || Response.error();
  }
}

async function asset(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(asset(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request));
  }
});
