/**
 * French modules get French spacing whatever the trainer typed: a narrow no-break space before : ; ! ? and »
 * and after «, so a phone never starts a line with a colon; code is left as written.
 */
import { expect, it } from "vitest";
import path from "node:path";
import { loadCatalog } from "~/catalog/catalog.server";
import { compileModule } from "~/catalog/compile.server";
import { frenchSpaces, withFrenchSpaces } from "~/catalog/french-spaces";
import { courseYamlSchema } from "~/catalog/schemas";
import { choiceId } from "~/catalog/remark-quiz";

it("puts a narrow no-break space where the writer typed an ordinary one, and adds none", () => {
  expect(frenchSpaces("Note : lisez ! « Oui » ; non ?")).toBe("Note\u202f: lisez\u202f! «\u202fOui\u202f»\u202f; non\u202f?");
  expect(frenchSpaces("https://example.org et 14:30")).toBe("https://example.org et 14:30");
});

it("a French module is rendered with it, its code untouched", async () => {
  const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  const course = catalog.courses.get("sample-course")!;
  const html = course.modules[0]!.variants.fr!.segments.map((s) => (s.type === "html" ? s.html : "")).join("");
  expect(html).toContain("Retenez ceci\u202f: un ");
  expect(html).toContain(", une voix\u202f! Le «\u202fcapital\u202f» sert les membres\u202f;");
  expect(html).toContain("<code>statuts : article 3</code>");
  expect(html.replace(/<code>.*?<\/code>/g, "")).not.toMatch(/ [:;!?]( |<)/);
  // The English original is left as it is.
  expect(course.modules[0]!.variants.en!.segments.map((s) => (s.type === "html" ? s.html : "")).join("")).not.toContain("\u202f");
});

it("a course's French title, summary and audience get it too, in course.yaml's translations or as its first language", () => {
  const yaml = courseYamlSchema.parse({
    title: "Governance: the basics",
    summary: "Who decides?",
    languages: ["en", "fr"],
    translations: { fr: { title: "Gouvernance : les bases", summary: "Qui décide ?", audience: "Pour : les élus" } },
  });
  const fixed = withFrenchSpaces(yaml);
  expect(fixed.title).toBe("Governance: the basics");
  expect(fixed.translations.fr).toMatchObject({ title: "Gouvernance\u202f: les bases", summary: "Qui décide\u202f?", audience: "Pour\u202f: les élus" });
  expect(withFrenchSpaces(courseYamlSchema.parse({ title: "Santé : débuter", summary: "Quoi ?", languages: ["fr"] })).title).toBe("Santé\u202f: débuter");
});

it("spaces a French module's title and the words of its components, and leaves its quizzes as written (a choice's id is a hash of its label)", async () => {
  const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  const course = catalog.courses.get("sample-course")!;
  const first = course.modules[0]!.variants.fr!;
  expect(first.frontmatter.title).toBe("Premier module\u202f: bienvenue");
  expect(first.terms.map((t) => t.definition)).toContain("Réunion de tous les membres\u202f; elle décide.");
  const quiz = course.modules[1]!.variants.fr!.quizzes[0]!;
  expect(quiz.questions[0]!.prompt).toBe("Qui élit le conseil ?");
  const choice = (quiz.questions[0] as { choices: { id: string; label: string }[] }).choices[0]!;
  expect(choice.id).toBe(choiceId(quiz.id, quiz.questions[0]!.id, choice.label));
});

it("leaves a French quiz's choices as written, so their ids do not change with the spacing", async () => {
  const source = [
    "---",
    "title: Quiz",
    "minutes: 5",
    "---",
    "",
    "Texte : oui.",
    "",
    '<Quiz id="q">',
    '  <Question id="a" prompt="Qui décide ?">',
    "    <Choice correct>Les membres : en assemblée</Choice>",
    "    <Choice>Le gérant !</Choice>",
    "  </Question>",
    "</Quiz>",
    "",
  ].join("\n");
  const result = await compileModule({
    file: "01-quiz.fr.mdx",
    source,
    cwd: path.resolve("tests/fixtures/content-good/courses/sample-course"),
    courseSlug: "sample-course",
    language: "fr",
    defaultPassMark: 0.5,
  });
  const question = result.module!.quizzes[0]!.questions[0] as { id: string; choices: { id: string; label: string }[] };
  expect(question.choices.map((c) => c.label)).toEqual(["Les membres : en assemblée", "Le gérant !"]);
  expect(question.choices.map((c) => c.id)).toEqual(question.choices.map((c) => choiceId("q", "a", c.label)));
  expect(result.module!.segments.map((s) => (s.type === "html" ? s.html : "")).join("")).toContain("Texte\u202f: oui.");
});
