import type { Route } from "./+types/dashboard.export";
import { z } from "zod";
import { getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { toViewer } from "~/auth/auth.server";
import { timeZoneOf } from "~/auth/users.server";
import { getEnv } from "~/env.server";
import { requireReporter } from "~/access/guards.server";
import { coopLearnersCsv, enrolmentsCsv, tableCsv } from "~/reports/export.server";
import { parseFilters, parseQuiet } from "~/reports/filters";
import { csvDownload } from "~/reports/csv";
import { orgInScope } from "~/access/scope.server";
import { messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";

const params = z.discriminatedUnion("table", [
  z.object({ table: z.enum(["coops", "countries", "courses", "enrolments"]) }),
  z.object({ table: z.literal("learners"), org: z.coerce.number().int().positive() }),
]);

const text = (status: number, message: string) => new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** Coordinators and admins: any dashboard table as CSV, within their scope, streamed. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, scope } = await requireReporter(request, context);
  // Refusals are plain text in the reader's language: this address is a file to save, not a page.
  const language = negotiateLanguage(request, user);
  const t = messages[language].exportErrors;
  // In the reader's language (headings, titles, countries) and time zone (dates).
  const locale = { language, timeZone: await timeZoneOf(context.db, user) };
  const url = new URL(request.url);
  const which = params.safeParse(Object.fromEntries(url.searchParams));
  if (!which.success) return text(400, t.chooseTable);
  const filters = parseFilters(url.searchParams);
  if (!filters.success) return text(400, `${t.badFilters} ${filters.error.issues.map((i) => i.message).join(" ")}`);
  // Titles of the courses this person may see: a draft's stays its code.
  const courses = new Map(visibleCourses(await getCatalog(), await toViewer(user)).map((c) => [c.slug, c]));
  const file = getEnv().databasePath;
  let body: ReadableStream<Uint8Array>;
  let name: string;
  if (which.data.table === "learners") {
    if (!(await orgInScope(context.db, scope, which.data.org))) return text(404, t.noCoop);
    const quiet = parseQuiet(url.searchParams);
    if (!quiet.success) return text(400, `${t.badFilters} ${quiet.message}`);
    body = coopLearnersCsv(file, which.data.org, filters.data, courses, quiet.data?.since, locale);
    name = `learners-${which.data.org}`;
  } else if (which.data.table === "enrolments") {
    body = enrolmentsCsv(file, scope, filters.data, courses, locale);
    name = "enrolments";
  } else {
    body = tableCsv(file, scope, filters.data, which.data.table, courses, locale);
    name = which.data.table;
  }
  return csvDownload(body, name);
}
