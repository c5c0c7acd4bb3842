import { openReadOnly } from "~/db/read-only.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { countryName, ORG_KINDS } from "~/orgs/kinds";
import { csvStream } from "./csv";
import type { Filters } from "./filters";
import { iterateCoopLearners, iterateEnrolments, iterateTable, type Scope, type TableName } from "./reports.server";

// Exports read through a read-only connection of their own (openReadOnly), so a long download never blocks the app's connection.

const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().slice(0, 10));
const ratio = (x: number | null) => (x === null ? "" : Math.round(x * 1000) / 1000);

export function tableCsv(file: string, scope: Scope, f: Filters, name: TableName, courses: ReadonlyMap<string, CatalogCourse>) {
  const header = [name === "coops" ? "co-operative" : name === "countries" ? "country" : "course", ...(name === "coops" ? ["country", "kind"] : []), "learners", "enrolled", "in_progress", "completed", "completion_rate", "average_score", "last_activity"];
  return csvStream(header, iterateTable(file, scope, f, name, openReadOnly), (r) => [
    name === "courses" ? (courses.get(r.key)?.meta.title ?? r.key) : name === "countries" ? `${countryName(r.key)} (${r.key})` : r.label,
    ...(name === "coops" ? [r.country, ORG_KINDS[r.kind as keyof typeof ORG_KINDS] ?? r.kind] : []),
    r.learners,
    r.enrolled,
    r.inProgress,
    r.completed,
    ratio(r.completionRate),
    ratio(r.averageScore),
    iso(r.lastActivity),
  ]);
}

export function coopLearnersCsv(file: string, orgId: number, f: Filters, courses: ReadonlyMap<string, CatalogCourse>, quietSince?: number) {
  return csvStream(
    ["learner", "course", "modules_done", "modules", "completed_on", "last_activity", "quiz_score"],
    iterateCoopLearners(file, orgId, f, openReadOnly, quietSince),
    (r) => [
      r.name,
      r.courseSlug ? (courses.get(r.courseSlug)?.meta.title ?? r.courseSlug) : "",
      r.modulesDone,
      r.courseSlug ? (courses.get(r.courseSlug)?.modules.filter((m) => !m.draft).length ?? "") : "",
      iso(r.completedAt),
      iso(r.lastActivity),
      ratio(r.quizScore),
    ],
  );
}

export function enrolmentsCsv(file: string, scope: Scope, f: Filters, courses: ReadonlyMap<string, CatalogCourse>) {
  return csvStream(
    ["learner", "login", "course", "enrolled_on", "modules_done", "completed_on", "quiz_score", "last_activity"],
    iterateEnrolments(file, scope, f, openReadOnly),
    (r) => [r.learner, r.login, courses.get(r.course_slug)?.meta.title ?? r.course_slug, iso(r.enrolled_at), r.modules_done, iso(r.completed_at), ratio(r.quiz_score), iso(r.last_activity)],
  );
}
