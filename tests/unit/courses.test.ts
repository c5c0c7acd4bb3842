import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import type { Language } from "~/catalog/types";

/**
 * The three real courses (issue #7): each has its modules, each module its
 * quiz, activities, a case study, key points and sources, in every language
 * it promises, with the same quiz ids everywhere; `content check` is clean.
 */
const COURSES: { slug: string; modules: string[]; swahili: string[] }[] = [
  {
    slug: "coop-governance-essentials",
    modules: [
      "the-cooperative-identity",
      "members-and-the-general-assembly",
      "the-board-and-the-manager",
      "money-and-accountability",
      "inclusive-participation",
      "the-law-and-the-state",
    ],
    swahili: ["the-cooperative-identity", "members-and-the-general-assembly"],
  },
  {
    slug: "health-services-through-coops",
    modules: [
      "why-coops-in-health",
      "universal-health-coverage",
      "primary-care-and-community-health-workers",
      "financing-care",
      "quality-and-patient-safety",
      "working-with-partners",
    ],
    swahili: [],
  },
  {
    slug: "kenya-cameroon-pilots",
    modules: ["saccos-raising-health-awareness", "farmers-coops-and-health-mutuals", "planning-step-by-step", "measuring-and-sharing"],
    swahili: ["saccos-raising-health-awareness", "farmers-coops-and-health-mutuals", "planning-step-by-step", "measuring-and-sharing"],
  },
];
const sourcesHeading: Record<Language, string> = { en: "## Sources", fr: "## Sources", sw: "## Vyanzo" };

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "content", cacheDir: path.join(".cache", "test-courses") });
}, 120_000);

/** Words of reading text: frontmatter, the quiz and component attributes left out. */
function readingWords(source: string) {
  const text = source
    .replace(/^---[\s\S]*?---/, "")
    .replace(/<Quiz[\s\S]*?<\/Quiz>/, "")
    .replace(/<[^>]+>/g, " ");
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

describe("the course catalogue in content/", () => {
  it("passes content check with no error and no warning", () => {
    expect(catalog.problems).toEqual([]);
  });

  for (const spec of COURSES) {
    describe(spec.slug, () => {
      it("has its modules in order, in English and French, and in Swahili where promised", () => {
        const course = catalog.courses.get(spec.slug)!;
        expect(course, spec.slug).toBeDefined();
        expect(course.meta.draft).toBe(false);
        expect(course.modules.map((m) => m.slug)).toEqual(spec.modules);
        expect(course.meta.translations.fr?.title, "French course title").toBeTruthy();
        if (spec.swahili.length === spec.modules.length) expect(course.meta.translations.sw?.title, "Swahili course title").toBeTruthy();
        for (const m of course.modules) {
          const languages = Object.keys(m.variants).sort();
          expect(languages, m.slug).toEqual(spec.swahili.includes(m.slug) ? ["en", "fr", "sw"] : ["en", "fr"]);
        }
      });

      it("gives every module a quiz of 5 to 8 mixed questions, each explained, with the same ids in every language", () => {
        for (const m of catalog.courses.get(spec.slug)!.modules) {
          expect(m.quizzes, m.slug).toHaveLength(1);
          const quiz = m.quizzes[0]!;
          expect(quiz.questions.length, m.slug).toBeGreaterThanOrEqual(5);
          expect(quiz.questions.length, m.slug).toBeLessThanOrEqual(8);
          expect(new Set(quiz.questions.map((q) => q.kind)).size, `${m.slug}: kinds`).toBeGreaterThanOrEqual(3);
          const ids = (qz: typeof quiz) => [qz.id, ...qz.questions.map((q) => q.id)];
          for (const [language, variant] of Object.entries(m.variants)) {
            const translated = variant!.quizzes[0]!;
            expect(ids(translated), `${m.slug} (${language})`).toEqual(ids(quiz));
            for (const q of translated.questions) expect(q.explanation?.length ?? 0, `${m.slug} (${language}) ${q.id}`).toBeGreaterThan(20);
          }
        }
      });

      it("writes every module as the issue asks: 800 to 1,500 words, an activity, a case study, key points, glossary terms, sources", () => {
        for (const m of catalog.courses.get(spec.slug)!.modules) {
          for (const language of Object.keys(m.variants) as Language[]) {
            const file = language === "en" ? m.file : m.file.replace(/\.mdx$/, `.${language}.mdx`);
            const source = fs.readFileSync(file, "utf8");
            const label = `${m.slug} (${language})`;
            if (language === "en") {
              expect(readingWords(source), `${label}: words`).toBeGreaterThanOrEqual(800);
              expect(readingWords(source), `${label}: words`).toBeLessThanOrEqual(1500);
            }
            expect(source, label).toMatch(/<Activity\b/);
            expect(source, label).toMatch(/<CaseStudy\b/);
            expect(source, label).toMatch(/<KeyPoints>/);
            expect(m.variants[language]!.terms.length, `${label}: glossary terms`).toBeGreaterThan(0);
            const sources = source.split(sourcesHeading[language])[1] ?? "";
            expect(sources.match(/^- .+, \d{4}/gm)?.length ?? 0, `${label}: sources with a year`).toBeGreaterThan(0);
          }
        }
      });
    });
  }
});
