import { describe, expect, it } from "vitest";
import { format, messages, percent, plural } from "~/i18n/i18n";

const keys = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
const placeholders = (o: object): string[] =>
  JSON.stringify(o)
    .match(/\{\w+\}/g)
    ?.sort() ?? [];

describe("interface messages", () => {
  it("French and Swahili have every English key, and the same placeholders", () => {
    // The type check already refuses a missing key; this also catches a lost {placeholder}.
    for (const lang of ["fr", "sw"] as const) {
      expect(keys(messages[lang])).toEqual(keys(messages.en));
      expect(placeholders(messages[lang])).toEqual(placeholders(messages.en));
    }
  });

  it("format numbers, percentages and plurals with Intl", () => {
    expect(format("fr", "Module {n} sur {total}", { n: 1, total: 1200 })).toBe("Module 1 sur 1\u202f200");
    expect(percent("fr", 0.8)).toBe("80\u202f%"); // a narrow no-break space before %, as French typography has it
    expect(percent("en", 0.8)).toBe("80%");
    expect(plural("en", messages.en.quiz.attemptsAll, 1)).toBe("You have 1 attempt in all.");
    expect(plural("fr", messages.fr.quiz.attemptsAll, 3)).toBe("Vous avez 3 essais en tout.");
  });
});
