import { Breadcrumbs } from "~/components/breadcrumbs";
import { ScrollRegion } from "~/components/scroll-region";
import type { Route } from "./+types/dashboard.learners.$id";
import { data, redirect } from "react-router";
import { Form, Link } from "react-router";
import { z } from "zod";
import { closeAccount } from "~/auth/close-account.server";
import { issueResetCode } from "~/auth/password-reset.server";
import { mayCloseAccount, mayIssueCode } from "~/access/rules.server";
import { getCatalog } from "~/catalog/catalog.server";
import { certificatesOf, certificateTitleIn } from "~/certificates/issue.server";
import { timeZoneOf } from "~/auth/users.server";
import { courseTextIn } from "~/catalog/views.server";
import { languageName } from "~/i18n/languages.server";
import { getEnv } from "~/env.server";
type Db = Route.ActionArgs["context"]["db"];
import type { Language } from "~/i18n/language";
import { latestAttempts, learnerAccount, learnerEnrolments } from "~/reports/learner-record.server";
import { requireReporter } from "~/access/guards.server";
import { learnerCoops } from "~/reports/reports.server";
import { learnerInScope, orgInScope } from "~/access/scope.server";
import { removeMember } from "~/orgs/orgs.server";
import { RemovableList } from "~/components/removable-list";
import { dayOrDash, format, percent, useT } from "~/i18n/i18n";
import { messages } from "~/i18n/messages";
import { FormError } from "~/components/forms";
import { negotiateLanguage } from "~/i18n/locale.server";
import { httpError } from "~/utils/http-errors";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { metaText } from "~/i18n/meta";

export function meta({ loaderData: data, matches }: Route.MetaArgs) {
  return [{ title: data ? `${data.learner.name} · ${metaText(matches).dash.title}` : metaText(matches).dash.title }];
}

