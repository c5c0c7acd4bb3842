import type { Route } from "./+types/certificates.$code._index";
import { redirect } from "react-router";
import { Form, Link } from "react-router";
import { z } from "zod";
import { getUser, requireUser } from "~/auth/auth.server";
import { certificateTitleIn, findCertificate } from "~/certificates/issue.server";
import { getCatalog } from "~/catalog/catalog.server";
import { metaText, titled } from "~/i18n/meta";
import { revokeCertificate } from "~/certificates/revoke.server";
import { mayRevoke } from "~/access/rules.server";
import { formatDate } from "~/catalog/views.server";
import { Field, FormError } from "~/components/forms";
import { getEnv } from "~/env.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { format, useT } from "~/i18n/i18n";
import { messages } from "~/i18n/messages";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { httpError } from "~/utils/http-errors";

/** A light page: no client JavaScript is sent (see root.tsx). */
export const handle = { scripts: false };

export function meta({ loaderData: data, matches }: Route.MetaArgs) {
  const t = metaText(matches).certificate;
  if (!data) return [{ title: titled(t.notFound) }];
  const c = data.certificate;
  const description = c.revoked
    ? format(data.lang, t.revokedDescription, { course: c.courseTitle })
    : format(data.lang, t.description, { learner: c.learnerName, course: c.courseTitle, date: c.issuedOn, code: c.code, issuer: data.issuer });
  return [
    { title: format(data.lang, t.pageTitle, { learner: c.learnerName, course: c.courseTitle }) },
    { name: "description", content: description },
    { property: "og:title", content: format(data.lang, t.shareTitle, { course: c.courseTitle }) },
    { property: "og:description", content: description },
    { property: "og:type", content: "website" },
    { property: "og:url", content: data.url },
  ];
}

/** Public: anyone may check a certificate. Only its revokers see the revoke form. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const cert = await findCertificate(context.db, params.code ?? "");
  if (!cert) throw httpError(404, "noCertificate");
  const user = await getUser(request, context);
  const env = getEnv();
  const lang = negotiateLanguage(request, user);
  return {
    lang,
    issuer: env.issuerName,
    url: `${env.origin}/certificates/${cert.code}`,
    certificate: {
      code: cert.code,
      learnerName: cert.learnerName,
      courseTitle: certificateTitleIn(cert, (await getCatalog()).courses, lang),
      courseVersion: cert.courseVersion,
      issuedOn: formatDate(cert.issuedAt, lang),
      revoked: cert.revokedAt ? { on: formatDate(cert.revokedAt, lang), reason: cert.revokedReason ?? "" } : null,
    },
    canRevoke: !!user && !cert.revokedAt && (await mayRevoke(context.db, user, cert)),
  };
}

const revokeSchema = (e: Messages["formErrors"]) =>
  z.object({
    intent: z.literal("revoke"),
    reason: z.string().trim().min(5, e.reasonShort).max(500, e.reasonLong),
  });

/** An admin, or a coordinator of the learner's co-op, revokes with a reason. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const cert = await findCertificate(context.db, params.code ?? "");
  if (!cert) throw httpError(404, "noCertificate");
  if (!(await mayRevoke(context.db, user, cert))) throw httpError(403, "cannotRevoke");
  const parsed = parseForm(await readForm(request), revokeSchema(messages[negotiateLanguage(request, user)].formErrors));
  if (!parsed.ok) return failure(400, parsed);
  await revokeCertificate(context.db, { code: cert.code, reason: parsed.data.reason, by: user.id });
  return redirect(`/certificates/${cert.code}`);
}

export default function CertificatePage({ loaderData, actionData }: Route.ComponentProps) {
  const { certificate: c, issuer, canRevoke } = loaderData;
  const result = actionData;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const { m, f, rich } = useT();
  const t = m.certificate;
  return (
    <div className="page reading certificate">
      <h1>{t.title}</h1>
      {c.revoked ? (
        <p className="form-error" role="status">
          {rich(t.revokedOn, { date: c.revoked.on, reason: c.revoked.reason, b: (text) => <strong>{text}</strong> })}
        </p>
      ) : (
        <p className="notice" role="status">
          <strong>{t.valid}</strong> {f(t.validText, { issuer })}
        </p>
      )}
      <dl className="certificate-facts">
        <dt>{t.learner}</dt>
        <dd>{c.learnerName}</dd>
        <dt>{t.course}</dt>
        <dd>
          {c.courseTitle} <span className="muted">{f(t.version, { version: c.courseVersion })}</span>
        </dd>
        <dt>{t.issued}</dt>
        <dd>{c.issuedOn}</dd>
        <dt>{t.issuer}</dt>
        <dd>{issuer}</dd>
        <dt>{t.code}</dt>
        <dd>
          <code>{c.code}</code>
        </dd>
      </dl>
      <p className="actions">
        <a className="button secondary" href={`/certificates/${c.code}.pdf`}>
          {t.pdf}
        </a>{" "}
        <a className="button secondary" href={`/certificates/${c.code}/credential.json`}>
          {t.credential}
        </a>
      </p>
      {canRevoke ? (
        <section aria-labelledby="revoke-heading">
          <h2 id="revoke-heading">{t.revokeHeading}</h2>
          <FormError message={result && !result.ok ? result.formError : undefined} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="revoke" />
            <Field name="reason" label={t.reason} error={errors.reason} required maxLength={500} />
            <div>
              <button type="submit" className="button secondary">
                {t.revoke}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <p className="links">
        <Link to="/">Co-op Campus</Link>
      </p>
    </div>
  );
}
