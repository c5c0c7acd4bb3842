import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";

/**
 * The three real courses (issue #7): each has its modules in every language
 * it promises, and the whole catalogue passes `content check --strict`, the
 * programme's house style (app/catalog/house-style.server.ts: words,
 * activity, case study, key points, glossary, sources, one quiz of 5 to 8
 * questions with the same ids everywhere).
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

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "content", cacheDir: path.join(".cache", "test-courses") });
}, 120_000);

describe("the course catalogue in content/", () => {
  it("passes content check --strict (the house style) with no error and no warning", () => {
    // The trainers' own command, as they run it before committing.
    const out = execFileSync(process.execPath, ["--import", "tsx", "cli/campus.ts", "content", "check", "--strict", "--json"], {
      encoding: "utf8",
      env: { ...process.env, CONTENT_DIR: "content", CACHE_DIR: path.join(".cache", "test-courses") },
    });
    const report = JSON.parse(out.slice(out.indexOf("{"))) as { problems: unknown[]; errors: number; courses: number };
    expect(report.problems).toEqual([]);
    expect(report.courses).toBeGreaterThanOrEqual(COURSES.length);
  }, 120_000);

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
    });
  }
});
