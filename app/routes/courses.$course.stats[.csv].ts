import type { Route } from "./+types/courses.$course.stats[.csv]";
import { getEnv } from "~/env.server";
import { csvDownload } from "~/reports/csv";
import { courseStatsFor, requireStatsReader, statsCsv } from "~/quizzes/stats.server";

/** Trainers of this course and admins only: the quiz statistics page as a spreadsheet, in the reader's language. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { course, language } = await requireStatsReader(request, context, params.course ?? "");
  return csvDownload(statsCsv(await courseStatsFor(getEnv().databasePath, course, language)), `quiz-statistics-${course.slug}`);
}
