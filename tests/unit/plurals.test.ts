/**
 * Plurals by each language's own rules (CLDR through Intl.PluralRules): French
 * counts 0 and 1 as singular ("0 module terminé"), English only 1, and the
 * Swahili forms are the class agreement of the noun. French typography: a
 * narrow no-break space before : ; ! ? and %, a no-break space in "12 Ko".
 */
import { describe, expect, it } from "vitest";
import { messages } from "~/i18n/messages";
import { format, percent } from "~/i18n/format";
import * as catalogs from "~/i18n/catalogs";
import { formatBytes } from "~/utils/bytes";

const done = (lang: "en" | "fr" | "sw", n: number) => format(lang, messages[lang].pages.modulesDone, { n, done: n, total: 2 });

describe("plurals by the language's rules", () => {
  it("counts modules done: 0, 1 and 2 in each language", () => {
    expect([0, 1, 2].map((n) => done("en", n))).toEqual(["0 of 2 modules complete", "1 of 2 modules complete", "2 of 2 modules complete"]);
    expect([0, 1, 2].map((n) => done("fr", n))).toEqual(["0\u00a0module terminé sur 2", "1\u00a0module terminé sur 2", "2\u00a0modules terminés sur 2"]);
    expect([0, 1, 2].map((n) => done("sw", n))).toEqual([
      "Moduli 0 kati ya 2 zimekamilika",
      "Moduli 1 kati ya 2 imekamilika",
      "Moduli 2 kati ya 2 zimekamilika",
    ]);
  });

  it("counts modules in a course: 0, 1 and 2 in each language", () => {
    const modules = (lang: "en" | "fr" | "sw", n: number) => format(lang, messages[lang].pages.modules, { n });
    expect([0, 1, 2].map((n) => modules("en", n))).toEqual(["0 modules", "1 module", "2 modules"]);
    expect([0, 1, 2].map((n) => modules("fr", n))).toEqual(["0 module", "1 module", "2 modules"]);
    expect([0, 1, 2].map((n) => modules("sw", n))).toEqual(["moduli 0", "moduli 1", "moduli 2"]);
  });
});

describe("French typography", () => {
  it("puts a narrow no-break space before : ; ! ? and in percentages, and writes Ko and Mo", () => {
    for (const [key, text] of Object.entries(catalogs.fr.offline)) expect(text, key).not.toMatch(/ [:;!?]/);
    expect(format("fr", messages.fr.quiz.nextModule, { title: "Le conseil" })).toBe("Module suivant\u202f: Le conseil");
    expect(percent("fr", 0.5)).toBe("50\u202f%");
    expect(formatBytes(38 * 1024, "fr")).toBe("38\u00a0Ko");
    expect(formatBytes(1.5 * 1024 * 1024, "fr")).toBe("1,5\u00a0Mo");
    expect(formatBytes(38 * 1024, "en")).toBe("38\u00a0KB");
  });

  it("leaves no ordinary space before a colon, semicolon, exclamation or question mark anywhere in the French texts", () => {
    const bad: string[] = [];
    const walk = (o: unknown, path: string) => {
      if (typeof o === "string") {
        if (/ [:;!?](\s|$)/.test(o)) bad.push(`${path}: ${o}`);
      } else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    };
    walk(catalogs.fr, "fr");
    expect(bad).toEqual([]);
  });
});
