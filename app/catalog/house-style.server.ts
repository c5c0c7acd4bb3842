/**
 * The programme's house style for a published full course (`format: short`
 * in course.yaml opts a taster out), beyond what makes a
 * course work (which `content check` always reports): every module
 * 800-1,500 words of reading in English, an activity, a case study, key
 * points, glossary terms and sources with a year, in each of its languages;
 * one quiz of 5 to 8 questions of at least three kinds, each explained, with
 * the same ids in every language. `content check --strict` reports these as
 * errors, so a trainer sees them before committing and `npm test` fails on
 * them for the courses in content/.
 */
import fs from "node:fs";
import type { Catalog } from "./catalog.server";
import type { Problem } from "./types";
import type { Language } from "~/i18n/language";

/** The heading of a module's sources, by language ("## Sources" unless a language writes it otherwise). */
const SOURCES_HEADINGS: Partial<Record<Language, string>> = { sw: "## Vyanzo" };
const sourcesHeading = (language: Language) => SOURCES_HEADINGS[language] ?? "## Sources";
export const WORDS = { min: 800, max: 1500 };

/** Words of reading text: frontmatter, the quiz and component tags left out. */
export function readingWords(source: string) {
  const text = source
    .replace(/^---[\s\S]*?---/, "")
    .replace(/<Quiz[\s\S]*?<\/Quiz>/, "")
    .replace(/<[^>]+>/g, " ");
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

export function houseStyleProblems(catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  for (const course of catalog.courses.values()) {
    if (course.meta.draft || course.meta.format === "short") continue;
    for (const m of course.modules) {
      if (m.draft) continue;
      const say = (file: string, message: string) => problems.push({ file, line: 1, column: 1, severity: "error", message: `house style: ${message}` });
      const quiz = m.quizzes[0];
      if (m.quizzes.length !== 1 || !quiz) say(m.file, `a module has one quiz (this one has ${m.quizzes.length})`);
      else {
        if (quiz.questions.length < 5 || quiz.questions.length > 8) say(m.file, `a quiz has 5 to 8 questions (this one has ${quiz.questions.length})`);
        if (new Set(quiz.questions.map((q) => q.kind)).size < 3) say(m.file, "a quiz mixes at least three kinds of question");
      }
      const ids = (q: typeof quiz) => (q ? [q.id, ...q.questions.map((x) => x.id)].join(",") : "");
      for (const [language, variant] of Object.entries(m.variants) as [Language, NonNullable<(typeof m.variants)[Language]>][]) {
        const file = language === "en" ? m.file : m.file.replace(/\.mdx$/, `.${language}.mdx`);
        const source = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        const translated = variant.quizzes[0];
        if (language !== "en" && ids(translated) !== ids(quiz)) say(file, "the quiz has the same id and question ids as the original");
        for (const q of translated?.questions ?? [])
          if ((q.explanation?.length ?? 0) <= 20) say(file, `question ${q.id} is explained to the learner (more than 20 characters)`);
        if (language === "en") {
          const words = readingWords(source);
          if (words < WORDS.min || words > WORDS.max) say(file, `${WORDS.min} to ${WORDS.max} words of reading (this one has ${words})`);
        }
        for (const [tag, name] of [
          ["<Activity", "an activity (<Activity>)"],
          ["<CaseStudy", "a case study (<CaseStudy>)"],
          ["<KeyPoints", "key points (<KeyPoints>)"],
        ] as const)
          if (!new RegExp(`${tag}\\b`).test(source)) say(file, `the module has ${name}`);
        if (variant.terms.length === 0) say(file, "the module defines glossary terms");
        const sources = source.split(sourcesHeading(language))[1] ?? "";
        if (!/^- .+, \d{4}/m.test(sources)) say(file, `the module ends with sources with a year, under "${sourcesHeading(language)}"`);
      }
    }
  }
  return problems;
}
