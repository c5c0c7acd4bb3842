/**
 * A co-op's learners who may need a nudge (`quiet=7|14|30` on the co-op's
 * page and its learners' CSV): an unfinished course with nothing done for
 * that many days, or no course at all. Finished and recently active courses
 * are left out.
 */
import { beforeAll, expect, it } from "vitest";
import { loadCatalog } from "~/catalog/catalog.server";
import { getDb, sqliteConnection } from "~/db/client.server";
import { memberships, organisations } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import { coopLearners } from "~/reports/reports.server";
import * as coopRoute from "~/routes/dashboard.coops.$id._index";
import * as exportRoute from "~/routes/dashboard.export";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { createUser } from "~/auth/users.server";

const DAY = 86_400_000;
let org = 0;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  const db = getDb();
  const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  const sample = catalog.courses.get("sample-course")!;
  const other = [...catalog.courses.values()].find((c) => c.slug !== sample.slug && !c.meta.draft)!;
  org = (await db.insert(organisations).values({ name: "Quiet SACCO", country: "KE", kind: "savings-credit" }).returning())[0]!.id;
  const learner = async (name: string) => {
    const u = await createUser(db, { email: `${name.toLowerCase()}@quiet.example`, name, password: "quiet-password" });
    await db.insert(memberships).values({ userId: u.id, organisationId: org, role: "learner" });
    return u.id;
  };
  const lastActive = (userId: number, slug: string, daysAgo: number) =>
    sqliteConnection(db)
      .prepare("update enrolments set last_activity_at = ? where user_id = ? and course_slug = ?")
      .run(Date.now() - daysAgo * DAY, userId, slug);
  const active = await learner("Active");
  await enrol(db, active, sample);
  lastActive(active, sample.slug, 2);
  const stalled = await learner("Stalled");
  await enrol(db, stalled, sample);
  lastActive(stalled, sample.slug, 20);
  const finished = await learner("Finished");
  await enrol(db, finished, sample);
  sqliteConnection(db)
    .prepare("update enrolments set completed_at = ? where user_id = ?")
    .run(Date.now() - 60 * DAY, finished);
  lastActive(finished, sample.slug, 60);
  await learner("Newcomer"); // in the co-op, no course yet
  const mixed = await learner("Mixed");
  await enrol(db, mixed, sample);
  lastActive(mixed, sample.slug, 1);
  await enrol(db, mixed, other);
  lastActive(mixed, other.slug, 40);
  admin = await signedIn({ admin: true });
});

const names = async (since?: number) => (await coopLearners(getDb(), org, {}, since)).map((r) => `${r.name}${r.courseSlug ? ` ${r.courseSlug}` : ""}`);

it("keeps unfinished courses quiet for that long, and learners with no course", async () => {
  expect(await names()).toHaveLength(6);
  expect(await names(Date.now() - 14 * DAY)).toEqual([expect.stringMatching(/^Mixed (?!sample-course)/), "Newcomer", "Stalled sample-course"]);
  expect(await names(Date.now() - 30 * DAY)).toEqual([expect.stringMatching(/^Mixed (?!sample-course)/), "Newcomer"]);
});

it("is a choice on the co-op's page and in its CSV; other values are refused", async () => {
  const page = await statusOf(() => coopRoute.loader(routeArgs(admin.request(`/dashboard/coops/${org}?quiet=14`), { id: String(org) }) as never));
  expect(page.status).toBe(200);
  expect((page.body as { quiet: number; learners: { name: string }[] }).quiet).toBe(14);
  expect((page.body as { learners: { name: string }[] }).learners.map((l) => l.name)).toEqual(["Mixed", "Newcomer", "Stalled"]);
  expect((await statusOf(() => coopRoute.loader(routeArgs(admin.request(`/dashboard/coops/${org}?quiet=5`), { id: String(org) }) as never))).status).toBe(400);

  const csv = (await exportRoute.loader(routeArgs(admin.request(`/dashboard/export?table=learners&org=${org}&quiet=30`)) as never)) as Response;
  expect(csv.status).toBe(200);
  const rows = (await csv.text())
    .trim()
    .split("\r\n")
    .slice(1)
    .map((l) => l.split(",")[0]);
  expect(rows).toEqual(["Mixed", "Newcomer"]);
  const bad = (await exportRoute.loader(routeArgs(admin.request(`/dashboard/export?table=learners&org=${org}&quiet=forever`)) as never)) as Response;
  expect(bad.status).toBe(400);
  expect(await bad.text()).toBe("These filters cannot be used: Choose 7, 14 or 30 days without activity.");
});
