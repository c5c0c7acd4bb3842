/**
 * Offline reading and offline quiz answers, in the browser only.
 *
 * - Saved pages: the course outline's button stores the course's module pages
 *   (and the build assets they load) in the Cache API, under the signed-in
 *   session's key; the service worker (public/sw.js) serves them when there is
 *   no network.
 * - Waiting answers: a quiz submitted while offline is kept in localStorage
 *   under the person's key with the form's idempotency key, and sent when the
 *   connection returns. The server stores one attempt per key, so an answer
 *   sent twice (two tabs, a retry after a lost reply) still counts once.
 */
import { attemptsUrlOf } from "~/quizzes/replies";

export const SAVED_PREFIX = "campus-saved-";
const SHELL = "campus-shell-v2";
const QUEUE = "campus-pending-answers";
const CHANGED = "campus:pending-changed";

export type PendingAnswer = {
  /** The quiz form's idempotency key. */
  key: string;
  person: string;
  /** The module page the answers belong to; they are sent to its attempts endpoint. */
  action: string;
  quizId: string;
  title: string;
  fields: [string, string][];
  savedAt: number;
};

function readQueue(): PendingAnswer[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(QUEUE) ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as PendingAnswer[]) : [];
  } catch {
    return [];
  }
}

function writeQueue(items: PendingAnswer[]) {
  localStorage.setItem(QUEUE, JSON.stringify(items));
  window.dispatchEvent(new Event(CHANGED));
}

/** This person's answers waiting to be sent. */
export const pendingAnswers = (person: string) => readQueue().filter((p) => p.person === person);

export function enqueueAnswer(item: PendingAnswer) {
  writeQueue([...readQueue().filter((p) => p.key !== item.key), item]);
}

export function onPendingChange(listener: () => void) {
  window.addEventListener(CHANGED, listener);
  window.addEventListener("storage", listener);
  return () => {
    window.removeEventListener(CHANGED, listener);
    window.removeEventListener("storage", listener);
  };
}

let flushing: Promise<number> | null = null;

/**
 * Sends this person's waiting answers, oldest first. An answer leaves the
 * queue once the server has answered it (stored, or refused for good, such
 * as a closed quiz); a network failure or a server error keeps it for later.
 */
export function flushAnswers(person: string): Promise<number> {
  if (flushing) return flushing;
  flushing = (async () => {
    let sent = 0;
    for (const item of pendingAnswers(person).sort((a, b) => a.savedAt - b.savedAt)) {
      try {
        // To the module's attempts endpoint (a small JSON reply), not the page (which would come back whole).
        const response = await fetch(attemptsUrlOf(item.action), {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(item.fields),
        });
        // Kept for later: a server error, a timeout, too many requests, or a session that ended (401) until the
        // person signs in again.
        if (response.status >= 500 || response.status === 408 || response.status === 429 || response.status === 401) continue;
        writeQueue(readQueue().filter((p) => p.key !== item.key));
        if (response.ok) sent++;
      } catch {
        break; // still offline
      }
    }
    return sent;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** What the offline page says, in the learner's language (the worker makes that page when a page is not saved). */
export type OfflinePageTexts = { title: string; lead: string; nothing: string; retry: string; myLearning: string; brand: string };

/**
 * Registers the service worker and tells it whose saved pages it may serve (none when signed out), and the
 * learner's language, the offline page's texts in it and the stylesheet, for the offline page it makes.
 */
export async function startServiceWorker(sessionKey: string | null, page: { lang: string; texts: OfflinePageTexts | null }) {
  if (!("serviceWorker" in navigator)) return;
  if (!sessionKey) await forgetSavedPages();
  await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  const registration = await navigator.serviceWorker.ready;
  const stylesheet = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"][href^="/assets/"]')?.getAttribute("href") ?? null;
  registration.active?.postMessage({ type: "session", key: sessionKey, lang: page.lang, texts: page.texts, stylesheet });
}

/** Deletes every saved page on this device (logout). */
export async function forgetSavedPages() {
  if (!("caches" in window)) return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(SAVED_PREFIX)).map((n) => caches.delete(n)));
}

const assetUrls = (html: string) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);

/** Bytes that crossed the network for a fetch just made (compressed; 0 when the browser's cache answered it). */
function transferred(url: string, fallback: number): number {
  const entry = performance.getEntriesByName(new URL(url, location.origin).href).at(-1) as PerformanceResourceTiming | undefined;
  return entry ? entry.transferSize : fallback;
}

/**
 * Stores the pages for offline reading (the modules, and the course outline and "My learning", so that links
 * between them work offline); returns the bytes downloaded, as the network counted them.
 */
export async function savePages(sessionKey: string, urls: string[]): Promise<number> {
  const saved = await caches.open(SAVED_PREFIX + sessionKey);
  const shell = await caches.open(SHELL);
  const assets = new Set(assetUrls(document.documentElement.outerHTML));
  let bytes = 0;
  for (const url of urls) {
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const html = await response.clone().text();
    bytes += transferred(url, new TextEncoder().encode(html).length);
    for (const a of assetUrls(html)) assets.add(a);
    await saved.put(new URL(url, location.origin).href, response);
  }
  for (const a of assets) {
    if (await shell.match(a)) continue;
    const response = await fetch(a);
    if (response.ok) {
      await shell.put(a, response.clone());
      bytes += transferred(a, Number(response.headers.get("Content-Length") ?? 0));
    }
  }
  return bytes;
}

/** How many of these pages are saved for this session. */
export async function savedCount(sessionKey: string, urls: string[]) {
  if (!("caches" in window)) return 0;
  const cache = await caches.open(SAVED_PREFIX + sessionKey);
  let n = 0;
  for (const url of urls) if (await cache.match(new URL(url, location.origin).href)) n++;
  return n;
}

/**
 * While offline, a click on a link to this site loads the page as a whole
 * document, which the service worker can answer from the saved pages; the
 * app's own in-page navigation would need the network for its data.
 */
export function documentLinksWhileOffline() {
  const onClick = (event: MouseEvent) => {
    if (navigator.onLine || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
    if (!link || link.target || link.hasAttribute("download") || link.origin !== location.origin) return;
    if (link.pathname === location.pathname && link.hash) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    location.assign(link.href);
  };
  window.addEventListener("click", onClick, true);
  return () => window.removeEventListener("click", onClick, true);
}
