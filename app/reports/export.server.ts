import { openReadOnly } from "~/db/read-only.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { countryName } from "~/orgs/kinds";
import { kindLabel } from "~/orgs/kind-labels.server";
import { courseTextIn } from "~/catalog/views.server";
import type { Language } from "~/i18n/language";
import { messages } from "~/i18n/messages";
import { csvStream } from "./csv";
import type { Filters } from "./filters";
import { iterateCoopLearners, iterateEnrolments, iterateTable, type Scope, type TableName } from "./reports.server";

// Exports read through a read-only connection of their own (openReadOnly), so a long download never blocks the app's connection.

/** A day in the reader's time zone, as spreadsheets read dates (YYYY-MM-DD). */
const dayIn = (timeZone: string) => {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (ms: number | null) => (ms === null ? "" : f.format(ms));
};
/** Rates as the pages show them: a percentage (with one decimal, for the spreadsheet's sums). */
const percentCell = (x: number | null) => (x === null ? "" : `${Math.round(x * 1000) / 10}%`);

/** How an export speaks: the reader's language (headings, countries, kinds, course titles) and time zone (dates). */
export type ExportLocale = { language: Language; timeZone: string };

export function tableCsv(
  file: string,
  scope: Scope,
  f: Filters,
  name: TableName,
  courses: ReadonlyMap<string, CatalogCourse>,
  locale: ExportLocale = { language: "en", timeZone: "UTC" },
) {
  const t = messages[locale.language].csv;
  const iso = dayIn(locale.timeZone);
  const header = [
    name === "coops" ? t.coop : name === "countries" ? t.country : t.course,
    ...(name === "coops" ? [t.country, t.kind] : []),
    t.learners,
    t.enrolled,
    t.inProgress,
    t.completed,
    t.completionRate,
    t.averageScore,
    t.lastActivity,
  ];
  const ratio = percentCell;
  return csvStream(header, iterateTable(file, scope, f, name, openReadOnly), (r) => [
    name === "courses"
      ? courses.get(r.key)
        ? courseTextIn(courses.get(r.key)!, locale.language).title
        : r.key
      : name === "countries"
        ? `${countryName(r.key, locale.language)} (${r.key})`
        : r.label,
    ...(name === "coops" ? [r.country, (r.kind ? kindLabel(r.kind, locale.language) : undefined) ?? r.kind ?? ""] : []),
    r.learners,
    r.enrolled,
    r.inProgress,
    r.completed,
    ratio(r.completionRate),
    ratio(r.averageScore),
    iso(r.lastActivity),
  ]);
}

export function coopLearnersCsv(
  file: string,
  orgId: number,
  f: Filters,
  courses: ReadonlyMap<string, CatalogCourse>,
  quietSince?: number,
  locale: ExportLocale = { language: "en", timeZone: "UTC" },
) {
  const t = messages[locale.language].csv;
  const iso = dayIn(locale.timeZone);
  const ratio = percentCell;
  return csvStream(
    [t.learner, t.course, t.modulesDone, t.modules, t.completedOn, t.lastActivity, t.quizScore],
    iterateCoopLearners(file, orgId, f, openReadOnly, quietSince),
    (r) => [
      r.name,
      r.courseSlug ? (courses.get(r.courseSlug) ? courseTextIn(courses.get(r.courseSlug)!, locale.language).title : r.courseSlug) : "",
      r.modulesDone,
      r.courseSlug ? (courses.get(r.courseSlug)?.modules.filter((m) => !m.draft).length ?? "") : "",
      iso(r.completedAt),
      iso(r.lastActivity),
      ratio(r.quizScore),
    ],
  );
}

/** Every enrolment in scope, one row each, with the learner's co-operatives and their countries in scope, and the course's title and code. */
export function enrolmentsCsv(
  file: string,
  scope: Scope,
  f: Filters,
  courses: ReadonlyMap<string, CatalogCourse>,
  locale: ExportLocale = { language: "en", timeZone: "UTC" },
) {
  const t = messages[locale.language].csv;
  const iso = dayIn(locale.timeZone);
  return csvStream(
    [t.learner, t.login, t.coop, t.country, t.course, t.courseCode, t.enrolledOn, t.modulesDone, t.completedOn, t.quizScore, t.lastActivity],
    iterateEnrolments(file, scope, f, openReadOnly),
    (r) => [
      r.learner,
      r.login,
      r.coops ?? "",
      (r.countries ?? "")
        .split(",")
        .filter(Boolean)
        .map((c) => countryName(c, locale.language))
        .join("; "),
      courses.get(r.course_slug) ? courseTextIn(courses.get(r.course_slug)!, locale.language).title : r.course_slug,
      r.course_slug,
      iso(r.enrolled_at),
      r.modules_done,
      iso(r.completed_at),
      percentCell(r.quiz_score),
      iso(r.last_activity),
    ],
  );
}
