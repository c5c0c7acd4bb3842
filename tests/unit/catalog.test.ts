import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findCourse, formatProblem, loadCatalog, visibleCourses, visibleModules } from "~/catalog/catalog.server";

const good = "tests/fixtures/content-good";
const broken = "tests/fixtures/content-broken";

describe("catalog discovery", () => {
  it("finds courses, orders modules by number and attaches translations", async () => {
    const catalog = await loadCatalog({ contentDir: good });
    expect(catalog.problems).toEqual([]);
    const course = catalog.courses.get("sample-course")!;
    expect(course.meta).toMatchObject({ title: "Sample course", languages: ["en", "fr"], passMark: 0.6, version: "2" });
    expect(course.modules.map((m) => [m.number, m.slug, m.minutes])).toEqual([
      [1, "first", 5],
      [2, "second", 7],
    ]);
    expect(Object.keys(course.modules[0]!.variants).sort()).toEqual(["en", "fr"]);
    expect(course.modules[0]!.variants.fr!.segments[0]).toMatchObject({ type: "html" });
    expect(course.modules[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("renders MDX to HTML on the server, with the trainers' components and a glossary", async () => {
    const catalog = await loadCatalog({ contentDir: good });
    const first = catalog.courses.get("sample-course")!.modules[0]!.variants.en!;
    const html = first.segments.map((s) => (s.type === "html" ? s.html : "")).join("");
    expect(html).toContain("<strong>members</strong>");
    expect(html).toContain('class="callout callout-tip"');
    expect(html).toContain('id="term-general-assembly"');
  });

  it("labels the components in the module's own language", async () => {
    const catalog = await loadCatalog({ contentDir: good });
    const fr = catalog.courses.get("sample-course")!.modules[0]!.variants.fr!;
    const html = fr.segments.map((s) => (s.type === "html" ? s.html : "")).join("");
    expect(html).toContain("Activité</strong> · Exercice en groupe · environ 5 min");
    expect(html).toContain("Étude de cas · Cameroun");
    expect(html).toMatch(/<h2 id="[^"]+">Points clés<\/h2>/); // every section heading has an address (the list of sections)
    // A table scrolls sideways in a named box that takes the keyboard focus.
    expect(html).toContain('<div class="content-table" role="region" aria-label="Tableau" tabindex="0"><table>');
    expect(html).not.toMatch(/Activity|Case study|Key points|Group exercise/);
  });

  it("lifts quizzes out of the page: a slot stands where the quiz was and no key is in the HTML", async () => {
    const catalog = await loadCatalog({ contentDir: good });
    const second = catalog.courses.get("sample-course")!.modules[1]!;
    const segments = second.variants.en!.segments;
    expect(segments.map((s) => s.type)).toEqual(["html", "quiz", "html"]);
    const html = segments.map((s) => (s.type === "html" ? s.html : "")).join("");
    expect(html).not.toMatch(/correct|The members, at the general assembly|Maximum profit|general assembly/);
    const quiz = second.quizzes[0]!;
    expect(quiz).toMatchObject({ id: "sample-quiz", passMark: 0.5 });
    expect(quiz.questions.map((q) => [q.id, q.kind])).toEqual([
      ["who-elects", "single"],
      ["principles", "multiple"],
      ["one-vote", "truefalse"],
      ["name-it", "text"],
    ]);
  });

  it("hides draft courses and modules from learners and visitors, not from their trainers and admins", async () => {
    const catalog = await loadCatalog({ contentDir: good });
    expect(visibleCourses(catalog, null).map((c) => c.slug)).toEqual(["limited-course", "sample-course"]);
    const learner = { isAdmin: false, trainerOf: new Set<string>() };
    expect(findCourse(catalog, "draft-course", learner)).toBeUndefined();
    expect(findCourse(catalog, "draft-course", { isAdmin: false, trainerOf: new Set(["draft-course"]) })).toBeDefined();
    expect(visibleCourses(catalog, { isAdmin: true, trainerOf: new Set() }).map((c) => c.slug)).toContain("draft-course");
  });
});

describe("catalog validation", () => {
  it("reports every broken file as path:line:col, sorted, and keeps serving the rest", async () => {
    const catalog = await loadCatalog({ contentDir: broken });
    const expected = fs.readFileSync("tests/fixtures/broken-expected.txt", "utf8").trim().split("\n");
    expect(catalog.problems.map(formatProblem)).toEqual(expected);
    // The good module of a course with one broken module still serves.
    expect(visibleModules(catalog.courses.get("bad-mdx")!).map((m) => m.slug)).toEqual(["good"]);
    // A course whose course.yaml is invalid is left out.
    expect(catalog.courses.has("missing-title")).toBe(false);
  });
});

describe("compile cache", () => {
  it("compiles nothing on a start with unchanged content, and only what changed after an edit", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "campus-cache-"));
    const content = path.join(tmp, "content");
    fs.cpSync(good, content, { recursive: true });
    const cacheDir = path.join(tmp, "cache");
    const cold = await loadCatalog({ contentDir: content, cacheDir });
    expect(cold.stats).toMatchObject({ modules: 6, compiled: 6, cached: 0 });
    const warm = await loadCatalog({ contentDir: content, cacheDir });
    expect(warm.stats).toMatchObject({ modules: 6, compiled: 0, cached: 6 });
    const file = path.join(content, "courses/sample-course/01-first.mdx");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Hello", "Jambo"));
    const edited = await loadCatalog({ contentDir: content, cacheDir });
    expect(edited.stats).toMatchObject({ compiled: 1, cached: 5 });
    const html = edited.courses.get("sample-course")!.modules[0]!.variants.en!.segments[0]!;
    expect(html.type === "html" && html.html).toContain("Jambo");
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
