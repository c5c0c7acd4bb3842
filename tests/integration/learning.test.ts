import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db/client.server";
import { enrolments, moduleProgress } from "~/db/schema";
import { enrol, getEnrolment, learnerCourses, LearningError, markModuleComplete, recordModuleComplete } from "~/learning/enrolment.server";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
});

const course = () => catalog.courses.get("sample-course")!;
let n = 0;
const learner = () => createUser(getDb(), { email: `learner${++n}@example.org`, name: `Learner ${n}`, password: "password123" });

describe("enrolment and completion", () => {
  it("enrolling twice changes nothing", async () => {
    const u = await learner();
    const a = await enrol(getDb(), u.id, course());
    const b = await enrol(getDb(), u.id, course());
    expect(b.id).toBe(a.id);
    expect(b.enrolledAt.getTime()).toBe(a.enrolledAt.getTime());
    expect((await getDb().select({ n: count() }).from(enrolments).where(eq(enrolments.userId, u.id)))[0]!.n).toBe(1);
    expect(a.courseVersion).toBe("2");
  });

  it("refuses progress without an enrolment", async () => {
    const u = await learner();
    const err = await (async () => {
      try {
        await markModuleComplete(getDb(), { userId: u.id, course: course(), module: course().modules[0]! });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LearningError);
    expect((err as LearningError).status).toBe(403);
  });

  it("does not let a learner tick off a module that has a quiz", async () => {
    const u = await learner();
    await enrol(getDb(), u.id, course());
    await expect(markModuleComplete(getDb(), { userId: u.id, course: course(), module: course().modules[1]! })).rejects.toThrow(/quiz/);
  });

  it("completes the course with the date when every module is done, and keeps the module's content hash", async () => {
    const u = await learner();
    await enrol(getDb(), u.id, course());
    const first = await markModuleComplete(getDb(), { userId: u.id, course: course(), module: course().modules[0]! });
    expect(first.courseCompletedNow).toBe(false);
    expect(first.enrolment.completedAt).toBeNull();
    // Completing the same module again keeps one record.
    await markModuleComplete(getDb(), { userId: u.id, course: course(), module: course().modules[0]! });
    const enrolment = (await getEnrolment(getDb(), u.id, "sample-course"))!;
    const rows = await getDb().select().from(moduleProgress).where(eq(moduleProgress.enrolmentId, enrolment.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.contentHash).toBe(course().modules[0]!.contentHash);

    const when = new Date("2026-03-01T10:00:00Z");
    const done = await recordModuleComplete(getDb(), { userId: u.id, course: course(), module: course().modules[1]!, now: when });
    expect(done.courseCompletedNow).toBe(true);
    expect(done.enrolment.completedAt?.toISOString()).toBe(when.toISOString());
    const again = await recordModuleComplete(getDb(), { userId: u.id, course: course(), module: course().modules[1]! });
    expect(again.courseCompletedNow).toBe(false);
    expect(again.enrolment.completedAt?.toISOString()).toBe(when.toISOString());

    const mine = await learnerCourses(getDb(), u.id, catalog.courses);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ slug: "sample-course", progress: { done: 2, total: 2, percent: 100, complete: true } });
  });

  it("shows each learner only their own courses", async () => {
    const a = await learner();
    const b = await learner();
    await enrol(getDb(), a.id, course());
    expect(await learnerCourses(getDb(), b.id, catalog.courses)).toEqual([]);
  });
});
