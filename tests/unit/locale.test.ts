import { describe, expect, it } from "vitest";
import { fromAcceptLanguage, negotiateLanguage } from "~/i18n/locale.server";

describe("language negotiation", () => {
  it("reads Accept-Language by quality, keeping only supported languages", () => {
    expect(fromAcceptLanguage("fr-CM,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(fromAcceptLanguage("de-DE,sw;q=0.5,en;q=0.4")).toBe("sw");
    expect(fromAcceptLanguage("en;q=0.2, sw-KE;q=0.9")).toBe("sw");
    expect(fromAcceptLanguage("de,it")).toBeUndefined();
    expect(fromAcceptLanguage(null)).toBeUndefined();
  });

  it("prefers the person's setting, then the cookie, then the browser, then English", () => {
    const req = (headers: Record<string, string>) => new Request("http://localhost/", { headers });
    expect(negotiateLanguage(req({ "Accept-Language": "fr", Cookie: "campus_lang=sw" }), { locale: "en" })).toBe("en");
    expect(negotiateLanguage(req({ "Accept-Language": "fr", Cookie: "campus_lang=sw" }), null)).toBe("sw");
    expect(negotiateLanguage(req({ "Accept-Language": "fr", Cookie: "campus_lang=xx" }), null)).toBe("fr");
    expect(negotiateLanguage(req({}), null)).toBe("en");
  });
});
