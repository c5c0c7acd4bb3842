/** `content new course|module`: valid starting files with the next free number. */
import fs from "node:fs";
import path from "node:path";
import { courseSlugSchema, moduleFilePattern } from "./schemas";

const titleOf = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, " ");

function moduleTemplate(slug: string) {
  return `---
title: ${titleOf(slug)}
summary: One sentence that tells learners what this module is about.
minutes: 15
---

Start with why this matters to the learner's co-operative, in two or three
short sentences.

## A first section

Write in short sentences. Explain each new word with a
<Term definition="A short, plain definition.">glossary term</Term>.

<Callout kind="tip">A practical tip from the field.</Callout>

<Activity title="Think about your co-op" minutes={5}>
A question the learner answers for their own co-operative.
</Activity>

<KeyPoints>
- The first thing to remember.
- The second thing to remember.
</KeyPoints>

## Check your understanding

<Quiz id="${slug}-check">
  <Question id="first" prompt="Write the question here." explanation="Say why the right answer is right.">
    <Choice correct>The right answer</Choice>
    <Choice>A wrong answer</Choice>
  </Question>
</Quiz>

## Sources

- *Title of a public document*, organisation, year.
`;
}

export class ScaffoldError extends Error {}

/** Sentences the scaffold writes for the trainer to replace: content check warns where one is still there. */
export const SCAFFOLD_TEXT = [
  "One or two sentences for the catalog.",
  "Who the course is for",
  "One sentence that tells learners what this module is about.",
  "Start with why this matters to the learner's co-operative",
  "A short, plain definition.",
  "A practical tip from the field.",
  "A question the learner answers for their own co-operative.",
  "The first thing to remember.",
  "Write the question here.",
  "Say why the right answer is right.",
  "Title of a public document",
];

/** Problems for scaffold text left in a file: each sentence, where it stands. */
export function untouchedScaffold(file: string, source: string) {
  const found: { file: string; line: number; column: number; severity: "warning"; message: string }[] = [];
  for (const text of SCAFFOLD_TEXT) {
    const at = source.indexOf(text);
    if (at < 0) continue;
    const before = source.slice(0, at).split("\n");
    found.push({
      file,
      line: before.length,
      column: before.at(-1)!.length + 1,
      severity: "warning",
      message: `scaffold text still here: "${text}": replace it with your own`,
    });
  }
  return found;
}

function checkSlug(slug: string, what: string) {
  const r = courseSlugSchema.safeParse(slug);
  if (!r.success) throw new ScaffoldError(`${what} "${slug}": ${r.error.issues[0]!.message}`);
}

export function newCourse(contentDir: string, slug: string): string[] {
  checkSlug(slug, "course");
  const dir = path.join(contentDir, "courses", slug);
  if (fs.existsSync(dir)) throw new ScaffoldError(`course "${slug}" already exists at ${dir}`);
  fs.mkdirSync(path.join(dir, "images"), { recursive: true });
  const yaml = path.join(dir, "course.yaml");
  fs.writeFileSync(
    yaml,
    `title: ${titleOf(slug)}
summary: One or two sentences for the catalog.
audience: Who the course is for
languages: [en]
estimatedHours: 1
passMark: 0.7
version: "1"
draft: true # publish by removing this line once content check is clean
`,
  );
  const first = path.join(dir, "01-introduction.mdx");
  fs.writeFileSync(first, moduleTemplate("introduction"));
  return [yaml, first];
}

export function newModule(contentDir: string, course: string, slug: string): string {
  checkSlug(course, "course");
  checkSlug(slug, "module");
  const dir = path.join(contentDir, "courses", course);
  if (!fs.existsSync(path.join(dir, "course.yaml"))) throw new ScaffoldError(`there is no course "${course}" in ${contentDir}`);
  const numbers: number[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = moduleFilePattern.exec(name);
    if (!m) continue;
    if (m[2] === slug) throw new ScaffoldError(`course "${course}" already has a module "${slug}" (${name})`);
    numbers.push(Number(m[1]));
  }
  const next = (numbers.length ? Math.max(...numbers) : 0) + 1;
  const file = path.join(dir, `${String(next).padStart(2, "0")}-${slug}.mdx`);
  fs.writeFileSync(file, moduleTemplate(slug));
  return file;
}
