import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { loadCatalog } from "~/catalog/catalog.server";
import { getDb, isUniqueViolation } from "~/db/client.server";
import { certificates } from "~/db/schema";
import { enrol, recordModuleComplete } from "~/learning/enrolment.server";

const exec = promisify(execFile);

describe("issuing under concurrency", () => {
  it("two completions racing for the same enrolment, from two processes, create one certificate", async () => {
    const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
    const course = catalog.courses.get("sample-course")!;
    const u = await createUser(getDb(), { email: "race@example.org", name: "Racer", password: "password123" });
    await enrol(getDb(), u.id, course);
    await recordModuleComplete(getDb(), { userId: u.id, course, module: course.modules[0]! });
    const startAt = Date.now() + 2500;
    const run = () => exec(process.execPath, ["--import", "tsx", "tests/support/race-complete.ts", String(u.id), String(startAt)], { env: process.env });
    const results = await Promise.all([run(), run()]);
    const outcomes = results.map((r) => JSON.parse(r.stdout.trim().split("\n").pop()!) as { completedNow: boolean });
    expect(outcomes.filter((o) => o.completedNow)).toHaveLength(1);
    expect(await getDb().select().from(certificates).where(eq(certificates.userId, u.id))).toHaveLength(1);
  });

  it("the database itself refuses a second certificate for one enrolment", async () => {
    const [cert] = await getDb().select().from(certificates);
    // The unique index on the enrolment, whichever database: SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505.
    const refused = await getDb()
      .insert(certificates)
      .values({ ...cert!, id: undefined, code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ" })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(refused)).toBe(true);
    expect(String((refused as { cause?: unknown }).cause)).toMatch(/UNIQUE|duplicate key/);
  });
});
