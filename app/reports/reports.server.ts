/**
 * Coordinator reports. Every query is bounded by a scope: everything (admins)
 * or the organisations a coordinator coordinates and their descendants.
 * Queries are parameterised SQL, shared by the pages and the streamed exports.
 *
 * Views read the report totals (report_course_days, report_org_courses,
 * report_country_courses) that triggers keep in the database where they give
 * the same figures as reading every enrolment: the co-ops table without a
 * date range; for admins, the countries table without a date range, and the
 * headline figures and courses table with or without one (totals by course
 * and day). Everything else (the co-ops and countries tables for a date
 * range, a coordinator's headline figures) reads the enrolments ("live");
 * tests compare the two (tests/integration/report-totals.test.ts).
 */
import { rawAll, rawGet, type Db } from "~/db/client.server";
import { dialectOf } from "~/db/dialect";
import type { Filters, SortColumn } from "./filters";
import { scopeCte, type Q, type Scope } from "~/access/scope.server";

export type { Scope };

function orgFilter(f: Filters, alias = "o"): Q {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.country) {
    parts.push(`${alias}.country = ?`);
    params.push(f.country);
  }
  if (f.kind) {
    parts.push(`${alias}.kind = ?`);
    params.push(f.kind);
  }
  return { text: parts.map((p) => ` and ${p}`).join(""), params };
}

const DAY = 86_400_000;

/**
 * The few places the reports' SQL differs by database (decided when the module loads, as app/db/schema.ts is):
 * a time column read as UTC milliseconds (SQLite stores them so; PostgreSQL's are `timestamptz`), a time given as
 * a parameter, and ordering by name without regard to case.
 */
const onPostgres = dialectOf(process.env.DATABASE_URL) === "postgres";
const ms = (column: string) => (onPostgres ? `(extract(epoch from ${column}) * 1000)::bigint` : column);
const at = (time: number): unknown => (onPostgres ? new Date(time) : time);
const byName = (column: string) => (onPostgres ? `lower(${column}), ${column}` : `${column} collate nocase`);
/** How many rows meet a condition (SQLite sums its 0/1; PostgreSQL's booleans do not add up). */
const countWhere = (condition: string) => `sum(case when ${condition} then 1 else 0 end)`;

/** The date range as whole days of the totals by course and day (`t.day`, an enrolment's day since 1970). */
function dayFilter(f: Filters, alias = "t"): Q {
  const { from, to } = dateBounds(f);
  const parts: string[] = [];
  const params: unknown[] = [];
  if (from !== undefined) {
    parts.push(`${alias}.day >= ?`);
    params.push(from / DAY);
  }
  if (to !== undefined) {
    parts.push(`${alias}.day < ?`);
    params.push(to / DAY);
  }
  return { text: parts.map((p) => ` and ${p}`).join(""), params };
}
export const dateBounds = (f: Filters) => ({
  from: f.from ? Date.parse(`${f.from}T00:00:00Z`) : undefined,
  to: f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY : undefined,
});

function enrolmentFilter(f: Filters, alias = "e"): Q {
  const parts: string[] = [];
  const params: unknown[] = [];
  const { from, to } = dateBounds(f);
  if (f.course) {
    parts.push(`${alias}.course_slug = ?`);
    params.push(f.course);
  }
  if (from !== undefined) {
    parts.push(`${alias}.enrolled_at >= ?`);
    params.push(at(from));
  }
  if (to !== undefined) {
    parts.push(`${alias}.enrolled_at < ?`);
    params.push(at(to));
  }
  return { text: parts.map((p) => ` and ${p}`).join(""), params };
}

/** Whether learners must be limited to members of organisations in scope (always, except an admin without org filters). */
const restricted = (scope: Scope, f: Filters) => !scope.all || !!f.country || !!f.kind;

function inscopeCte(scope: Scope, f: Filters): Q {
  const of = orgFilter(f);
  return {
    text: `inscope(user_id) as (select distinct m.user_id from memberships m join organisations o on o.id = m.organisation_id
      where m.role = 'learner' and m.organisation_id in (select id from scope)${of.text})`,
    params: of.params,
  };
}

