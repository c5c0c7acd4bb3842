/**
 * The house style (`content check --strict`) names what a full course's
 * module lacks, in the file where it lacks it; a short course (`format:
 * short`) and a draft are held only to what makes a course work.
 */
import { expect, it } from "vitest";
import { loadCatalog } from "~/catalog/catalog.server";
import { houseStyleProblems, readingWords } from "~/catalog/house-style.server";

it("counts the words a learner reads: not the frontmatter, the quiz or component tags", () => {
  expect(readingWords('---\ntitle: "A b c"\n---\nOne two <Activity title="x y z">three</Activity>\n<Quiz id="q">four five</Quiz> 42')).toBe(3);
});

it("reports each missing part of a full course's module, by file", async () => {
  const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  const problems = houseStyleProblems(catalog);
  const second = problems.filter((p) => p.file.endsWith("sample-course/02-second.mdx")).map((p) => p.message);
  expect(second).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^house style: 800 to 1500 words of reading \(this one has \d+\)$/),
      "house style: the module has a case study (<CaseStudy>)",
      expect.stringMatching(/^house style: the module ends with sources with a year/),
    ]),
  );
  expect(problems.every((p) => p.severity === "error")).toBe(true);
  // A draft course is not held to it.
  expect(problems.filter((p) => p.file.includes("draft-course"))).toEqual([]);
  // A short course is not either.
  for (const course of catalog.courses.values()) (course.meta as { format: string }).format = "short";
  expect(houseStyleProblems(catalog)).toEqual([]);
});
