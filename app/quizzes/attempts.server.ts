import { and, asc, count, eq, sql } from "drizzle-orm";
import type { CatalogCourse, CatalogModule } from "~/catalog/catalog.server";
import { preparedOnce, type Db } from "~/db/client.server";
import { quizAttempts, type QuizAttempt } from "~/db/schema";
import { completeModuleWithin, findEnrolment, LearningError } from "~/learning/enrolment.server";
import type { QuizDefinition } from "./definition";
import { gradeQuiz, type Answers, type Grade } from "./grading";

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export type SubmitOutcome = {
  attempt: QuizAttempt;
  grade: Grade;
  /** False when this was a resend of an attempt already stored (same idempotency key). */
  created: boolean;
  moduleCompleted: boolean;
  courseCompleted: boolean;
};

/**
 * Grades and stores one attempt, in one immediate transaction: enrolment
 * checked, a resend with the same key returns the stored attempt, the attempt
 * limit enforced, and the module (and course) completed when this pass makes
 * every quiz of the module passed.
 */
export function submitAttempt(
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
): SubmitOutcome {
  const { userId, course, module, quiz, answers, idempotencyKey } = input;
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new LearningError("This form has expired. Reload the page and answer again.", 400, "expired");
  const now = input.now ?? new Date();
  return db.transaction(
    (tx) => {
      const enrolment = findEnrolment(tx, userId, course.slug);
      if (!enrolment) throw new LearningError("Enrol in the course to take its quizzes.", 403, "enrolToQuiz");
      const existing = tx
        .select()
        .from(quizAttempts)
        .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.idempotencyKey, idempotencyKey)))
        .get();
      if (existing) {
        if (existing.quizId !== quiz.id || existing.courseSlug !== course.slug) {
          throw new LearningError("This form has expired. Reload the page and answer again.", 409, "expired");
        }
        const grade = gradeQuiz(quiz, existing.answers);
        return { attempt: existing, grade, created: false, moduleCompleted: false, courseCompleted: false };
      }
      const previous = tx
        .select({ n: count() })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.enrolmentId, enrolment.id), eq(quizAttempts.quizId, quiz.id)))
        .get()!.n;
      if (quiz.maxAttempts !== null && previous >= quiz.maxAttempts) {
        throw new LearningError(`You have used all ${quiz.maxAttempts} attempts at this quiz.`, 409, "noAttemptsLeft", quiz.maxAttempts);
      }
      const grade = gradeQuiz(quiz, answers);
      const attempt = tx
        .insert(quizAttempts)
        .values({
          userId,
          enrolmentId: enrolment.id,
          courseSlug: course.slug,
          moduleSlug: module.slug,
          quizId: quiz.id,
          attemptNumber: previous + 1,
          answers,
          results: grade.questions.map((q) => ({ id: q.id, credit: q.credit })),
          score: grade.score,
          passed: grade.passed,
          contentHash: module.contentHash,
          idempotencyKey,
          createdAt: now,
        })
        .returning()
        .get();
      // The enrolment's quiz score (the average of its best score per quiz) is kept for reports.
      tx.run(sql`update enrolments set last_activity_at = ${now.getTime()}, quiz_score = (
          select avg(best) from (select max(score) as best from quiz_attempts where enrolment_id = ${enrolment.id} group by quiz_id))
        where id = ${enrolment.id}`);
      let moduleCompleted = false;
      let courseCompleted = false;
      if (grade.passed && module.quizzes.every((q) => q.id === quiz.id || hasPassed(tx, enrolment.id, q.id))) {
        const outcome = completeModuleWithin(tx, { enrolment, course, module, now });
        moduleCompleted = true;
        courseCompleted = outcome.courseCompletedNow;
      }
      return { attempt, grade, created: true, moduleCompleted, courseCompleted };
    },
    { behavior: "immediate" },
  );
}

function hasPassed(tx: Pick<Db, "select">, enrolmentId: number, quizId: string) {
  return !!tx
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.enrolmentId, enrolmentId), eq(quizAttempts.quizId, quizId), eq(quizAttempts.passed, true)))
    .get();
}

export type QuizStanding = { attempts: number; best: number | null; passed: boolean; remaining: number | null };

/** A learner's standing on each quiz of a module: attempts made, best score (the one that counts), passed. */
const attemptsIn = preparedOnce((db) =>
  db
    .select({ quizId: quizAttempts.quizId, score: quizAttempts.score, passed: quizAttempts.passed })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, sql.placeholder("userId")), eq(quizAttempts.courseSlug, sql.placeholder("courseSlug"))))
    .orderBy(asc(quizAttempts.id))
    .prepare(),
);

export function standings(db: Db, userId: number, courseSlug: string, quizzes: QuizDefinition[]): Record<string, QuizStanding> {
  const rows = attemptsIn(db).all({ userId, courseSlug });
  const out: Record<string, QuizStanding> = {};
  for (const quiz of quizzes) {
    const mine = rows.filter((r) => r.quizId === quiz.id);
    const best = mine.length ? Math.max(...mine.map((r) => r.score)) : null;
    out[quiz.id] = {
      attempts: mine.length,
      best,
      passed: mine.some((r) => r.passed),
      remaining: quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - mine.length),
    };
  }
  return out;
}
