import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { logIn } from "~/auth/auth.server";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { getDb, openDatabase, sqliteConnection } from "~/db/client.server";
import { seedDemoCohort } from "~/demo/demo-cohort.server";
import { users } from "~/db/schema";
import { seedDemo } from "~/demo/seed.server";
import { overview, table } from "~/reports/reports.server";
import { scopeOf } from "~/access/scope.server";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
});

const NOW = new Date("2026-11-30T12:00:00Z");

describe("demo data", () => {
  it("creates four accounts with random passwords that work, a cohort nobody can sign in as, once, and only into an empty database", async () => {
    const accounts = await seedDemo(getDb(), { courses: catalog.courses, now: NOW });
    expect(accounts?.map((a) => a.role)).toEqual(["learner", "trainer", "coordinator", "admin"]);
    const passwords = accounts!.map((a) => a.password);
    expect(new Set(passwords).size).toBe(4);
    for (const p of passwords) expect(p).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const login = await logIn(new Request("http://localhost/login"), accounts![3]!.email, accounts![3]!.password);
    expect(login.ok && login.user.isAdmin).toBe(true);

    const sql = sqliteConnection(getDb());
    const cohort = sql.prepare("select id, email, password_hash from users where email not in (?, ?, ?, ?)").all(...accounts!.map((a) => a.email)) as {
      id: number;
      email: string;
      password_hash: string | null;
    }[];
    expect(cohort).toHaveLength(40);
    expect(cohort.every((u) => u.password_hash === null && u.email.endsWith("@demo.coop-campus.org"))).toBe(true);
    const tryIt = await logIn(new Request("http://localhost/login"), cohort[0]!.email, "");
    expect(tryIt.ok).toBe(false);

    expect(await seedDemo(getDb())).toBeNull();
    expect((await getDb().select({ n: count() }).from(users))[0]!.n).toBe(44);
  });

  it("gives the coordinator a dashboard across both pilots, with learners at every stage", async () => {
    const db = getDb();
    const coordinator = sqliteConnection(db).prepare("select id, is_admin isAdmin from users where email = 'coordinator@demo.coop-campus.org'").get() as {
      id: number;
      isAdmin: number;
    };
    const scope = (await scopeOf(db, { id: coordinator.id, isAdmin: false }))!;
    expect(scope).not.toBeNull();
    const o = await overview(db, scope, {}, { live: true });
    expect(o.learners).toBe(41); // the cohort and the demo learner
    expect(o.notStarted).toBeGreaterThan(0);
    expect(o.inProgress).toBeGreaterThan(0);
    expect(o.completed).toBeGreaterThan(0);
    expect(o.certificates).toBe(o.completed);
    expect(o.averageScore).toBeGreaterThan(0);
    expect((await table(db, scope, {}, "countries", 200, { live: true })).map((r) => r.key).sort()).toEqual(["CM", "KE"]);
    expect((await table(db, scope, {}, "coops", 200, { live: true })).filter((r) => r.kind !== "support" && r.learners > 0)).toHaveLength(5);
  });

  it("leaves what real use would: nothing dated after the first start, every completion earned", () => {
    const sql = sqliteConnection(getDb());
    const max = (q: string) => (sql.prepare(q).get() as { t: number | null }).t ?? 0;
    expect(max("select max(enrolled_at) t from enrolments")).toBeLessThan(NOW.getTime());
    expect(max("select max(created_at) t from quiz_attempts")).toBeLessThan(NOW.getTime());
    expect(max("select max(completed_at) t from module_progress")).toBeLessThan(NOW.getTime());
    expect(sql.prepare("select count(*) n from enrolments where enrolled_at < ? ").get(NOW.getTime() - 57 * 86_400_000)).toEqual({ n: 0 });
    // A module with a quiz is complete only for a learner who passed it, after enrolling.
    const unearned = sql
      .prepare(
        `select count(*) n from module_progress p join enrolments e on e.id = p.enrolment_id
         where p.completed_at < e.enrolled_at
            or (p.module_slug in (select module_slug from quiz_attempts)
                and not exists (select 1 from quiz_attempts a where a.enrolment_id = e.id and a.module_slug = p.module_slug and a.passed = 1 and a.created_at <= p.completed_at))`,
      )
      .get();
    expect(unearned).toEqual({ n: 0 });
    expect(sql.prepare("select count(*) n from quiz_attempts where passed = 0").get()).not.toEqual({ n: 0 });
  });

  it("is the same cohort for the same seed", async () => {
    const shape = async () => {
      const db = openDatabase(":memory:");
      const coops = [1, 2].map(
        (i) =>
          (
            sqliteConnection(db)
              .prepare("insert into organisations (name, country, kind) values (?, ?, 'health') returning id")
              .get(`Co-op ${i}`, i === 1 ? "KE" : "CM") as { id: number }
          ).id,
      );
      const summary = await seedDemoCohort(db, {
        coops: [
          { organisationId: coops[0]!, country: "KE", learners: 12 },
          { organisationId: coops[1]!, country: "CM", learners: 8 },
        ],
        courses: catalog.courses,
        now: NOW,
        seed: 7,
      });
      const names = (sqliteConnection(db).prepare("select name from users order by id").all() as { name: string }[]).map((r) => r.name);
      sqliteConnection(db).close();
      return { summary, names };
    };
    const a = await shape();
    expect(a.summary.learners).toBe(20);
    expect(a.summary.enrolments).toBeGreaterThanOrEqual(20);
    expect(await shape()).toEqual(a);
  });
});
