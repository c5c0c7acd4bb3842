/**
 * A course says honestly what it offers in each language, on its card and
 * outline (issue 26): the whole course, the first modules only, or some of
 * them, in the reader's language (French with its narrow no-break space before the colon).
 */
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { languageCoverage } from "~/catalog/views.server";
import { coverageText } from "~/components/course-card";
import { messages } from "~/i18n/messages";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "content", cacheDir: path.join(".cache", "test-coverage") });
}, 120_000);

const line = (slug: string, lang: "en" | "fr" | "sw") =>
  languageCoverage(catalog.courses.get(slug)!)
    .map((c) => coverageText(c, lang, messages[lang].pages))
    .join(" · ");

it("names the languages the governance course is whole in, and how far its Swahili goes", () => {
  expect(line("coop-governance-essentials", "en")).toBe("English · Français · Kiswahili: modules 1–2 of 6");
  expect(line("coop-governance-essentials", "fr")).toBe("English · Français · Kiswahili\u202f: modules 1 à 2 sur 6");
  expect(line("coop-governance-essentials", "sw")).toBe("English · Français · Kiswahili: moduli 1–2 kati ya 6");
});

it("counts the modules a language has when they are not the first ones", () => {
  const some = { code: "sw" as const, name: "Kiswahili", modules: 1, total: 6, firstRun: null };
  expect(coverageText(some, "en", messages.en.pages)).toBe("Kiswahili: 1 of 6 modules");
  expect(coverageText(some, "fr", messages.fr.pages)).toBe("Kiswahili\u202f: 1 module sur 6");
});