/** `with recursive scope…, inscope…[, more…] <body>`: every report query starts from the viewer's scope. */
function withScope(scope: Scope, f: Filters, body: Q, more: Q[] = []): Q {
  const ctes = [scopeCte(scope), inscopeCte(scope, f), ...more];
  return { text: `with recursive ${ctes.map((c) => c.text).join(", ")} ${body.text}`, params: [...ctes.flatMap((c) => c.params), ...body.params] };
}

/** `live` reads the enrolments even where totals would do (to check the totals against). */
export type Source = { live?: boolean };

/**
 * Which views the totals answer exactly (see the file's comment). Totals by course and day answer a date range
 * too: the range's bounds are whole UTC days, as the totals' days are, and both count an enrolment on the day it
 * was made.
 */
const everyCoop = (scope: Scope, f: Filters, o: Source) => !o.live && scope.all && !f.country && !f.kind;
const totalsFor = {
  overview: everyCoop,
  courses: everyCoop,
  coops: (_scope: Scope, f: Filters, o: Source) => !o.live && !f.from && !f.to,
  countries: (scope: Scope, f: Filters, o: Source) => !o.live && scope.all && !f.from && !f.to && !f.kind,
};

const all = <T>(db: Db, q: Q) => rawAll<T>(db, q);
const one = async <T>(db: Db, q: Q) => (await rawGet<T>(db, q)) as T;

export type Overview = {
  learners: number;
  enrolments: number;
  notStarted: number;
  inProgress: number;
  completed: number;
  completionRate: number | null;
  certificates: number;
  averageScore: number | null;
};

/** Everyone who learns: a learner's membership or an enrolment. */
const allLearners = async (db: Db, source: Source) =>
  source.live
    ? (
        await one<{ n: number }>(db, {
          text: `select count(*) n from users u where exists (select 1 from memberships m where m.user_id = u.id and m.role = 'learner')
          or exists (select 1 from enrolments e where e.user_id = u.id)`,
          params: [],
        })
      ).n
    : ((await one<{ n: number } | undefined>(db, { text: "select learners n from report_learners", params: [] }))?.n ?? 0);

/** Learners with an enrolment made within the filters' dates (read through the enrolments' index on that date). */
const learnersEnrolledIn = async (db: Db, f: Filters) => {
  const ef = enrolmentFilter(f);
  return (await one<{ n: number }>(db, { text: `select count(distinct e.user_id) n from enrolments e where 1 = 1${ef.text}`, params: ef.params })).n;
};

