import { Breadcrumbs } from "~/components/breadcrumbs";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { getCatalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { organisations } from "~/db/schema";
import { validateImport, type ImportError } from "~/orgs/csv-import";
import { applyImport, type SheetLine } from "~/orgs/import.server";
import { requireReporter } from "~/reports/access.server";
import { orgInScope } from "~/reports/reports.server";

export const meta: MetaFunction = () => [{ title: "Enrol learners from a file · Dashboard" }];

const MAX_BYTES = 8 * 1024 * 1024;

function loadOrg(request: Request, context: LoaderFunctionArgs["context"], id: string | undefined) {
  const { scope } = requireReporter(request, context);
  const orgId = Number(id);
  if (!Number.isInteger(orgId) || orgId <= 0 || !orgInScope(getDb(), scope, orgId)) throw data({ message: "There is no co-operative at this address in your scope." }, { status: 404 });
  return getDb().select().from(organisations).where(eq(organisations.id, orgId)).get()!;
}

/** Coordinators of this co-op (or a parent) and admins. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const org = loadOrg(request, context, params.id);
  const courses = [...(await getCatalog()).courses.values()].filter((c) => !c.meta.draft).map((c) => ({ slug: c.slug, title: c.meta.title }));
  return { org: { id: org.id, name: org.name }, courses };
}

type ActionResult = { ok: false; errors: ImportError[]; total?: number } | { ok: true; sheet: SheetLine[] };

/** Validates every row first; writes all of them in one transaction, or nothing. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const org = loadOrg(request, context, params.id);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BYTES) {
    return data<ActionResult>({ ok: false, errors: [{ row: 0, message: "The file is larger than 8 MB; split it into several files." }] }, { status: 413 });
  }
  let text = "";
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }));
    const file = form.get("file");
    // A form sent without choosing a file still carries an empty one: then the pasted rows count.
    const fileText = typeof file === "object" && file && "text" in file && file.size > 0 ? await file.text() : "";
    text = fileText || String(form.get("pasted") ?? "");
  } catch {
    return data<ActionResult>({ ok: false, errors: [{ row: 0, message: "The file could not be read. Save it as CSV (UTF-8) and send it again; at most 8 MB." }] }, { status: 400 });
  }
  if (!text.trim()) return data<ActionResult>({ ok: false, errors: [{ row: 0, message: "Choose a CSV file, or paste its contents." }] }, { status: 400 });
  const catalog = await getCatalog();
  const published = new Set([...catalog.courses.values()].filter((c) => !c.meta.draft).map((c) => c.slug));
  const checked = validateImport(text, published);
  if (!checked.ok) return data<ActionResult>({ ok: false, errors: checked.errors.slice(0, 500), total: checked.errors.length }, { status: 400 });
  const sheet = applyImport(getDb(), { organisationId: org.id, rows: checked.rows, courses: catalog.courses });
  return data<ActionResult>({ ok: true, sheet });
}

export default function ImportPage() {
  const { org, courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result?.ok) {
    return (
      <div className="page">
        <h1>Set-password sheet: {org.name}</h1>
        <p className="notice" role="status">
          {result.sheet.length} people are now learners of {org.name}. Print this page and give each person their line: the codes are
          shown only now, and each works once.
        </p>
        <p className="no-print">
          <button type="button" className="button secondary" onClick={() => window.print()}>
            Print
          </button>{" "}
          <Link to={`/dashboard/coops/${org.id}`}>Back to {org.name}</Link>
        </p>
        <ul className="print-sheet">
          {result.sheet.map((l) => (
            <li key={l.login}>
              <strong>{l.name}</strong> · log in as <code>{l.login}</code>
              <br />
              {l.code ? (
                <>
                  One-time code: <strong className="join-code">{l.code}</strong> · set your password at <code>/set-password</code>
                </>
              ) : (
                "Already has a password: log in as usual."
              )}
              {l.courses.length ? <span className="muted"> · enrolled in {l.courses.join(", ")}</span> : null}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="page reading">
      <Breadcrumbs trail={[{ to: `/dashboard/coops/${org.id}`, label: org.name }]} current="Enrol from a file" />
      <h1>Enrol learners from a CSV file</h1>
      <p>
        The first row names the columns: <code>name</code>, <code>email</code> and/or <code>username</code> (for people without
        email), and optionally <code>courses</code> (course codes separated by spaces or semicolons). Every row is checked first;
        nothing is saved unless all rows are right.
      </p>
      <pre>{`name,email,username,courses\nWanjiru Kamau,wanjiru@example.org,,${courses[0]?.slug ?? ""}\nOtieno Ouma,,otieno.ouma,${courses[0]?.slug ?? ""}`}</pre>
      <p className="muted">Course codes: {courses.map((c) => `${c.slug} (${c.title})`).join("; ")}</p>
      {result && !result.ok ? (
        <div className="form-error" role="alert">
          <p>
            <strong>Nothing was saved.</strong> Fix {result.total ?? result.errors.length} problem{(result.total ?? result.errors.length) === 1 ? "" : "s"} and send the
            file again:
          </p>
          <ul>
            {result.errors.map((e) => (
              <li key={`${e.row}-${e.message}`}>{e.row > 0 ? `Row ${e.row}: ${e.message}` : e.message}</li>
            ))}
          </ul>
          {result.total && result.total > result.errors.length ? <p>…and {result.total - result.errors.length} more.</p> : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="import-file">CSV file</label>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" />
        </div>
        <div className="field">
          <label htmlFor="import-pasted">Or paste the rows here</label>
          <textarea id="import-pasted" name="pasted" rows={6} />
        </div>
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Checking…" : "Check and enrol"}
          </button>
        </div>
      </Form>
    </div>
  );
}
