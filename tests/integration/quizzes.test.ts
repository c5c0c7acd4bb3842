import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { getDb, sqliteConnection, type Tx } from "~/db/client.server";
import { moduleProgress, quizAttempts } from "~/db/schema";
import { enrol, getEnrolment, LearningError } from "~/learning/enrolment.server";
import { standings, submitAttempt } from "~/quizzes/attempts.server";
import { inGroupCommit } from "~/db/group-commit.server";
import { sqliteError } from "../support/sqlite-error";
import { sampleQuizAnswerSets } from "../support/sample-quiz";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
});
const course = () => catalog.courses.get("sample-course")!;
const module2 = () => course().modules[1]!;
const quiz = () => module2().quizzes[0]!;
const answers = () => sampleQuizAnswerSets(quiz());
const right = () => answers().right();
const wrong = () => answers().wrong();

let n = 0;
const key = () => `key-${Date.now()}-${++n}-abcdefgh`;
async function enrolled() {
  const u = await createUser(getDb(), { email: `q${++n}@example.org`, name: "Q", password: "password123" });
  await enrol(getDb(), u.id, course());
  return u;
}
const attempts = async (userId: number) => (await getDb().select({ n: count() }).from(quizAttempts).where(eq(quizAttempts.userId, userId)))[0]!.n;
async function expectRefused(fn: () => Promise<unknown>, status: number) {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LearningError);
    expect((e as LearningError).status).toBe(status);
    return;
  }
  throw new Error("expected a refusal");
}