export async function overview(db: Db, scope: Scope, f: Filters, source: Source = {}): Promise<Overview> {
  if (totalsFor.overview(scope, f, source)) {
    const days = dayFilter(f);
    const t = await one<{ enrolments: number; not_started: number; in_progress: number; completed: number; avg_score: number | null; certificates: number }>(
      db,
      {
        text: `select coalesce(sum(enrolled), 0) enrolments, coalesce(sum(not_started), 0) not_started, coalesce(sum(started), 0) in_progress,
          coalesce(sum(completed), 0) completed, sum(score_sum) / nullif(sum(scored), 0) avg_score, coalesce(sum(certificates), 0) certificates
        from report_course_days t where 1 = 1${f.course ? " and t.course_slug = ?" : ""}${days.text}`,
        params: [...(f.course ? [f.course] : []), ...days.params],
      },
    );
    return {
      // Within one course, each enrolment is one learner; within dates, the learners who enrolled then.
      learners: f.course ? t.enrolments : f.from || f.to ? await learnersEnrolledIn(db, f) : await allLearners(db, source),
      enrolments: t.enrolments,
      notStarted: t.not_started,
      inProgress: t.in_progress,
      completed: t.completed,
      completionRate: t.enrolments ? t.completed / t.enrolments : null,
      certificates: t.certificates,
      averageScore: t.avg_score,
    };
  }
  const ef = enrolmentFilter(f);
  const limit = restricted(scope, f);
  const who = limit ? " and e.user_id in (select user_id from inscope)" : "";
  const e = await one<{ enrolments: number; not_started: number; in_progress: number; completed: number; avg_score: number | null; learners: number }>(
    db,
    withScope(scope, f, {
      text: `select count(*) enrolments, count(distinct e.user_id) learners,
          coalesce(${countWhere("e.completed_at is null and e.modules_done = 0")}, 0) not_started,
          coalesce(${countWhere("e.completed_at is null and e.modules_done > 0")}, 0) in_progress,
          coalesce(${countWhere("e.completed_at is not null")}, 0) completed, avg(e.quiz_score) avg_score
        from enrolments e where 1 = 1${who}${ef.text}`,
      params: ef.params,
    }),
  );
  const learners = limit
    ? (await one<{ n: number }>(db, withScope(scope, f, { text: "select count(*) n from inscope", params: [] }))).n
    : await allLearners(db, source);
  const certs = await one<{ n: number }>(
    db,
    withScope(scope, f, {
      text: `select count(*) n from certificates c join enrolments e on e.id = c.enrolment_id where c.revoked_at is null${who}${ef.text}`,
      params: ef.params,
    }),
  );
  return {
    learners: f.course || f.from || f.to ? e.learners : learners,
    enrolments: e.enrolments,
    notStarted: e.not_started,
    inProgress: e.in_progress,
    completed: e.completed,
    completionRate: e.enrolments ? e.completed / e.enrolments : null,
    certificates: certs.n,
    averageScore: e.avg_score,
  };
}

export type TableName = "coops" | "countries" | "courses";
export type Row = {
  key: string;
  label: string;
  country: string | null;
  kind: string | null;
  learners: number;
  enrolled: number;
  inProgress: number;
  completed: number;
  completionRate: number | null;
  averageScore: number | null;
  lastActivity: number | null;
};

const orderBy: Record<SortColumn, string> = {
  label: "label",
  learners: "learners",
  enrolled: "enrolled",
  inProgress: "in_progress",
  completed: "completed",
  completionRate: "completion_rate",
  averageScore: "average_score",
  lastActivity: "last_activity",
};

const measures = `count(distinct p.user_id) learners, count(e.id) enrolled,
  coalesce(${countWhere("e.completed_at is null and e.modules_done > 0")}, 0) in_progress,
  coalesce(${countWhere("e.completed_at is not null")}, 0) completed,
  1.0 * coalesce(${countWhere("e.completed_at is not null")}, 0) / nullif(count(e.id), 0) completion_rate,
  avg(e.quiz_score) average_score, max(${ms("e.last_activity_at")}) last_activity`;

/** The measures of a table row from report totals `t`. */
const totalMeasures = `coalesce(sum(t.enrolled), 0) enrolled, coalesce(sum(t.started), 0) in_progress,
  coalesce(sum(t.completed), 0) completed, 1.0 * coalesce(sum(t.completed), 0) / nullif(sum(t.enrolled), 0) completion_rate,
  sum(t.score_sum) / nullif(sum(t.scored), 0) average_score, max(t.last_activity) last_activity`;

/** One of the dashboard's tables from the report totals (only where `totalsFor` says they are exact). */
function totalsTableQuery(scope: Scope, f: Filters, table: TableName, sort: string, tail: string): Q {
  const course = f.course ? " and t.course_slug = ?" : "";
  const courseParams = f.course ? [f.course] : [];
  if (table === "courses") {
    const days = dayFilter(f);
    return {
      text: `select t.course_slug key, t.course_slug label, null country, null kind, coalesce(sum(t.enrolled), 0) learners, ${totalMeasures}
        from report_course_days t where 1 = 1${course}${days.text} group by t.course_slug having sum(t.enrolled) > 0 order by ${sort}${tail}`,
      params: [...courseParams, ...days.params],
    };
  }
  const of = orgFilter(f);
  if (table === "coops")
    return withScope(scope, f, {
      text: `select o.id key, o.name label, o.country country, o.kind kind,
          (select count(*) from memberships m where m.organisation_id = o.id and m.role = 'learner') learners, ${totalMeasures}
        from organisations o left join report_org_courses t on t.organisation_id = o.id${course}
        where o.id in (select id from scope)${of.text} group by o.id order by ${sort}${tail}`,
      params: [...courseParams, ...of.params],
    });
  return {
    text: `select c.country key, c.country label, c.country country, null kind, coalesce(l.learners, 0) learners, ${totalMeasures}
      from (select distinct o.country from organisations o where 1 = 1${of.text}) c
      left join report_country_learners l on l.country = c.country
      left join report_country_courses t on t.country = c.country${course}
      group by c.country, l.learners order by ${sort}${tail}`,
    params: [...of.params, ...courseParams],
  };
}

