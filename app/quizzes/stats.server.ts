import type { RouterContextProvider } from "react-router";
import { toViewer } from "~/auth/auth.server";
import { requireCourseTrainer } from "~/access/guards.server";
import { findCourse, getCatalog } from "~/catalog/catalog.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { httpError } from "~/utils/http-errors";
import { openReadOnly } from "~/db/read-only.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import { csvStream } from "~/reports/csv";
import type { QuizDefinition } from "./definition";
import { statsTally, type AttemptRow, type QuizStats, type StatsOptions } from "./stats";

/**
 * Item statistics of every quiz in a course, counting answers given in every language version (see quizStats).
 * A course can have hundreds of thousands of attempts: they are read one at a time from a read-only connection
 * of their own (the database file), and the tally pauses every thousand so that other requests are served
 * meanwhile. Memory stays flat; the figures are those of one snapshot of the database.
 */
export async function courseQuizStats(file: string, courseSlug: string, quizzes: readonly QuizDefinition[], options: StatsOptions = {}): Promise<QuizStats[]> {
  const conn = openReadOnly(file);
  try {
    const tally = statsTally(quizzes, options);
    const rows = conn
      .prepare("select user_id, quiz_id, attempt_number, passed, score, answers, results from quiz_attempts where course_slug = ?")
      .iterate(courseSlug);
    let n = 0;
    for (const r of rows as IterableIterator<RawAttempt>) {
      tally.add(attemptOf(r));
      if (++n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return tally.result();
  } finally {
    conn.close();
  }
}

type RawAttempt = { user_id: number; quiz_id: string; attempt_number: number; passed: number; score: number; answers: string; results: string };

const attemptOf = (r: RawAttempt): AttemptRow => ({
  userId: r.user_id,
  quizId: r.quiz_id,
  attemptNumber: r.attempt_number,
  passed: r.passed === 1,
  score: r.score,
  answers: JSON.parse(r.answers),
  results: JSON.parse(r.results),
});

/** Who may read a course's statistics (its trainers and admins), the course, and the reader's language. */
export async function requireStatsReader(request: Request, context: Readonly<RouterContextProvider>, slug: string) {
  const user = await requireCourseTrainer(request, context, slug);
  const course = findCourse(await getCatalog(), slug, await toViewer(user));
  if (!course) throw httpError(404, "noCourse");
  return { user, course, language: negotiateLanguage(request, user) };
}

export type CourseQuizStats = QuizStats & { module: string; language: Language };

/**
 * A course's quiz statistics as a reader in `language` sees them. Answers given in every language count,
 * under the original's choices; prompts, choices and module titles are worded as the reader's language
 * version words them where the module has one (`language` says which language each quiz is shown in).
 */
export async function courseStatsFor(file: string, course: CatalogCourse, language: Language): Promise<CourseQuizStats[]> {
  const modules = course.modules.filter((m) => m.quizzes.length > 0);
  const translations = modules.flatMap((m) => Object.values(m.variants).flatMap((v) => (v && v.quizzes !== m.quizzes ? v.quizzes : [])));
  const shownIn = modules.flatMap((m) => m.variants[language]?.quizzes ?? []);
  const stats = await courseQuizStats(
    file,
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
    [
      "module",
      "quiz",
      "attempts",
      "learners",
      "average_score",
      "first_attempt_pass_rate",
      "question",
      "prompt",
      "answered",
      "share_correct",
      "most_chosen_wrong",
      "most_chosen_wrong_count",
    ],
    rows.values(),
    ({ q, x }) => [
      q.module,
      q.id,
      q.attempts,
      q.learners,
      q.averageScore,
      q.firstAttemptPassRate,
      x.id,
      x.prompt,
      x.answered,
      x.shareCorrect,
      x.mostChosenWrong?.label,
      x.mostChosenWrong?.count ?? 0,
    ],
  );
}
