/**
 * Where to send someone after they log in, sign up or change a setting: a
 * path on this site, never another. The target is parsed as a URL against
 * the site's own origin, the way a browser would read it (tabs and newlines
 * dropped, backslashes read as slashes, dot segments resolved, percent-
 * encoding kept), must stay on that origin, and is reduced to its path and
 * query: no scheme, host or fragment, nothing a browser could read as
 * `//another.site`, and only printable ASCII (so no input can make the
 * redirect's Location header fail). Anything else falls back.
 */
const BASE = "http://campus.invalid";

export function safeRedirect(to: unknown, fallback = "/learn"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000 || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const target = url.pathname + url.search;
  // A path that starts with two slashes (or a slash and a backslash) is another host to a browser.
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (!/^[\x21-\x7e]+$/.test(target)) return fallback;
  return target;
}
