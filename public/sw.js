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
 * - A page that is not saved gets an offline page made here, in the learner's
 *   language (the page tells this worker its texts), styled by the site's own
 *   stylesheet, and listing what is saved on this phone, with links.
 */
const SHELL = "campus-shell-v2";
const SAVED_PREFIX = "campus-saved-";
const META = "campus-meta";
const OFFLINE_PAGE = "/offline.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll([OFFLINE_PAGE, "/favicon.svg", "/manifest.webmanifest", "/icon-192.png"]))
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

/** The learner's language, the offline page's texts in it, and the stylesheet's address, as the page last said. */
async function setPageInfo(info) {
  const meta = await caches.open(META);
  await meta.put("/__campus/page", new Response(JSON.stringify(info), { headers: { "Content-Type": "application/json" } }));
  // The stylesheet is a hashed build asset: kept with the shell, so that the offline page is styled without a network.
  if (info.stylesheet) {
    const shell = await caches.open(SHELL);
    if (!(await shell.match(info.stylesheet))) {
      try {
        const response = await fetch(info.stylesheet);
        if (response.ok) await shell.put(info.stylesheet, response);
      } catch {
        /* offline: next time */
      }
    }
  }
}

const text = (v, max) => (typeof v === "string" ? v.slice(0, max) : "");

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "session") return;
  const key = typeof data.key === "string" && /^[0-9a-f]{16,64}$/.test(data.key) ? data.key : null;
  const texts = data.texts && typeof data.texts === "object" ? data.texts : null;
  // A page that sends no texts (most pages) changes only the session: the offline page keeps its last texts.
  if (!texts) {
    event.waitUntil(setSession(key));
    return;
  }
  const info = {
    // Any language the site has: a language tag, such as sw or pt-BR (the texts come from the page itself).
    lang: typeof data.lang === "string" && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(data.lang) ? data.lang : "en",
    stylesheet: typeof data.stylesheet === "string" && /^\/assets\/[\w.-]+\.css$/.test(data.stylesheet) ? data.stylesheet : null,
    texts: Object.fromEntries(["title", "lead", "nothing", "retry", "myLearning", "brand"].map((k) => [k, text(texts[k], 400)])),
  };
  event.waitUntil(Promise.all([setSession(key), setPageInfo(info)]));
});

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** What this person saved on this phone: each page's address and its title (from the saved page itself). */
async function savedPages() {
  const key = await currentKey();
  if (!key) return [];
  const cache = await caches.open(SAVED_PREFIX + key);
  const pages = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const html = response ? await response.text() : "";
    const title = (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? new URL(request.url).pathname).replace(/ · Co-op Campus$/, "");
    pages.push({ path: new URL(request.url).pathname, title });
  }
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

/** The offline page, in the learner's language, listing what is saved. */
async function offlinePage() {
  const meta = await caches.open(META);
  const stored = await meta.match("/__campus/page");
  const info = stored ? await stored.json() : null;
  if (!info || !info.texts || !info.texts.title) return (await caches.match(OFFLINE_PAGE)) || Response.error();
  const t = info.texts;
  const pages = await savedPages();
  const list = pages.length
    ? `<p>${escapeHtml(t.lead)}</p><ul class="outline">${pages.map((p) => `<li><a href="${escapeHtml(p.path)}">${escapeHtml(p.title)}</a></li>`).join("")}</ul>`
    : `<p>${escapeHtml(t.nothing)}</p>`;
  const html = `<!doctype html><html lang="${info.lang}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t.title)} · Co-op Campus</title>${info.stylesheet ? `<link rel="stylesheet" href="${escapeHtml(info.stylesheet)}">` : ""}<link rel="icon" href="/favicon.svg" type="image/svg+xml"></head><body><header class="site-header"><div class="bar"><a class="brand" href="/">${escapeHtml(t.brand || "Co-op Campus")}</a></div></header><main class="page reading"><h1>${escapeHtml(t.title)}</h1>${list}<p>${escapeHtml(t.retry)}</p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

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
    return offlinePage();
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