/** One of the dashboard's tables as a query (co-ops and countries without learners yet are listed too, with zeros) (for a page, with a limit, or for an export, without). */
export function tableQuery(scope: Scope, f: Filters, table: TableName, limit?: number, source: Source = {}): Q {
  const ef = enrolmentFilter(f);
  const of = orgFilter(f);
  const sort = `${orderBy[f.sort ?? (table === "courses" ? "enrolled" : "label")]} ${f.dir ?? (f.sort && f.sort !== "label" ? "desc" : "asc")}, label asc`;
  const tail = `${limit ? ` limit ${Math.floor(limit)}` : ""}`;
  if (totalsFor[table](scope, f, source)) return totalsTableQuery(scope, f, table, sort, tail);
  if (table === "courses") {
    const who = restricted(scope, f) ? " and e.user_id in (select user_id from inscope)" : "";
    return withScope(scope, f, {
      // One enrolment per learner and course: within a course, learners = enrolments, no count(distinct) needed.
      text: `select e.course_slug key, e.course_slug label, null country, null kind, ${measures.replace("count(distinct p.user_id)", "count(e.id)")}
        from enrolments e where 1 = 1${who}${ef.text} group by e.course_slug order by ${sort}${tail}`,
      params: ef.params,
    });
  }
  const pairs =
    table === "coops"
      ? `select o.id gkey, o.name glabel, o.country country, o.kind kind, m.user_id from organisations o left join memberships m on m.organisation_id = o.id and m.role = 'learner' where o.id in (select id from scope)${of.text}`
      : `select distinct o.country gkey, o.country glabel, o.country country, null kind, m.user_id from organisations o left join memberships m on m.organisation_id = o.id and m.role = 'learner' where o.id in (select id from scope)${of.text}`;
  return withScope(
    scope,
    f,
    {
      text: `select p.gkey key, p.glabel label, p.country country, p.kind kind, ${measures}
      from pairs p left join enrolments e on e.user_id = p.user_id${ef.text}
      group by p.gkey, p.glabel, p.country, p.kind order by ${sort}${tail}`,
      params: ef.params,
    },
    [{ text: `pairs as (${pairs})`, params: of.params }],
  );
}

type RawRow = {
  key: string | number;
  label: string;
  country: string | null;
  kind: string | null;
  learners: number;
  enrolled: number;
  in_progress: number;
  completed: number;
  completion_rate: number | null;
  average_score: number | null;
  last_activity: number | null;
};

export function toRow(r: RawRow): Row {
  return {
    key: String(r.key),
    label: r.label,
    country: r.country,
    kind: r.kind,
    learners: r.learners,
    enrolled: r.enrolled,
    inProgress: r.in_progress,
    completed: r.completed,
    completionRate: r.completion_rate,
    averageScore: r.average_score,
    lastActivity: r.last_activity,
  };
}

/**
 * Organisations that group co-ops (federations, programmes and support bodies) are not co-ops: in the co-ops
 * table they appear only when they have learners of their own, never as a row of zeros.
 */
const GROUPING_KINDS = new Set(["federation", "support"]);
const shown = (name: TableName) => (r: Row) => name !== "coops" || r.learners > 0 || !GROUPING_KINDS.has(r.kind ?? "");

