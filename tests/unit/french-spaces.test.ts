/**
 * French modules get French spacing whatever the trainer typed: a narrow no-break space before : ; ! ? and »
 * and after «, so a phone never starts a line with a colon; code is left as written.
 */
import { expect, it } from "vitest";
import { loadCatalog } from "~/catalog/catalog.server";
import { frenchSpaces, withFrenchSpaces } from "~/catalog/french-spaces";
import { courseYamlSchema } from "~/catalog/schemas";

it("puts a narrow no-break space where the writer typed an ordinary one, and adds none", () => {
  expect(frenchSpaces("Note : lisez ! « Oui » ; non ?")).toBe("Note\u202f: lisez\u202f! «\u202fOui\u202f»\u202f; non\u202f?");
  expect(frenchSpaces("https://example.org et 14:30")).toBe("https://example.org et 14:30");
});

it("a French module is rendered with it, its code untouched", async () => {
  const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  const course = catalog.courses.get("sample-course")!;
  const html = course.modules[0]!.variants.fr!.segments.map((s) => (s.type === "html" ? s.html : "")).join("");
  expect(html).toContain("Retenez ceci\u202f: un membre, une voix\u202f! Le «\u202fcapital\u202f» sert les membres\u202f;");
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
