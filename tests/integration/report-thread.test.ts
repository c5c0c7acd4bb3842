import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, sqliteConnection } from "~/db/client.server";
import { offThread, stopReportWorker } from "~/reports/off-thread.server";
import { overview, table, weeklyCompletions, type Scope } from "~/reports/reports.server";

const admin: Scope = { all: true };
const ranged = { from: "2026-01-01", to: "2026-12-31" };

beforeAll(() => {
  // Enough learners that a report takes the worker some milliseconds: 4,000 learners in four co-ops, 16,000 enrolments.
  const sqlite = sqliteConnection(getDb());
  sqlite.transaction(() => {
    const orgs = ["KE", "CM", "UG", "TZ"].map(
      (country, i) =>
        (
          sqlite.prepare("insert into organisations (name, country, kind) values (?, ?, 'health') returning id").get(`Thread co-op ${i}`, country) as {
            id: number;
          }
        ).id,
    );
    const user = sqlite.prepare("insert into users (email, name) values (?, ?) returning id");
    const member = sqlite.prepare("insert into memberships (user_id, organisation_id, role) values (?, ?, 'learner')");
    const enrol = sqlite.prepare(
      "insert into enrolments (user_id, course_slug, course_version, enrolled_at, last_activity_at, modules_done) values (?, ?, '1', ?, ?, ?)",
    );
    for (let i = 0; i < 4000; i++) {
      const id = (user.get(`thread${i}@example.org`, `Thread ${i}`) as { id: number }).id;
      member.run(id, orgs[i % 4]!);
      for (let c = 0; c < 4; c++) {
        const at = Date.parse("2026-01-01T00:00:00Z") + ((i * 7 + c * 13) % 300) * 86_400_000;
        enrol.run(id, `course-${c}`, at, at, i % 3);
      }
    }
  })();
});

afterAll(() => stopReportWorker());

describe("reports on their own thread", () => {
  it("give the same figures as on the server's thread", async () => {
    expect(await offThread("overview", admin, ranged)).toEqual(await overview(getDb(), admin, ranged));
    for (const name of ["coops", "countries", "courses"] as const)
      expect(await offThread("table", admin, ranged, name)).toEqual(await table(getDb(), admin, ranged, name));
    const now = Date.parse("2026-11-23T00:00:00Z");
    expect(await offThread("weeklyCompletions", admin, {}, now)).toEqual(await weeklyCompletions(getDb(), admin, {}, now));
  });

  it("leave the server's thread free while they run", async () => {
    let turns = 0;
    let done = false;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    await offThread("table", admin, ranged, "countries");
    done = true;
    expect(turns).toBeGreaterThan(0);
  });

  it("answer a failing report with its error, and keep serving the next", async () => {
    await expect(offThread("table", admin, ranged, "no-such-table" as "coops")).rejects.toThrow();
    expect(await offThread("overview", admin, {})).toEqual(await overview(getDb(), admin, {}));
  });
});
