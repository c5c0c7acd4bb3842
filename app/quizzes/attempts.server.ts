import { and, asc, count, eq, sql } from "drizzle-orm";
import type { CatalogCourse, CatalogModule } from "~/catalog/catalog.server";
import { driverTime, lockFor, preparedOnce, withinTransaction, type Db, type Tx } from "~/db/client.server";
import { enrolments, quizAttempts, type QuizAttempt } from "~/db/schema";
import { completeModuleWithin, getEnrolment, learnerCourseKey, LearningError, quizScoreOfEnrolment } from "~/learning/enrolment.server";
import type { QuizDefinition } from "./definition";
import { gradeQuiz, type Answers, type Grade } from "./grading";
import type { QuizStanding } from "./replies";

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export type SubmitOutcome = {
  attempt: QuizAttempt;
  grade: Grade;
  /** The learner's standing on this quiz once this attempt is stored (what `standings` reads after it). */
  standing: QuizStanding;
  /** False when this was a resend of an attempt already stored (same idempotency key). */
  created: boolean;
  moduleCompleted: boolean;
  courseCompleted: boolean;
};

const attemptByKey = preparedOnce((db) =>
  db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, sql.placeholder("userId")), eq(quizAttempts.idempotencyKey, sql.placeholder("idempotencyKey"))))
    .prepare(),
);
/** The attempts before this one: how many (for the limit and the number), the best score and whether one passed (for the standing). */
const attemptsBefore = preparedOnce((db) =>
  db
    .select({
      n: count(),
      best: sql<number | null>`max(${quizAttempts.score})`,
      passed: sql<number | null>`max(case when ${quizAttempts.passed} then 1 else 0 end)`,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.enrolmentId, sql.placeholder("enrolmentId")), eq(quizAttempts.quizId, sql.placeholder("quizId"))))
    .prepare(),
);
const passedAttempt = preparedOnce((db) =>
  db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.enrolmentId, sql.placeholder("enrolmentId")), eq(quizAttempts.quizId, sql.placeholder("quizId")), eq(quizAttempts.passed, true)))
    .prepare(),
);
const insertAttempt = preparedOnce((db) =>
  db
    .insert(quizAttempts)
    .values({
      userId: sql.placeholder("userId"),
      enrolmentId: sql.placeholder("enrolmentId"),
      courseSlug: sql.placeholder("courseSlug"),
      moduleSlug: sql.placeholder("moduleSlug"),
      quizId: sql.placeholder("quizId"),
      attemptNumber: sql.placeholder("attemptNumber"),
      answers: sql.placeholder("answers"),
      results: sql.placeholder("results"),
      score: sql.placeholder("score"),
      passed: sql.placeholder("passed"),
      contentHash: sql.placeholder("contentHash"),
      idempotencyKey: sql.placeholder("idempotencyKey"),
      createdAt: sql.placeholder("createdAt"),
    })
    // The rest of the row is what was just written: reading it back would parse the answers' JSON again.
    .returning({ id: quizAttempts.id })
    .prepare(),
);
// The enrolment's quiz score (the average of its best score per quiz) is kept for reports.
const updateQuizScore = preparedOnce((db) =>
  db
    .update(enrolments)
    .set({
      // In an update's set a placeholder's value goes in as it is: the time as milliseconds.
      lastActivityAt: sql`${sql.placeholder("now")}`,
      quizScore: quizScoreOfEnrolment,
    })
    .where(eq(enrolments.id, sql.placeholder("enrolmentId")))
    .prepare(),
);

/**
 * Grades and stores one attempt, in one transaction (or in `db`'s, when `db`
 * is one already): enrolment checked, a resend with the same key returns the
 * stored attempt, the attempt limit enforced, and the module (and course)
 * completed when this pass makes every quiz of the module passed.
 *
 * Its queries are built once (building a drizzle query cost more than running
 * it: about 60% of a submission).
 */
