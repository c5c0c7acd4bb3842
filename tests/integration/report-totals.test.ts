/**
 * The report totals (kept by triggers) against the enrolments themselves:
 * after every kind of write the app makes (enrolment, module completion, quiz
 * attempts, certificates and their revocation, bulk import, join codes,
 * memberships added) and the ones only an administrator's SQL makes (a
 * membership moved or deleted, a co-op's country corrected, an enrolment
 * removed), every view the totals answer gives what reading the enrolments
 * gives, for admins and coordinators, with and without filters.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { revokeCertificate } from "~/certificates/revoke.server";
import { DrizzleQueryError, sql } from "drizzle-orm";
import { openDatabase, rawGet, sqliteConnection, type Db } from "~/db/client.server";
import { certificates, memberships, organisations, users } from "~/db/schema";
import { enrol, getEnrolment, recordModuleComplete } from "~/learning/enrolment.server";
import { applyImport } from "~/orgs/import.server";
import { addMember, createJoinCode, redeemJoinCode } from "~/orgs/orgs.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import type { Filters } from "~/reports/filters";
import { overview, table, type Scope, type TableName } from "~/reports/reports.server";
import { mulberry32 } from "~/utils/random";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
});

/** Floating-point sums and averages agree to nine places. */
const rounded = (value: unknown): unknown =>
  typeof value === "number"
    ? Math.round(value * 1e9) / 1e9
    : Array.isArray(value)
      ? value.map(rounded)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]))
        : value;

const FILTERS: Filters[] = [
  {},
  { course: "sample-course" },
  { course: "limited-course" },
  { country: "KE" },
  { kind: "health" },
  { sort: "completionRate", dir: "desc" },
  { sort: "lastActivity" },
  // The scenario's writes run from 2 March 2026 over about four weeks: ranges that cut through them.
  { from: "2026-03-05", to: "2026-03-15" },
  { from: "2026-03-10" },
  { to: "2026-03-08", course: "sample-course" },
  { from: "2026-03-12", to: "2026-03-12", country: "KE" },
];
const TABLES: TableName[] = ["coops", "countries", "courses"];

async function expectTotalsMatch(db: Db, scopes: Scope[], when: string) {
  for (const scope of scopes)
    for (const f of FILTERS) {
      const label = `${when}, ${JSON.stringify(scope)}, ${JSON.stringify(f)}`;
      expect(rounded(await overview(db, scope, f)), `overview: ${label}`).toEqual(rounded(await overview(db, scope, f, { live: true })));
      for (const name of TABLES)
        expect(rounded(await table(db, scope, f, name, 1000)), `${name}: ${label}`).toEqual(rounded(await table(db, scope, f, name, 1000, { live: true })));
    }
}

