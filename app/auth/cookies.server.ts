import type { RequestLike } from "~/utils/request-like";

/** The session cookie: HttpOnly, SameSite=Lax, Secure whenever the site is reached over HTTPS. */
export const SESSION_COOKIE = "campus_session";

export function readCookie(request: RequestLike, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** True when the browser reached us over HTTPS, directly or through a proxy that says so. */
export function isSecureRequest(request: RequestLike): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  const forwarded = request.headers.get("X-Forwarded-Proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https";
}

export function serializeCookie(
  request: RequestLike,
  name: string,
  value: string,
  options: { maxAgeSeconds?: number; expires?: Date; httpOnly?: boolean } = {},
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (options.httpOnly !== false) parts.push("HttpOnly");
  if (isSecureRequest(request)) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  return parts.join("; ");
}

export function sessionCookie(request: RequestLike, token: string, expiresAt: Date) {
  return serializeCookie(request, SESSION_COOKIE, token, {
    expires: expiresAt,
    maxAgeSeconds: (expiresAt.getTime() - Date.now()) / 1000,
  });
}

export function clearSessionCookie(request: RequestLike) {
  return serializeCookie(request, SESSION_COOKIE, "", { maxAgeSeconds: 0, expires: new Date(0) });
}
