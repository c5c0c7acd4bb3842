import type { Language } from "~/i18n/language";
import { LANGUAGES } from "./languages.server";
import { readCookie, serializeCookie } from "~/auth/cookies.server";
import type { User } from "~/db/schema";
import type { RequestLike } from "~/utils/request-like";

export const LANG_COOKIE = "campus_lang";

const isLanguage = (x: unknown): x is Language => typeof x === "string" && (LANGUAGES as readonly string[]).includes(x);

/** The first supported language in an Accept-Language header, by quality. */
export function fromAcceptLanguage(header: string | null): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { lang: tag!.trim().toLowerCase().split("-")[0]!, q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLanguage);
}

/** The person's language: their setting, then the language cookie, then the browser's, then English. */
export function negotiateLanguage(request: RequestLike, user: Pick<User, "locale"> | null): Language {
  if (user && isLanguage(user.locale)) return user.locale;
  const cookie = readCookie(request, LANG_COOKIE);
  if (isLanguage(cookie)) return cookie;
  return fromAcceptLanguage(request.headers.get("Accept-Language")) ?? "en";
}

export function languageCookie(request: Request, lang: Language) {
  return serializeCookie(request, LANG_COOKIE, lang, { maxAgeSeconds: 365 * 24 * 3600, httpOnly: false });
}
