import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { courseStatsFor, requireStatsReader, statsCsv } from "~/quizzes/stats.server";

/** Trainers of this course and admins only: the quiz statistics page as a spreadsheet, in the reader's language. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { course, language } = await requireStatsReader(request, context, params.course ?? "");
  return new Response(statsCsv(courseStatsFor(getDb(), course, language)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="campus-quiz-statistics-${course.slug}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
