import type { Route } from "./+types/admin_.audit[.csv]";
import { iterateAudit, parseAuditFilters } from "~/audit/audit.server";
import { requireAdmin } from "~/access/guards.server";
import { getEnv } from "~/env.server";
import { messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { csvDownload, csvStream } from "~/reports/csv";

/**
 * Admins only: the audit log's entries that the filters of /admin/audit
 * match (all pages), newest first, as a streamed CSV. Times are UTC, in ISO
 * 8601; the kind of change is its stable code (password-code, role-add...),
 * so a spreadsheet can sort and count by it in any language.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const admin = await requireAdmin(request, context);
  const parsed = parseAuditFilters(new URL(request.url).searchParams);
  if (!parsed.success) {
    // Plain text in the reader's language: this address is a file to save, not a page.
    const message = `${messages[negotiateLanguage(request, admin)].exportErrors.badFilters} ${parsed.error.issues.map((i) => i.message).join(" ")}`;
    return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const rows = iterateAudit(context.db, getEnv().databasePath, { ...parsed.data, page: undefined });
  return csvDownload(
    csvStream(["at_utc", "action", "by", "by_login", "subject", "subject_login", "organisation", "detail"], rows, (r) => [
      new Date(r.at).toISOString(),
      r.action,
      r.actor ?? "(command line)",
      r.actorLogin,
      r.subject,
      r.subjectLogin,
      r.organisation,
      r.detail,
    ]),
    "audit",
  );
}