/** Coordinators of one of the learner's co-ops (or a parent) and admins. Others: 404, as if there were no such learner. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { scope, user } = await requireReporter(request, context);
  const lang = negotiateLanguage(request, user);
  const id = Number(params.id);
  const db = context.db;
  if (!Number.isInteger(id) || id <= 0 || !(await learnerInScope(db, scope, id))) throw httpError(404, "noLearner");
  const learner = (await learnerAccount(db, id))!;
  const resetRefusal = await mayIssueCode(db, scope, id);
  const catalog = await getCatalog();
  const title = (slug: string) => {
    const course = catalog.courses.get(slug);
    return course ? courseTextIn(course, lang).title : slug;
  };
  // A quiz by its module's title, as learners saw it; its id only where the module has more than one quiz.
  const quizName = (courseSlug: string, moduleSlug: string, quizId: string) => {
    const module = catalog.courses.get(courseSlug)?.modules.find((m) => m.slug === moduleSlug);
    if (!module) return quizId;
    const name = module.variants[lang]?.frontmatter.title ?? module.title;
    return module.quizzes.length > 1 ? `${name} (${quizId})` : name;
  };
  const timeZone = await timeZoneOf(db, user);
  const day = (d: Date | null) => dayOrDash(lang, d, timeZone);
  return {
    learner: { id: learner.id, name: learner.name },
    coops: await learnerCoops(db, scope, id),
    // Whether this viewer may give a new one-time code (null), or why not: a trainer's, coordinator's or admin's account.
    reset: resetRefusal === null ? ("allowed" as const) : ("privileged" as const),
    closedOn: learner.closedAt ? day(learner.closedAt) : null,
    // Admins close an account on its holder's request; never an admin's (the command line does) nor their own (settings).
    close: !scope.all || learner.closedAt ? null : learner.isAdmin || learner.id === user.id ? ("elsewhere" as const) : ("allowed" as const),
    enrolments: (await learnerEnrolments(db, id)).map((e) => {
      const total = catalog.courses.get(e.courseSlug)?.modules.filter((m) => !m.draft).length ?? 0;
      return {
        course: title(e.courseSlug),
        enrolled: day(e.enrolledAt),
        done: e.modulesDone,
        total,
        completed: e.completedAt ? day(e.completedAt) : null,
        lastActivity: day(e.lastActivityAt),
      };
    }),
    attempts: (await latestAttempts(db, id)).map((a) => ({
      id: a.id,
      course: title(a.courseSlug),
      quiz: quizName(a.courseSlug, a.moduleSlug, a.quizId),
      number: a.attemptNumber,
      score: Math.round(a.score * 100),
      passed: a.passed,
      on: day(a.createdAt),
    })),
    certificates: (await certificatesOf(db, id)).map((c) => ({
      code: c.code,
      course: certificateTitleIn(c, catalog.courses, lang),
      on: day(c.issuedAt),
      revoked: !!c.revokedAt,
    })),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("passwordCode") }),
  z.object({ intent: z.literal("leaveCoop"), organisationId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("closeAccount"), confirm: z.string().optional() }),
]);

/**
 * Coordinators of the learner (and admins): a new one-time code to set a password, for a learner who has forgotten
 * theirs (app/auth/password-reset.server.ts), shown once; or the learner taken off one of the viewer's co-ops
 * (staff who left it), their learning and certificates kept.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { scope, user } = await requireReporter(request, context);
  const id = Number(params.id);
  const db = context.db;
  const refusal = Number.isInteger(id) && id > 0 ? await mayIssueCode(db, scope, id) : "notInScope";
  if (refusal === "notInScope") throw httpError(404, "noLearner");
  const lang = negotiateLanguage(request, user);
  const parsed = parseForm(await readForm(request), actionSchema);
  if (!parsed.ok) return failure(400, { ...parsed, formError: messages[lang].quizErrors.unreadableForm });
  if (parsed.data.intent === "leaveCoop") {
    const { organisationId } = parsed.data;
    const removed = (await orgInScope(db, scope, organisationId)) && (await removeMember(db, { userId: id, organisationId, role: "learner" }, user.id));
    if (!removed) return failure(404, { formError: messages[lang].dash.notInThatCoop, fieldErrors: {}, values: {} });
    // Still in the viewer's scope through another co-op: back to their page; else to the co-op they left.
    return redirect((await learnerInScope(db, scope, id)) ? `/dashboard/learners/${id}` : `/dashboard/coops/${organisationId}`);
  }
  if (parsed.data.intent === "closeAccount") return closeAction(db, { admin: user, userId: id, confirmed: parsed.data.confirm === "on", lang });
  const target = await learnerAccount(db, id);
  if (target?.closedAt)
    return failure(409, { formError: format(lang, messages[lang].dash.closedOn, { date: dayOrDash(lang, target.closedAt) }), fieldErrors: {}, values: {} });
  if (refusal === "privileged") return failure(403, { formError: messages[lang].dash.resetPrivileged, fieldErrors: {}, values: {} });
  const { code, expiresAt } = await issueResetCode(db, id, user.id);
  const who = (await learnerAccount(db, id))!;
  const login = who.username ?? who.email ?? "";
  // The message the coordinator passes on (by SMS, WhatsApp or read out) is in the learner's own language.
  const theirs = who.locale as Language;
  const message = format(theirs, messages[theirs].dash.resetMessage, {
    code,
    url: `${getEnv().origin}/set-password`,
    login,
    date: dayOrDash(theirs, expiresAt, await timeZoneOf(db, who)),
  });
  // The code is in this one answer and nowhere else: never stored by a cache.
  return data(
    {
      ok: true as const,
      code,
      login,
      until: dayOrDash(lang, expiresAt, await timeZoneOf(db, user)),
      message,
      messageLanguage: theirs,
      messageLanguageName: languageName(theirs),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/** Admins only: the account closed on its holder's request (app/auth/close-account.server.ts); the page then says so. */
async function closeAction(db: Db, input: { admin: { id: number; isAdmin: boolean }; userId: number; confirmed: boolean; lang: Language }) {
  const t = messages[input.lang].dash;
  const refused = (status: number, formError: string, fieldErrors: Record<string, string> = {}) =>
    failure(status, { formError, fieldErrors, values: { form: "close" } });
  const refusal = await mayCloseAccount(db, input.admin, input.userId);
  if (refusal === "adminsOnly") return refused(403, messages[input.lang].serverErrors.adminsOnly);
  if (refusal === "notHere") return refused(409, t.closeNotHere);
  if (!input.confirmed) return refused(400, t.confirmClose, { confirm: t.confirmClose });
  await closeAccount(db, { userId: input.userId, by: input.admin.id });
  return redirect(`/dashboard/learners/${input.userId}`);
}

