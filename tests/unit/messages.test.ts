import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { format, percent } from "~/i18n/i18n";
import { messages } from "~/i18n/messages";
import * as catalogs from "~/i18n/catalogs";
import { catalogProblems, catalogTypes, flatten } from "~/i18n/catalog-check.server";
import { enFallback } from "~/i18n/fallback";

describe("interface catalogs (ICU MessageFormat)", () => {
  it("French and Swahili have every English key, no other, and the same placeholders and tags", () => {
    for (const [lang, catalog] of Object.entries(catalogs)) expect(catalogProblems(catalogs.en, catalog, lang)).toEqual([]);
  });

  it("refuses a missing key, an extra key, a renamed placeholder, a lost tag and a message that does not parse", () => {
    const en = { a: { hello: "Hello {name}", count: "{n, plural, one {# course} other {# courses}}", link: "<login>Log in</login> first" } };
    const xx = {
      a: { hello: "Salut {nom}", count: "{n, plural, one {# cours} other {# cours}", link: "Connectez-vous d’abord" },
      b: { extra: "Extra" },
    };
    expect(catalogProblems(en, xx, "xx")).toEqual([
      "xx: a.hello has placeholders nom; English has name",
      expect.stringMatching(/^xx: a\.count does not parse/),
      "xx: a.link has placeholders none; English has login (tag)",
      "xx: b.extra is not in the English catalog",
    ]);
    expect(catalogProblems(en, { a: { hello: "Salut {name}" } }, "xx")).toEqual(["xx: a.count is missing", "xx: a.link is missing"]);
  });

  it("keeps the generated types in step with the English catalog (run `npm run i18n` after editing it)", () => {
    expect(readFileSync("app/i18n/catalog-types.ts", "utf8")).toBe(catalogTypes(catalogs.en));
  });

  it("keeps the browser's fallback texts plain, so that the browser needs no message parser for them", () => {
    for (const [key, text] of flatten(enFallback)) expect(text, key).not.toMatch(/[{}<]/);
  });

  it("formats numbers, percentages and plurals by the language's rules", () => {
    expect(format("fr", messages.fr.module.moduleOf, { n: 1, total: 1200 })).toBe("Module 1 sur 1\u202f200");
    expect(percent("fr", 0.8)).toBe("80\u202f%"); // a narrow no-break space before %, as French typography has it
    expect(percent("en", 0.8)).toBe("80%");
    expect(format("en", messages.en.quiz.attemptsAll, { n: 1 })).toBe("You have 1 attempt in all.");
    expect(format("fr", messages.fr.quiz.attemptsAll, { n: 3 })).toBe("Vous avez 3 essais en tout.");
  });

  it("keeps plain messages as plain strings, and parses the rest once, at start", () => {
    expect(messages.en.layout.skip).toBe("Skip to content");
    expect(messages.en.module.moduleOf).toHaveProperty("icu");
  });
});
