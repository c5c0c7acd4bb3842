import { Breadcrumbs } from "~/components/breadcrumbs";
import type { Route } from "./+types/dashboard.coops.$id.import";
import { data } from "react-router";
import { Form, Link, useNavigation } from "react-router";
import { getCatalog } from "~/catalog/catalog.server";
import { validateImport, type ImportError } from "~/orgs/csv-import";
import { applyImport, type SheetLine } from "~/orgs/import.server";
import { requireOrgInScope } from "~/access/guards.server";
import { format, useT } from "~/i18n/i18n";
import { messages } from "~/i18n/messages";
import { getEnv } from "~/env.server";
import type { Language } from "~/i18n/language";
import { negotiateLanguage } from "~/i18n/locale.server";
import { metaText } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: `${metaText(matches).importPage.crumb} · ${metaText(matches).dash.title}` }];
}

const MAX_BYTES = 8 * 1024 * 1024;

async function loadOrg(request: Request, context: Route.LoaderArgs["context"], id: string | undefined) {
  const { user, scope, org } = await requireOrgInScope(request, context, id);
  return { user, scope, org, language: negotiateLanguage(request, user) };
}

/** Coordinators of this co-op (or a parent) and admins. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { org } = await loadOrg(request, context, params.id);
  const courses = [...(await getCatalog()).courses.values()].filter((c) => !c.meta.draft).map((c) => ({ slug: c.slug, title: c.meta.title }));
  return { org: { id: org.id, name: org.name }, courses };
}

/** A printed line: the person's name, login and code, with the instructions in their own language. */
type PrintedLine = SheetLine & { instructions: string; coursesText: string | null };
type ActionResult = { ok: false; errors: ImportError[]; total?: number } | { ok: true; sheet: PrintedLine[] };

/** Each learner's line in their language, with the site's full address: the sheet is cut up and handed out. */
function printable(line: SheetLine, org: string, importer: Language): PrintedLine {
  const t = messages[line.language].importSheet;
  const url = `${getEnv().origin}${line.code ? "/set-password" : "/login"}`;
  const instructions =
    line.status === "invited"
      ? format(importer, messages[importer].importPage.invited, { org })
      : format(line.language, line.code ? t.codeLine : t.passwordLine, { url, login: line.login });
  return {
    ...line,
    instructions,
    coursesText: line.courses.length && line.status !== "invited" ? format(line.language, t.coursesLine, { courses: line.courses.join(", ") }) : null,
  };
}

/** Validates every row first; writes all of them in one transaction, or nothing. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { user, scope, org, language } = await loadOrg(request, context, params.id);
  const t = messages[language].importPage;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BYTES) {
    return data<ActionResult>({ ok: false, errors: [{ row: 0, message: t.tooBig }] }, { status: 413 });
  }
  let text = "";
  try {
    // The body was read, bounded (8 MB, a few parts), before this route ran (app/server/bodies.server.ts).
    const form = await request.formData();
    const file = form.get("file");
    // A form sent without choosing a file still carries an empty one: then the pasted rows count.
    const fileText = typeof file === "object" && file && "text" in file && file.size > 0 ? await file.text() : "";
    text = fileText || String(form.get("pasted") ?? "");
  } catch {
    return data<ActionResult>({ ok: false, errors: [{ row: 0, message: t.unreadable }] }, { status: 400 });
  }
  if (!text.trim()) return data<ActionResult>({ ok: false, errors: [{ row: 0, message: t.nothing }] }, { status: 400 });
  const catalog = await getCatalog();
  const published = new Set([...catalog.courses.values()].filter((c) => !c.meta.draft).map((c) => c.slug));
  const checked = validateImport(text, published, messages[language].importErrors, language);
  if (!checked.ok) return data<ActionResult>({ ok: false, errors: checked.errors.slice(0, 500), total: checked.errors.length }, { status: 400 });
  const sheet = await applyImport(context.db, { organisationId: org.id, rows: checked.rows, courses: catalog.courses, by: user.id, scope, language });
  return data<ActionResult>({ ok: true, sheet: sheet.map((l) => printable(l, org.name, language)) });
}

export default function ImportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { org, courses } = loaderData;
  const result = actionData;
  const busy = useNavigation().state === "submitting";
  const { m, f } = useT();
  const t = m.importPage;
  if (result?.ok) {
    return (
      <div className="page">
        <h1>{f(t.sheetTitle, { org: org.name })}</h1>
        <p className="notice" role="status">
          {f(t.sheetLead, { n: result.sheet.length, org: org.name })}
        </p>
        <p className="no-print">
          <button type="button" className="button secondary" onClick={() => window.print()}>
            {t.print}
          </button>{" "}
          <Link to={`/dashboard/coops/${org.id}`}>{f(t.back, { org: org.name })}</Link>
        </p>
        <ul className="print-sheet">
          {result.sheet.map((l) => (
            <li key={l.login} lang={l.language}>
              <strong>{l.name}</strong> · <code>{l.login}</code>
              {l.code ? (
                <p>
                  <strong className="join-code">{l.code}</strong>
                </p>
              ) : null}
              <p>{l.instructions}</p>
              {l.coursesText ? <p className="muted">{l.coursesText}</p> : null}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const problems = result && !result.ok ? (result.total ?? result.errors.length) : 0;
  return (
    <div className="page reading">
      <Breadcrumbs trail={[{ to: `/dashboard/coops/${org.id}`, label: org.name }]} current={t.crumb} label={m.module.breadcrumb} />
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <pre>{`name,email,username,courses,language\nWanjiru Kamau,wanjiru@example.org,,${courses[0]?.slug ?? ""},sw\nOtieno Ouma,,otieno.ouma,${courses[0]?.slug ?? ""},en\nMarie Ngo,,marie.ngo,${courses[0]?.slug ?? ""},fr`}</pre>
      <p className="muted">{f(t.courseCodes, { codes: courses.map((c) => `${c.slug} (${c.title})`).join("; ") })}</p>
      {result && !result.ok ? (
        <div className="form-error" role="alert">
          <p>
            <strong>{t.nothingSaved}</strong> {f(t.fix, { n: problems })}
          </p>
          <ul>
            {result.errors.map((e) => (
              <li key={`${e.row}-${e.message}`}>{e.row > 0 ? f(t.row, { row: String(e.row), message: e.message }) : e.message}</li>
            ))}
          </ul>
          {result.total && result.total > result.errors.length ? <p>{f(t.more, { n: result.total - result.errors.length })}</p> : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="import-file">{t.file}</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" />
        </div>
        <div className="field">
          <label htmlFor="import-pasted">{t.paste}</label>
          <textarea id="import-pasted" name="pasted" rows={6} />
        </div>
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t.checking : t.submit}
          </button>
        </div>
      </Form>
    </div>
  );
}
