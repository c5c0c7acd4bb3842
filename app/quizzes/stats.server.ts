import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { quizAttempts } from "~/db/schema";
import type { QuizDefinition } from "./definition";
import { quizStats, type QuizStats } from "./stats";

/** Item statistics of every quiz in a course, counting answers given in every language version (`translations`). */
export function courseQuizStats(db: Db, courseSlug: string, quizzes: readonly QuizDefinition[], translations: readonly QuizDefinition[] = []): QuizStats[] {
  const rows = db
    .select({
      userId: quizAttempts.userId,
      quizId: quizAttempts.quizId,
      attemptNumber: quizAttempts.attemptNumber,
      passed: quizAttempts.passed,
      score: quizAttempts.score,
      answers: quizAttempts.answers,
      results: quizAttempts.results,
    })
    .from(quizAttempts)
    .where(eq(quizAttempts.courseSlug, courseSlug))
    .all();
  return quizStats(quizzes, rows, translations);
}
