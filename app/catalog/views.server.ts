/** What pages show of the catalog: plain data, safe to send to any browser. */
import type { CatalogCourse, Viewer } from "./catalog.server";
import { visibleModules } from "./catalog.server";
import type { Language } from "~/i18n/language";
import { dateLocale } from "~/i18n/format";
import { languageName } from "~/i18n/languages.server";
import { assetUrl } from "~/mdx/context";

export type CourseCard = {
  slug: string;
  title: string;
  summary: string;
  languages: { code: Language; name: string }[];
  /** The course's estimated minutes: course.yaml's estimatedHours, else its modules' minutes added up. */
  minutes: number;
  modules: number;
  draft: boolean;
  /** Which modules each language offers, said honestly ("Kiswahili: modules 1–2 of 6"). */
  coverage: LanguageCoverage[];
  /** The cover picture's address, or null (and never in data saver: the page leaves it out). */
  cover: string | null;
  partners: string[];
};

/** A language of the course and the visible modules written in it: all, a first run ("modules 1–2"), or some. */
export type LanguageCoverage = { code: Language; name: string; modules: number; total: number; firstRun: number | null };

export function languageCoverage(course: CatalogCourse, viewer: Viewer = null): LanguageCoverage[] {
  const modules = visibleModules(course, viewer);
  return course.meta.languages.map((code) => {
    const has = modules.map((m) => !!m.variants[code]);
    const count = has.filter(Boolean).length;
    const run = has.indexOf(false) === -1 ? count : has.indexOf(false);
    return { code, name: languageName(code), modules: count, total: modules.length, firstRun: run === count && count > 0 ? count : null };
  });
}

/** The course's title, summary and audience in a language, where course.yaml gives them; else the original's. */
export function courseTextIn(course: CatalogCourse, language: Language) {
  const t = course.meta.translations[language];
  return {
    title: t?.title ?? course.meta.title,
    summary: t?.summary ?? course.meta.summary,
    audience: t?.audience ?? course.meta.audience ?? null,
    partners: t?.partners ?? course.meta.partners,
  };
}

export function courseCard(course: CatalogCourse, viewer: Viewer = null, language: Language = course.meta.languages[0]!): CourseCard {
  const modules = visibleModules(course, viewer);
  const minutes = modules.reduce((s, m) => s + m.minutes, 0);
  const text = courseTextIn(course, language);
  return {
    slug: course.slug,
    title: text.title,
    summary: text.summary,
    languages: course.meta.languages.map((code) => ({ code, name: languageName(code) })),
    minutes: course.meta.estimatedHours !== undefined ? Math.round(course.meta.estimatedHours * 60) : minutes,
    modules: modules.length,
    draft: course.meta.draft,
    coverage: languageCoverage(course, viewer),
    cover: course.meta.cover ? assetUrl(course.slug, course.meta.cover) : null,
    partners: text.partners,
  };
}

/** Dates as people in Kenya and Cameroon write them: day, month, year. */
export function formatDate(date: Date, locale = "en") {
  const tag = dateLocale(locale as Language);
  return new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "UTC" }).format(date);
}