describe("report totals", () => {
  it("equal the enrolments after every kind of write", async () => {
    const db = openDatabase(":memory:");
    const random = mulberry32(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const sample = catalog.courses.get("sample-course")!;
    const limited = catalog.courses.get("limited-course")!;
    const courses = [sample, limited];
    const sqlite = sqliteConnection(db);
    const org = async (name: string, country: string, kind: string, parentId: number | null = null) =>
      (await db.insert(organisations).values({ name, country, kind, parentId }).returning())[0]!.id;
    const federation = await org("Federation KE", "KE", "federation");
    const orgs = [
      await org("Sacco A", "KE", "savings-credit", federation),
      await org("Sacco B", "KE", "health", federation),
      await org("Coop C", "CM", "agricultural"),
      await org("Coop D", "UG", "health"),
    ];
    const person = async (email: string, name: string) => (await db.insert(users).values({ email, name }).returning())[0]!.id;
    const people: number[] = [];
    for (let i = 0; i < 24; i++) {
      const id = await person(`p${i}@example.org`, `Person ${i}`);
      people.push(id);
      // Most belong to one co-op, some to two (of one country or two), some to none.
      if (i % 6 !== 5) await addMember(db, { userId: id, organisationId: orgs[i % orgs.length]!, role: "learner" }, null);
      if (i % 5 === 0) await addMember(db, { userId: id, organisationId: orgs[(i + 1) % orgs.length]!, role: "learner" }, null);
    }
    const coordinator = await person("coord@example.org", "Coordinator");
    await addMember(db, { userId: coordinator, organisationId: federation, role: "coordinator" }, null);
    const coopCoordinator = await person("coop@example.org", "Coop coordinator");
    await addMember(db, { userId: coopCoordinator, organisationId: orgs[2]!, role: "coordinator" }, null);
    const scopes: Scope[] = [{ all: true }, { all: false, coordinatorId: coordinator }, { all: false, coordinatorId: coopCoordinator }];
    await expectTotalsMatch(db, scopes, "before any enrolment");

    const quiz = limited.modules[0]!.quizzes[0]!;
    const sampleQuizModule = sample.modules.find((m) => m.quizzes.length > 0 && m.quizzes[0]!.maxAttempts === null)!;
    const sampleQuiz = sampleQuizModule.quizzes[0]!;
    const choices = (quiz.questions[0] as { choices: { id: string }[] }).choices;
    let day = Date.parse("2026-03-02T08:00:00Z");
    let keys = 0;
    const kinds = new Set<string>();
    for (let step = 0; step < 400; step++) {
      day += Math.floor(random() * 4) * 3_600_000;
      const now = new Date(day);
      const who = pick(people);
      const op = Math.floor(random() * 100);
      try {
        if (op < 25) {
          await enrol(db, who, pick(courses), now);
          kinds.add("enrol");
        } else if (op < 45) {
          await enrol(db, who, sample, now);
          await recordModuleComplete(db, { userId: who, course: sample, module: pick(sample.modules), now });
          kinds.add("module");
        } else if (op < 53) {
          await enrol(db, who, limited, now);
          await submitAttempt(db, {
            userId: who,
            course: limited,
            module: limited.modules[0]!,
            quiz,
            answers: { pick: [pick(choices).id] },
            idempotencyKey: `totals-key-${String(keys++).padStart(8, "0")}`,
            now,
          });
          kinds.add("quiz");
        } else if (op < 60) {
          // A quiz with no attempt limit, answered at random: a learner's score moves from one value to another.
          const enrolment = await enrol(db, who, sample, now);
          const answers = Object.fromEntries(
            sampleQuiz.questions.map((q) => [
              q.id,
              q.kind === "text" ? [pick(["General Assembly", "the board"])] : q.choices.filter(() => random() < 0.5).map((c) => c.id),
            ]),
          );
          await submitAttempt(db, {
            userId: who,
            course: sample,
            module: sampleQuizModule,
            quiz: sampleQuiz,
            answers,
            idempotencyKey: `totals-key-${String(keys++).padStart(8, "0")}`,
            now,
          });
          const after = (await getEnrolment(db, who, sample.slug))!.quizScore;
          if (enrolment.quizScore !== null && after !== enrolment.quizScore) kinds.add("rescore");
        } else if (op < 65) {
          const cert = await db.select({ code: certificates.code }).from(certificates);
          if (cert.length && (await revokeCertificate(db, { code: pick(cert).code, reason: "test", by: null, now }))) kinds.add("revoke");
        } else if (op < 70) {
          await addMember(db, { userId: who, organisationId: pick(orgs), role: pick(["learner", "coordinator"] as const) }, null);
          kinds.add("member");
        } else if (op < 75) {
          sqlite.prepare("delete from memberships where user_id = ? and organisation_id = ? and role = 'learner'").run(who, pick(orgs));
          kinds.add("leave");
        } else if (op < 79) {
          const r = sqlite
            .prepare(
              "update or ignore memberships set organisation_id = ? where user_id = ? and role = 'learner' and organisation_id = (select min(organisation_id) from memberships where user_id = ? and role = 'learner')",
            )
            .run(pick(orgs), who, who);
          if (r.changes) kinds.add("move");
        } else if (op < 82) {
          sqlite
            .prepare(
              "update or ignore memberships set role = ? where user_id = ? and organisation_id = (select min(organisation_id) from memberships where user_id = ?)",
            )
            .run(pick(["learner", "trainer"]), who, who);
          kinds.add("role");
        } else if (op < 84) {
          sqlite.prepare("update organisations set country = ? where id = ?").run(pick(["KE", "CM", "UG", "TZ"]), pick(orgs));
          kinds.add("country");
        } else if (op < 88) {
          // An enrolment removed by hand, with what hangs on it (never one with a certificate).
          const e = await rawGet<{ id: number }>(db, {
            text: "select id from enrolments where user_id = ? and id not in (select enrolment_id from certificates)",
            params: [who],
          });
          if (e) {
            await db.transaction(async (tx) => {
              await tx.run(sql`delete from quiz_attempts where enrolment_id = ${e.id}`);
              await tx.run(sql`delete from module_progress where enrolment_id = ${e.id}`);
              await tx.run(sql`delete from enrolments where id = ${e.id}`);
            });
            kinds.add("unenrol");
          }
        } else if (op < 94) {
          const n = step;
          await applyImport(db, {
            organisationId: pick(orgs),
            rows: [{ row: 2, name: `Imported ${n}`, email: `imported${n}@example.org`, username: null, courses: ["sample-course"] }],
            courses: catalog.courses,
            by: coordinator,
            scope: { all: false, coordinatorId: coordinator },
            now,
          });
          kinds.add("import");
        } else {
          const { code } = await createJoinCode(db, {
            organisationId: pick(orgs),
            createdBy: coordinator,
            courseSlugs: ["limited-course"],
            maxUses: null,
            expiresAt: null,
          });
          await redeemJoinCode(db, { code, user: { id: who }, courses: catalog.courses, now });
          kinds.add("join");
        }
      } catch (error) {
        // A second attempt at a one-attempt quiz is refused, as it should be; anything else is a failure (SQLite's own
        // error judged by its message, not the SQL text drizzle's wrapper adds to it).
        const cause = error instanceof DrizzleQueryError && error.cause ? error.cause : error;
        if (!/attempt/i.test((cause as Error).message)) throw error;
      }
      if (step % 50 === 49) await expectTotalsMatch(db, scopes, `after step ${step}`);
    }
    expect([...kinds].sort()).toEqual([
      "country",
      "enrol",
      "import",
      "join",
      "leave",
      "member",
      "module",
      "move",
      "quiz",
      "rescore",
      "revoke",
      "role",
      "unenrol",
    ]);
    await expectTotalsMatch(db, scopes, "at the end");
    // The scenario made real figures, not only zeros.
    const o = await overview(db, { all: true }, {});
    expect(o.enrolments).toBeGreaterThan(30);
    expect(o.completed).toBeGreaterThan(3);
    expect(o.certificates).toBeGreaterThan(0);
    sqlite.close();
  });

  it("are filled from the data already there when the migration runs", async () => {
    const db = openDatabase(":memory:");
    const sqlite = sqliteConnection(db);
    const ke = (await db.insert(organisations).values({ name: "Old co-op", country: "KE", kind: "health" }).returning())[0]!.id;
    const u = (await db.insert(users).values({ email: "old@example.org", name: "Old" }).returning())[0]!.id;
    await addMember(db, { userId: u, organisationId: ke, role: "learner" }, null);
    await enrol(db, u, catalog.courses.get("sample-course")!, new Date("2026-01-05T10:00:00Z"));
    const before = await overview(db, { all: true }, {});
    // Empty the totals and run the migration's filling statements again.
    for (const t of ["report_course_days", "report_org_courses", "report_country_courses", "report_country_learners", "report_learners"])
      sqlite.exec(`delete from ${t}`);
    expect(await overview(db, { all: true }, {})).toMatchObject({ enrolments: 0, learners: 0 });
    const statements = fs
      .readFileSync("drizzle/sqlite/0004_report_totals.sql", "utf8")
      .split("--> statement-breakpoint")
      .filter((s) => /^\s*(--[^\n]*\n\s*)*(insert|update)/i.test(s));
    for (const s of statements) sqlite.exec(s);
    expect(await overview(db, { all: true }, {})).toEqual(before);
    expect(await db.select().from(memberships)).toHaveLength(1);
    sqlite.close();
  });
});