export async function table(db: Db, scope: Scope, f: Filters, name: TableName, limit = 200, source: Source = {}): Promise<Row[]> {
  return (await all<RawRow>(db, tableQuery(scope, f, name, limit, source))).map(toRow).filter(shown(name));
}

/** Rows of a table, one at a time, from a read-only connection of their own: memory stays flat for any size. */
export function* iterateTable(file: string, scope: Scope, f: Filters, name: TableName, open: (file: string) => import("better-sqlite3").Database) {
  const conn = open(file);
  try {
    const q = tableQuery(scope, f, name);
    const keep = shown(name);
    for (const r of conn.prepare(q.text).iterate(...q.params)) {
      const row = toRow(r as RawRow);
      if (keep(row)) yield row;
    }
  } finally {
    conn.close();
  }
}

const WEEK = 7 * DAY;
const MONDAY_OFFSET = 3 * DAY; // the epoch was a Thursday

/** Completions per week (weeks start on Monday, UTC) over the date range, or the last 12 weeks. */
export async function weeklyCompletions(db: Db, scope: Scope, f: Filters, now = Date.now()) {
  const { from, to } = dateBounds(f);
  const end = to ?? now;
  const start = from ?? end - 12 * WEEK;
  const firstWeek = Math.floor((start + MONDAY_OFFSET) / WEEK);
  const lastWeek = Math.floor((end - 1 + MONDAY_OFFSET) / WEEK);
  const who = restricted(scope, f) ? " and e.user_id in (select user_id from inscope)" : "";
  const params: unknown[] = [at(start), at(end)];
  let courseFilter = "";
  if (f.course) {
    courseFilter = " and e.course_slug = ?";
    params.push(f.course);
  }
  const rows = await all<{ wk: number; n: number }>(
    db,
    withScope(scope, f, {
      text: `select (${ms("e.completed_at")} + ${MONDAY_OFFSET}) / ${WEEK} wk, count(*) n from enrolments e
        where e.completed_at is not null and e.completed_at >= ? and e.completed_at < ?${who}${courseFilter} group by wk`,
      params,
    }),
  );
  const counts = new Map(rows.map((r) => [r.wk, r.n]));
  const weeks: { weekStart: number; completed: number }[] = [];
  for (let w = Math.max(firstWeek, lastWeek - 52); w <= lastWeek; w++) weeks.push({ weekStart: w * WEEK - MONDAY_OFFSET, completed: counts.get(w) ?? 0 });
  return weeks;
}

/** The co-ops in this scope where the person is a learner, by name: those a coordinator may remove them from. */
export async function learnerCoops(db: Db, scope: Scope, userId: number): Promise<{ id: number; name: string }[]> {
  return all<{ id: number; name: string }>(
    db,
    withScope(
      scope,
      {},
      {
        text: "select o.id id, o.name name from memberships m join organisations o on o.id = m.organisation_id where m.user_id = ? and m.role = 'learner' and o.id in (select id from scope) order by o.name",
        params: [userId],
      },
    ),
  );
}

export type CoopLearnerRow = {
  userId: number;
  name: string;
  courseSlug: string | null;
  modulesDone: number | null;
  completedAt: number | null;
  lastActivity: number | null;
  quizScore: number | null;
};

/**
 * A co-op's learners, one row per enrolment (or one for a learner not enrolled yet). With `quietSince` (ms), only
 * those who may need a nudge: an unfinished course with no activity since then, or no course at all.
 */
export function coopLearnersQuery(orgId: number, f: Filters, quietSince?: number): Q {
  const ef = enrolmentFilter(f);
  const quiet = quietSince === undefined ? "" : " and (e.id is null or (e.completed_at is null and e.last_activity_at < ?))";
  return {
    text: `select u.id user_id, u.name name, e.course_slug course_slug, e.modules_done modules_done, ${ms("e.completed_at")} completed_at,
        ${ms("e.last_activity_at")} last_activity, e.quiz_score quiz_score
      from memberships m join users u on u.id = m.user_id left join enrolments e on e.user_id = u.id${ef.text}
      where m.organisation_id = ? and m.role = 'learner'${quiet} order by ${byName("u.name")}, e.course_slug`,
    params: [...ef.params, orgId, ...(quietSince === undefined ? [] : [at(quietSince)])],
  };
}

