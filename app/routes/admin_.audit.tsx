import type { Route } from "./+types/admin_.audit";
import { data, redirect } from "react-router";
import { Form, Link } from "react-router";
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE, auditPage, parseAuditFilters, type AuditFilters } from "~/audit/audit.server";
import { requireAdmin } from "~/access/guards.server";
import { Field, FormError, SelectField } from "~/components/forms";
import { AuditTable } from "~/components/audit-table";
import { useT } from "~/i18n/i18n";
import { metaText, titled } from "~/i18n/meta";
import { messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { timeZoneOf } from "~/auth/users.server";
import { dayAndTime } from "~/i18n/format";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).admin.auditTitle) }];
}

/** The filters as an address's query, with any page (empty filters left out). */
function searchOf(f: AuditFilters, page?: number) {
  const p = new URLSearchParams();
  for (const key of ["action", "person", "from", "to"] as const) if (f[key]) p.set(key, f[key]);
  if (page && page > 1) p.set("page", String(page));
  return p.toString();
}

/**
 * Admins only: the whole audit log, filtered by kind of change, person and
 * days, fifty entries a page, newest first; the same entries as CSV at
 * /admin/audit.csv. Filters that cannot be used come back with the form and
 * a 400, never a 500.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const admin = await requireAdmin(request, context);
  const lang = negotiateLanguage(request, admin);
  const timeZone = await timeZoneOf(context.db, admin);
  const params = new URL(request.url).searchParams;
  const parsed = parseAuditFilters(params);
  if (!parsed.success) {
    const raw = Object.fromEntries(["action", "person", "from", "to"].map((k) => [k, (params.get(k) ?? "").slice(0, 200)]));
    const problem = `${messages[lang].serverErrors.badFilters} ${parsed.error.issues.map((i) => i.message).join(" ")}`;
    return data(
      {
        actions: AUDIT_ACTIONS,
        problem,
        filters: raw as AuditFilters,
        entries: [],
        total: 0,
        page: 1,
        pages: 1,
        first: 0,
        search: "",
        newer: null,
        older: null,
      },
      { status: 400 },
    );
  }
  const f = parsed.data;
  const { entries, total, page, pages } = await auditPage(context.db, f);
  // A page past the last (a bookmark from when the log was longer, or a typed number): the last page.
  if (page > pages) {
    const last = searchOf(f, pages);
    throw redirect(last ? `/admin/audit?${last}` : "/admin/audit");
  }
  return {
    actions: AUDIT_ACTIONS,
    problem: null,
    filters: f,
    // To the minute, in UTC (the page says so): admins are in several time zones.
    entries: entries.map((e) => ({ ...e, at: dayAndTime(lang, e.at, timeZone) })),
    total,
    page,
    pages,
    first: (page - 1) * AUDIT_PAGE_SIZE + 1,
    search: searchOf(f),
    newer: page > 1 ? searchOf(f, page - 1) : null,
    older: page < pages ? searchOf(f, page + 1) : null,
  };
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const d = loaderData;
  const { m, f } = useT();
  const t = m.admin;
  return (
    <div className="page wide">
      <p>
        <Link to="/admin">{t.auditBack}</Link>
      </p>
      <h1>{t.auditTitle}</h1>
      <p>{t.auditLead}</p>
      <Form method="get" className="filters no-print" aria-label={t.auditFilters}>
        <SelectField
          name="action"
          label={t.auditWhat}
          defaultValue={d.filters.action ?? ""}
          options={[{ value: "", label: t.auditAnyAction }, ...d.actions.map((a) => ({ value: a, label: t.auditActions[a] }))]}
        />
        <Field name="person" label={t.auditPerson} hint={t.auditPersonHint} defaultValue={d.filters.person ?? ""} maxLength={200} />
        <Field name="from" label={t.auditFrom} type="date" defaultValue={d.filters.from ?? ""} />
        <Field name="to" label={t.auditTo} type="date" defaultValue={d.filters.to ?? ""} />
        <div>
          <button type="submit" className="button">
            {t.auditShow}
          </button>{" "}
          <Link to="/admin/audit">{t.auditClear}</Link>
        </div>
      </Form>
      <FormError message={d.problem ?? undefined} />
      {d.problem ? null : d.total === 0 ? (
        <p role="status">{d.search ? t.auditNone : t.auditEmpty}</p>
      ) : (
        <>
          <p role="status">{f(t.auditRange, { first: d.first, last: d.first + d.entries.length - 1, total: d.total })}</p>
          <AuditTable entries={d.entries} />
          <nav aria-label={t.auditPages} className="no-print">
            <p>
              {d.newer !== null ? <Link to={`?${d.newer}`}>← {t.auditNewer}</Link> : null} {f(t.auditPageOf, { page: d.page, pages: d.pages })}{" "}
              {d.older !== null ? <Link to={`?${d.older}`}>{t.auditOlder} →</Link> : null}
            </p>
          </nav>
          <p className="no-print">
            <a href={`/admin/audit.csv${d.search ? `?${d.search}` : ""}`} download>
              {t.auditCsv}
            </a>
          </p>
        </>
      )}
    </div>
  );
}