describe("quiz attempts", () => {
  it("stores a failed attempt, then a pass that completes the module; every attempt kept, best counts", async () => {
    const u = await enrolled();
    const fail = await submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: wrong(), idempotencyKey: key() });
    expect(fail).toMatchObject({ created: true, moduleCompleted: false, attempt: { attemptNumber: 1, passed: false, score: 0 } });
    expect(fail.attempt.contentHash).toBe(module2().contentHash);
    const pass = await submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: right(), idempotencyKey: key() });
    expect(pass).toMatchObject({ created: true, moduleCompleted: true, attempt: { attemptNumber: 2, passed: true, score: 1 } });
    await submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: wrong(), idempotencyKey: key() });
    expect(await attempts(u.id)).toBe(3);
    expect((await standings(getDb(), u.id, "sample-course", [quiz()]))["sample-quiz"]).toEqual({ attempts: 3, best: 1, passed: true, remaining: null });
  });

  it("answers each submission with the standing the stored attempts give (limited or not, resend included)", async () => {
    const u = await enrolled();
    const limited = { ...quiz(), maxAttempts: 3 };
    for (const q of [quiz(), limited]) {
      const v = await enrolled();
      let resendKey = "";
      for (const answers of [wrong(), wrong(), right(), wrong()]) {
        if (q.maxAttempts !== null && (await standings(getDb(), v.id, "sample-course", [q]))[q.id]!.remaining === 0) break;
        resendKey = key();
        const outcome = await submitAttempt(getDb(), { userId: v.id, course: course(), module: module2(), quiz: q, answers, idempotencyKey: resendKey });
        expect(outcome.standing).toEqual((await standings(getDb(), v.id, "sample-course", [q]))[q.id]);
      }
      // The last one sent again: nothing new stored, the same standing.
      const again = await submitAttempt(getDb(), { userId: v.id, course: course(), module: module2(), quiz: q, answers: right(), idempotencyKey: resendKey });
      expect(again.created).toBe(false);
      expect(again.standing).toEqual((await standings(getDb(), v.id, "sample-course", [q]))[q.id]);
    }
    // And the figures themselves, for the unlimited quiz: two fails, a pass, a fail (one after another).
    const outcomes: unknown[] = [];
    for (const answers of [wrong(), wrong(), right(), wrong()])
      outcomes.push(
        (await submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers, idempotencyKey: key() })).standing,
      );
    expect(outcomes).toEqual([
      { attempts: 1, best: 0, passed: false, remaining: null },
      { attempts: 2, best: 0, passed: false, remaining: null },
      { attempts: 3, best: 1, passed: true, remaining: null },
      { attempts: 4, best: 1, passed: true, remaining: null },
    ]);
  });

  it("records one attempt for the same submission sent twice", async () => {
    const u = await enrolled();
    const k = key();
    const first = await submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: right(), idempotencyKey: k });
    const again = await submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: wrong(), idempotencyKey: k });
    expect(again.created).toBe(false);
    expect(again.attempt.id).toBe(first.attempt.id);
    expect(again.grade.passed).toBe(true);
    expect(await attempts(u.id)).toBe(1);
  });

  it("refuses a learner who is not enrolled, and stores nothing", async () => {
    const u = await createUser(getDb(), { email: `ne${++n}@example.org`, name: "N", password: "password123" });
    await expectRefused(
      () => submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: right(), idempotencyKey: key() }),
      403,
    );
    expect(await attempts(u.id)).toBe(0);
  });

  it("refuses a forged idempotency key", async () => {
    const u = await enrolled();
    await expectRefused(
      () => submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: right(), idempotencyKey: "<script>" }),
      400,
    );
    expect(await attempts(u.id)).toBe(0);
  });

  it("refuses an attempt beyond maxAttempts, and stores nothing", async () => {
    const u = await enrolled();
    const limited = { ...quiz(), maxAttempts: 2 };
    for (let i = 0; i < 2; i++)
      await submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: limited, answers: wrong(), idempotencyKey: key() });
    await expectRefused(
      () => submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: limited, answers: right(), idempotencyKey: key() }),
      409,
    );
    expect(await attempts(u.id)).toBe(2);
    expect((await getEnrolment(getDb(), u.id, "sample-course"))!.completedAt).toBeNull();
  });

  it("stores the attempt, the enrolment's score and activity, and the module's completion with the submission's time", async () => {
    const u = await enrolled();
    const now = new Date("2026-03-04T05:06:07.089Z");
    const outcome = await submitAttempt(getDb(), {
      userId: u.id,
      course: course(),
      module: module2(),
      quiz: quiz(),
      answers: right(),
      idempotencyKey: key(),
      now,
    });
    expect(outcome.attempt.createdAt).toEqual(now);
    expect(outcome.attempt.answers).toEqual(right());
    expect(outcome.attempt.results).toEqual(outcome.grade.questions.map((q) => ({ id: q.id, credit: q.credit })));
    const enrolment = (await getEnrolment(getDb(), u.id, "sample-course"))!;
    expect(enrolment).toMatchObject({ quizScore: 1, lastActivityAt: now, modulesDone: 1 });
    const progress = await getDb().select().from(moduleProgress).where(eq(moduleProgress.enrolmentId, enrolment.id));
    expect(progress).toEqual([expect.objectContaining({ moduleSlug: module2().slug, completedAt: now, contentHash: module2().contentHash })]);
  });

  it("stores nothing when the submission fails halfway: the attempt, the score and the progress go back together", async () => {
    const u = await enrolled();
    const before = (await getEnrolment(getDb(), u.id, "sample-course"))!;
    // Completing the module (the last step, after the attempt and the score are written) fails for this enrolment.
    sqliteConnection(getDb()).exec(`create temp trigger fail_progress before insert on module_progress when new.enrolment_id = ${before.id}
      begin select raise(abort, 'the disk is full'); end`);
    try {
      await expect(
        sqliteError(submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: right(), idempotencyKey: key() })),
      ).rejects.toThrow(/disk is full/);
    } finally {
      sqliteConnection(getDb()).exec("drop trigger temp.fail_progress");
    }
    expect(await attempts(u.id)).toBe(0);
    expect(await getEnrolment(getDb(), u.id, "sample-course")).toEqual(before);
  });

  it("stores nothing of a submission that fails halfway in a group commit, and the rest of its group commits", async () => {
    const [u, other] = [await enrolled(), await enrolled()];
    const before = (await getEnrolment(getDb(), u.id, "sample-course"))!;
    sqliteConnection(getDb()).exec(`create temp trigger fail_progress before insert on module_progress when new.enrolment_id = ${before.id}
      begin select raise(abort, 'the disk is full'); end`);
    try {
      // In the group's transaction submitAttempt (given the group's handle) opens no transaction of its own: the group's
      // savepoint for it is what undoes it.
      const submit = (userId: number) => (tx: Tx) =>
        sqliteError(submitAttempt(tx, { userId, course: course(), module: module2(), quiz: quiz(), answers: right(), idempotencyKey: key() }));
      const [failed, stored] = await Promise.allSettled([inGroupCommit(getDb(), submit(u.id)), inGroupCommit(getDb(), submit(other.id))]);
      expect(failed).toMatchObject({ status: "rejected", reason: expect.objectContaining({ message: expect.stringMatching(/disk is full/) }) });
      expect(stored).toMatchObject({ status: "fulfilled", value: expect.objectContaining({ created: true, moduleCompleted: true }) });
    } finally {
      sqliteConnection(getDb()).exec("drop trigger temp.fail_progress");
    }
    expect(await attempts(u.id)).toBe(0);
    expect(await getEnrolment(getDb(), u.id, "sample-course")).toEqual(before);
    expect(await attempts(other.id)).toBe(1);
    expect(await getEnrolment(getDb(), other.id, "sample-course")).toMatchObject({ quizScore: 1, modulesDone: 1 });
  });
});
