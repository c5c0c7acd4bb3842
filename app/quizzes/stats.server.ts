import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { toViewer } from "~/auth/auth.server";
import { requireCourseTrainer } from "~/auth/permissions.server";
import { findCourse, getCatalog } from "~/catalog/catalog.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { httpError } from "~/utils/http-errors";
import type { Db } from "~/db/client.server";
import { quizAttempts } from "~/db/schema";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Language } from "~/catalog/types";
import { csvStream } from "~/reports/csv";
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

/** Who may read a course's statistics (its trainers and admins), the course, and the reader's language. */
export async function requireStatsReader(request: Request, context: AppLoadContext, slug: string) {
  const user = requireCourseTrainer(request, context, slug);
  const course = findCourse(await getCatalog(), slug, toViewer(user));
  if (!course) throw httpError(404, "noCourse");
  return { user, course, language: negotiateLanguage(request, user) };
}

export type CourseQuizStats = QuizStats & { module: string; language: Language };

/**
 * A course's quiz statistics as a reader in `language` sees them. Answers given in every language count,
 * under the original's choices; prompts, choices and module titles are worded as the reader's language
 * version words them where the module has one (`language` says which language each quiz is shown in).
 */
export function courseStatsFor(db: Db, course: CatalogCourse, language: Language): CourseQuizStats[] {
  const modules = course.modules.filter((m) => m.quizzes.length > 0);
  const translations = modules.flatMap((m) => Object.values(m.variants).flatMap((v) => (v && v.quizzes !== m.quizzes ? v.quizzes : [])));
  const shownIn = modules.flatMap((m) => m.variants[language]?.quizzes ?? []);
  const stats = courseQuizStats(
    db,
    course.slug,
    modules.flatMap((m) => m.quizzes),
    { translations, shownIn },
  );
  return stats.map((s) => {
    const module = modules.find((m) => m.quizzes.some((q) => q.id === s.id))!;
    const variant = module.variants[language];
    return { ...s, module: variant?.frontmatter.title ?? module.title, language: variant ? language : course.meta.languages[0]! };
  });
}

/** The same statistics as a spreadsheet: one row per question, its quiz's figures repeated on each row. */
export function statsCsv(stats: readonly CourseQuizStats[]): ReadableStream<Uint8Array> {
  const rows = stats.flatMap((q) => q.questions.map((x) => ({ q, x })));
  return csvStream(
    ["module", "quiz", "attempts", "learners", "average_score", "first_attempt_pass_rate", "question", "prompt", "answered", "share_correct", "most_chosen_wrong", "most_chosen_wrong_count"],
    rows.values(),
    ({ q, x }) => [q.module, q.id, q.attempts, q.learners, q.averageScore, q.firstAttemptPassRate, x.id, x.prompt, x.answered, x.shareCorrect, x.mostChosenWrong?.label, x.mostChosenWrong?.count ?? 0],
  );
}