export default function LearnerPage({ loaderData, actionData }: Route.ComponentProps) {
  const d = loaderData;
  const given = actionData;
  // The closing form's refusals show under it; the others under the one-time code's heading.
  const closeFailed = given && !given.ok && given.values.form === "close" ? given : undefined;
  const { lang, m, f } = useT();
  const t = m.dash;
  return (
    <div className="page wide">
      <Breadcrumbs trail={[{ to: "/dashboard", label: t.title }]} current={d.learner.name} label={m.module.breadcrumb} />
      <h1>{d.learner.name}</h1>
      {d.closedOn ? (
        <p className="notice" role="status">
          {f(t.closedOn, { date: d.closedOn })}
        </p>
      ) : null}
      <ScrollRegion label={t.courses}>
        <table>
          <caption>{t.courses}</caption>
          <thead>
            <tr>
              <th scope="col">{t.course}</th>
              <th scope="col">{t.enrolled}</th>
              <th scope="col" className="num">
                {t.modulesDoneCol}
              </th>
              <th scope="col">{t.completed}</th>
              <th scope="col">{t.lastActivity}</th>
            </tr>
          </thead>
          <tbody>
            {d.enrolments.map((e) => (
              <tr key={e.course}>
                <th scope="row">{e.course}</th>
                <td>{e.enrolled}</td>
                <td className="num">{f(t.doneOf, { done: e.done, total: e.total })}</td>
                <td>{e.completed ?? "–"}</td>
                <td>{e.lastActivity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ScrollRegion label={t.attempts}>
        <table>
          <caption>{t.attempts}</caption>
          <thead>
            <tr>
              <th scope="col">{t.quiz}</th>
              <th scope="col">{t.course}</th>
              <th scope="col" className="num">
                {t.attempt}
              </th>
              <th scope="col" className="num">
                {t.score}
              </th>
              <th scope="col">{t.result}</th>
              <th scope="col">{t.date}</th>
            </tr>
          </thead>
          <tbody>
            {d.attempts.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.quiz}</th>
                <td>{a.course}</td>
                <td className="num">{a.number}</td>
                <td className="num">{percent(lang, a.score / 100)}</td>
                <td>{a.passed ? t.passed : t.notPassed}</td>
                <td>{a.on}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2>{t.certificates}</h2>
      {d.certificates.length ? (
        <ul>
          {d.certificates.map((c) => (
            <li key={c.code}>
              <Link to={`/certificates/${c.code}`}>{c.course}</Link>, {c.on}
              {c.revoked ? t.revokedMark : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noneYet}</p>
      )}
      <h2>{t.coopsOfLearner}</h2>
      <p>{t.coopsOfLearnerLead}</p>
      <RemovableList
        empty={t.noneYet}
        removeText={t.removeFromCoop}
        items={d.coops.map((c) => ({
          key: String(c.id),
          text: c.name,
          label: f(t.removeFromCoopLabel, { name: d.learner.name, org: c.name }),
          fields: { intent: "leaveCoop", organisationId: c.id },
        }))}
      />
      {d.closedOn ? null : (
        <>
          <h2 id="reset-heading">{t.resetHeading}</h2>
          {given?.ok ? (
            <div className="notice" role="status">
              <p>{f(t.resetGiven, { name: d.learner.name })}</p>
              <p>
                <strong className="join-code">{given.code}</strong>
              </p>
              <p>{f(t.resetHow, { login: given.login, date: given.until })}</p>
              <p>{f(t.resetMessageLead, { language: given.messageLanguageName })}</p>
              <p lang={given.messageLanguage} className="handover">
                {given.message}
              </p>
              <p className="actions">
                <a className="button secondary" href={`sms:?&body=${encodeURIComponent(given.message)}`}>
                  {t.sendSms}
                </a>{" "}
                <a className="button secondary" href={`https://wa.me/?text=${encodeURIComponent(given.message)}`} rel="noopener noreferrer">
                  {t.sendWhatsApp}
                </a>
              </p>
            </div>
          ) : (
            <FormError message={closeFailed ? undefined : given?.formError} />
          )}
          {d.reset === "allowed" ? (
            <Form method="post" aria-labelledby="reset-heading" className="stack">
              <p>{f(t.resetLead, { name: d.learner.name })}</p>
              <input type="hidden" name="intent" value="passwordCode" />
              <div>
                <button type="submit" className="button">
                  {t.resetSubmit}
                </button>
              </div>
            </Form>
          ) : (
            <p>{t.resetPrivileged}</p>
          )}
        </>
      )}
      {d.close ? (
        <>
          <h2 id="close-heading">{t.closeHeading}</h2>
          {d.close === "allowed" ? (
            <Form method="post" aria-labelledby="close-heading" className="stack">
              <p>{f(t.closeLead, { name: d.learner.name })}</p>
              <FormError message={closeFailed?.formError} />
              <input type="hidden" name="intent" value="closeAccount" />
              <label className="check">
                <input type="checkbox" name="confirm" required /> {f(t.closeConfirm, { name: d.learner.name })}
              </label>
              <div>
                <button type="submit" className="button danger">
                  {t.closeSubmit}
                </button>
              </div>
            </Form>
          ) : (
            <p>{t.closeNotHere}</p>
          )}
        </>
      ) : null}
    </div>
  );
}