type RawCoopLearner = {
  user_id: number;
  name: string;
  course_slug: string | null;
  modules_done: number | null;
  completed_at: number | null;
  last_activity: number | null;
  quiz_score: number | null;
};
const toCoopLearner = (r: RawCoopLearner): CoopLearnerRow => ({
  userId: r.user_id,
  name: r.name,
  courseSlug: r.course_slug,
  modulesDone: r.modules_done,
  completedAt: r.completed_at,
  lastActivity: r.last_activity,
  quizScore: r.quiz_score,
});

export async function coopLearners(db: Db, orgId: number, f: Filters, quietSince?: number): Promise<CoopLearnerRow[]> {
  return (await all<RawCoopLearner>(db, coopLearnersQuery(orgId, f, quietSince))).map(toCoopLearner);
}

export function* iterateCoopLearners(file: string, orgId: number, f: Filters, open: (file: string) => import("better-sqlite3").Database, quietSince?: number) {
  const conn = open(file);
  try {
    const q = coopLearnersQuery(orgId, f, quietSince);
    for (const r of conn.prepare(q.text).iterate(...q.params)) yield toCoopLearner(r as RawCoopLearner);
  } finally {
    conn.close();
  }
}

/** The countries of the organisations in scope, for the filter. */
export async function countriesInScope(db: Db, scope: Scope): Promise<string[]> {
  return (
    await all<{ country: string }>(
      db,
      withScope(scope, {}, { text: "select distinct country from organisations where id in (select id from scope) order by country", params: [] }),
    )
  ).map((r) => r.country);
}

/** Every enrolment in scope, one row per learner and course (the "full export"). */
export function enrolmentsQuery(scope: Scope, f: Filters): Q {
  const ef = enrolmentFilter(f);
  const who = restricted(scope, f) ? " and e.user_id in (select user_id from inscope)" : "";
  // Each learner's co-ops and countries in scope, gathered once for the whole export and joined by learner: asked per
  // enrolment, SQLite went through the scope again for each of them (500,000 enrolments took minutes, not seconds).
  const learnerCoops: Q = {
    text: `learnercoops(user_id, coops, countries) as materialized (select m.user_id, group_concat(o.name, '; '), group_concat(distinct o.country)
      from memberships m join organisations o on o.id = m.organisation_id
      where m.role = 'learner' and o.id in (select id from scope) group by m.user_id)`,
    params: [],
  };
  return withScope(
    scope,
    f,
    {
      text: `select u.name learner, coalesce(u.email, u.username) login, e.course_slug course_slug, e.enrolled_at enrolled_at,
        e.modules_done modules_done, e.completed_at completed_at, e.quiz_score quiz_score, e.last_activity_at last_activity,
        lc.coops coops, lc.countries countries
      from enrolments e join users u on u.id = e.user_id left join learnercoops lc on lc.user_id = e.user_id
      where 1 = 1${who}${ef.text} order by e.id`,
      params: ef.params,
    },
    [learnerCoops],
  );
}

export type EnrolmentRow = {
  learner: string;
  login: string | null;
  course_slug: string;
  enrolled_at: number;
  modules_done: number;
  completed_at: number | null;
  quiz_score: number | null;
  last_activity: number;
  /** The learner's co-operatives in scope ("; " between them) and their countries (codes, "," between them). */
  coops: string | null;
  countries: string | null;
};

export function* iterateEnrolments(file: string, scope: Scope, f: Filters, open: (file: string) => import("better-sqlite3").Database) {
  const conn = open(file);
  try {
    const q = enrolmentsQuery(scope, f);
    for (const r of conn.prepare(q.text).iterate(...q.params)) yield r as EnrolmentRow;
  } finally {
    conn.close();
  }
}