export async function submitAttempt(
  db: Db,
  input: {
    userId: number;
    course: CatalogCourse;
    module: CatalogModule;
    quiz: QuizDefinition;
    answers: Answers;
    idempotencyKey: string;
    now?: Date;
  },
): Promise<SubmitOutcome> {
  const { userId, course, module, quiz, answers, idempotencyKey } = input;
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new LearningError("This form has expired. Reload the page and answer again.", 400, "expired");
  const now = input.now ?? new Date();
  const work = async (tx: Tx): Promise<SubmitOutcome> => {
    // One learner's submissions and completions of a course, one after another: attempt numbers, the attempt limit
    // and the completion are decided on what the one before stored.
    await lockFor(tx, learnerCourseKey(userId, course.slug));
    const enrolment = await getEnrolment(tx, userId, course.slug);
    if (!enrolment) throw new LearningError("Enrol in the course to take its quizzes.", 403, "enrolToQuiz");
    const existing = await attemptByKey(tx).get({ userId, idempotencyKey });
    if (existing) {
      if (existing.quizId !== quiz.id || existing.courseSlug !== course.slug) {
        throw new LearningError("This form has expired. Reload the page and answer again.", 409, "expired");
      }
      const grade = gradeQuiz(quiz, existing.answers);
      const standing = (await standings(tx, userId, course.slug, [quiz]))[quiz.id]!;
      return { attempt: existing, grade, standing, created: false, moduleCompleted: false, courseCompleted: false };
    }
    const before = (await attemptsBefore(tx).get({ enrolmentId: enrolment.id, quizId: quiz.id }))!;
    if (quiz.maxAttempts !== null && before.n >= quiz.maxAttempts) {
      throw new LearningError(`You have used all ${quiz.maxAttempts} attempts at this quiz.`, 409, "noAttemptsLeft", quiz.maxAttempts);
    }
    const grade = gradeQuiz(quiz, answers);
    const row = {
      userId,
      enrolmentId: enrolment.id,
      courseSlug: course.slug,
      moduleSlug: module.slug,
      quizId: quiz.id,
      attemptNumber: before.n + 1,
      answers,
      results: grade.questions.map((q) => ({ id: q.id, credit: q.credit })),
      score: grade.score,
      passed: grade.passed,
      contentHash: module.contentHash,
      idempotencyKey,
      createdAt: now,
    };
    const attempt: QuizAttempt = { id: (await insertAttempt(tx).get(row))!.id, ...row };
    const standing = standingOf(quiz, {
      attempts: before.n + 1,
      best: Math.max(before.best ?? 0, grade.score),
      passed: before.passed === 1 || grade.passed,
    });
    let moduleCompleted = false;
    let courseCompleted = false;
    let allPassed = grade.passed;
    for (const q of module.quizzes) {
      if (!allPassed) break;
      if (q.id !== quiz.id) allPassed = !!(await passedAttempt(tx).get({ enrolmentId: enrolment.id, quizId: q.id }));
    }
    if (allPassed) {
      // Completing the module refreshes the quiz score and the activity time in its own update of the enrolment.
      const outcome = await completeModuleWithin(tx, { enrolment, course, module, now });
      moduleCompleted = true;
      courseCompleted = outcome.courseCompletedNow;
    } else await updateQuizScore(tx).run({ now: driverTime(tx, now), enrolmentId: enrolment.id });
    return { attempt, grade, standing, created: true, moduleCompleted, courseCompleted };
  };
  // Inside a transaction already (group commit gives each submission a savepoint of its own), the work runs in it,
  // and that savepoint undoes it if it throws: a second savepoint would cost two statements for nothing. Alone, it
  // opens its own transaction.
  return withinTransaction(db, work);
}

/** A learner's standing on each quiz of a module: attempts made, best score (the one that counts), passed. */
const attemptsIn = preparedOnce((db) =>
  db
    .select({ quizId: quizAttempts.quizId, score: quizAttempts.score, passed: quizAttempts.passed })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, sql.placeholder("userId")), eq(quizAttempts.courseSlug, sql.placeholder("courseSlug"))))
    .orderBy(asc(quizAttempts.id))
    .prepare(),
);

export async function standings(db: Db, userId: number, courseSlug: string, quizzes: QuizDefinition[]): Promise<Record<string, QuizStanding>> {
  const rows = await attemptsIn(db).all({ userId, courseSlug });
  const out: Record<string, QuizStanding> = {};
  for (const quiz of quizzes) {
    const mine = rows.filter((r) => r.quizId === quiz.id);
    out[quiz.id] = standingOf(quiz, {
      attempts: mine.length,
      best: mine.length ? Math.max(...mine.map((r) => r.score)) : null,
      passed: mine.some((r) => r.passed),
    });
  }
  return out;
}

function standingOf(quiz: QuizDefinition, made: { attempts: number; best: number | null; passed: boolean }): QuizStanding {
  return { ...made, remaining: quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - made.attempts) };
}
