import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { quizAttempts } from "~/db/schema";
import type { QuizDefinition } from "./definition";
import { quizStats, type QuizStats, type StatsOptions } from "./stats";

/** Item statistics of every quiz in a course, counting answers given in every language version (see quizStats). */
export function courseQuizStats(db: Db, courseSlug: string, quizzes: readonly QuizDefinition[], options: StatsOptions = {}): QuizStats[] {
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
  return quizStats(quizzes, rows, options);
}
