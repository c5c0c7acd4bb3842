import { Breadcrumbs } from "~/components/breadcrumbs";
import { ScrollRegion } from "~/components/scroll-region";
import type { Route } from "./+types/dashboard.coops.$id._index";
import { redirect } from "react-router";
import { Form, Link, useSearchParams } from "react-router";
import { z } from "zod";
import { getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { toViewer } from "~/auth/auth.server";
import { timeZoneOf } from "~/auth/users.server";
import { Field, FormError } from "~/components/forms";
import { countryName } from "~/orgs/kinds";
import { kindLabel } from "~/orgs/kind-labels.server";
import { dayOrDash, percent, percentOrDash, useT } from "~/i18n/i18n";
import { negotiateLanguage } from "~/i18n/locale.server";
import { createJoinCode, disableJoinCode, joinCodesOf } from "~/orgs/orgs.server";
import { messages } from "~/i18n/messages";
import type { Messages } from "~/i18n/messages";
import { requireOrgInScope } from "~/access/guards.server";
import { filtersToSearch, parseFilters, parseQuiet, QUIET_DAYS } from "~/reports/filters";
import { coopLearners } from "~/reports/reports.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { httpError } from "~/utils/http-errors";
import { metaText } from "~/i18n/meta";

export function meta({ loaderData: data, matches }: Route.MetaArgs) {
  return [{ title: data ? `${data.org.name} · ${metaText(matches).dash.title}` : metaText(matches).dash.title }];
}

async function loadOrg(request: Request, context: Route.LoaderArgs["context"], id: string | undefined) {
  return requireOrgInScope(request, context, id);
}

/** Coordinators of this co-op (or a parent) and admins. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { org, user } = await loadOrg(request, context, params.id);
  const lang = negotiateLanguage(request, user);
  const query = new URL(request.url).searchParams;
  const parsed = parseFilters(query);
  if (!parsed.success) throw httpError(400, "badFilters");
  const quiet = parseQuiet(query);
  if (!quiet.success) throw httpError(400, "badFilters", quiet.message);
  // Only courses this person may see: a draft's title is for its trainers (and admins), not every coordinator.
  const courses = new Map(visibleCourses(await getCatalog(), await toViewer(user)).map((c) => [c.slug, c]));
  const rows = await coopLearners(context.db, org.id, parsed.data, quiet.data?.since);
  const learners = new Map<
    number,
    { id: number; name: string; courses: { title: string; percent: number; completed: boolean; lastActivity: number | null; score: number | null }[] }
  >();
  for (const r of rows) {
    const entry = learners.get(r.userId) ?? { id: r.userId, name: r.name, courses: [] };
    if (r.courseSlug) {
      const course = courses.get(r.courseSlug);
      const total = course?.modules.filter((m) => !m.draft).length ?? 0;
      entry.courses.push({
        title: course?.meta.title ?? r.courseSlug,
        percent: total ? Math.round(((r.modulesDone ?? 0) / total) * 100) : 0,
        completed: r.completedAt !== null,
        lastActivity: r.lastActivity,
        score: r.quizScore,
      });
    }
    learners.set(r.userId, entry);
  }
  return {
    org: { id: org.id, name: org.name, country: countryName(org.country, lang), kind: kindLabel(org.kind, lang) ?? org.kind },
    search: filtersToSearch(parsed.data),
    quiet: quiet.data?.days ?? null,
    timeZone: await timeZoneOf(context.db, user),
    learners: [...learners.values()],
    joinCodes: (await joinCodesOf(context.db, org.id)).map((j) => ({
      code: j.code,
      courses: j.courseSlugs.map((s) => courses.get(s)?.meta.title ?? s),
      uses: j.uses,
      maxUses: j.maxUses,
      expires: j.expiresAt ? j.expiresAt.toISOString().slice(0, 10) : null,
      expired: !!j.expiresAt && j.expiresAt.getTime() < Date.now(),
      off: !!j.disabledAt,
    })),
    courses: [...courses.values()].filter((c) => !c.meta.draft).map((c) => ({ slug: c.slug, title: c.meta.title })),
  };
}

const joinCodeSchema = (e: Messages["formErrors"]) =>
  z.object({
    intent: z.literal("join-code"),
    maxUses: z
      .union([z.literal(""), z.coerce.number({ invalid_type_error: e.wholeNumber }).int(e.wholeNumber).min(1, e.atLeastOne).max(100000, e.atMost100000)])
      .optional(),
    expires: z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, e.dateFormat)]).optional(),
  });
const disableSchema = z.object({ intent: z.literal("disable-join-code"), code: z.string().trim().min(1).max(20) });

/**
 * A coordinator of this co-op (or a parent) or an admin creates a join code (the page then shows it, the form
 * empty again), or turns one off. Both are in the audit log.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const { user, org } = await loadOrg(request, context, params.id);
  const form = await readForm(request);
  const e = messages[negotiateLanguage(request, user)].formErrors;
  if (form.get("intent") === "disable-join-code") {
    const parsed = parseForm(form, disableSchema);
    if (!parsed.ok) return failure(400, parsed);
    if (!(await disableJoinCode(context.db, { organisationId: org.id, code: parsed.data.code, by: user.id }))) throw httpError(404, "noJoinCode");
    return redirect(`/dashboard/coops/${org.id}?off=${encodeURIComponent(parsed.data.code)}#join-codes`);
  }
  const parsed = parseForm(form, joinCodeSchema(e));
  if (!parsed.ok) return failure(400, parsed);
  // Published courses only: a join code is handed round a co-op, and enrols anyone who has it.
  const published = new Set(visibleCourses(await getCatalog(), null).map((c) => c.slug));
  const courseSlugs = form.getAll("course").map(String);
  if (courseSlugs.some((s) => !published.has(s))) return failure(400, { formError: e.chooseCourses, fieldErrors: {}, values: {} });
  const expiresAt = parsed.data.expires ? new Date(`${parsed.data.expires}T23:59:59Z`) : null;
  if (expiresAt && expiresAt.getTime() < Date.now()) return failure(400, { fieldErrors: { expires: e.datePassed }, values: {} });
  const created = await createJoinCode(context.db, {
    organisationId: org.id,
    createdBy: user.id,
    courseSlugs,
    maxUses: parsed.data.maxUses ? Number(parsed.data.maxUses) : null,
    expiresAt,
  });
  // A new page (the form is empty again) that confirms the code.
  return redirect(`/dashboard/coops/${org.id}?created=${created.code}#join-codes`);
}

export default function CoopPage({ loaderData, actionData }: Route.ComponentProps) {
  const d = loaderData;
  const result = actionData;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const { lang, m, f } = useT();
  const t = m.dash;
  const [params] = useSearchParams();
  const created = params.get("created");
  const turnedOff = params.get("off");
  const pct = (x: number | null) => percentOrDash(lang, x);
  const day = (ms: number | null) => dayOrDash(lang, ms, d.timeZone);
  return (
    <div className="page wide">
      <Breadcrumbs trail={[{ to: `/dashboard?${d.search}`, label: t.title }]} current={d.org.name} label={m.module.breadcrumb} />
      <h1>{d.org.name}</h1>
      <p className="muted">
        {d.org.kind} · {d.org.country}
      </p>
      <p className="no-print">
        <a href={`/dashboard/export?table=learners&org=${d.org.id}${d.search ? `&${d.search}` : ""}${d.quiet ? `&quiet=${d.quiet}` : ""}`} download>
          {t.learnersCsv}
        </a>{" "}
        · <Link to={`/dashboard/coops/${d.org.id}/import`}>{t.bulk}</Link>
      </p>
      {/* Learners who may need a nudge: the page's other filters ride along as hidden fields. */}
      <Form method="get" className="no-print">
        {[...new URLSearchParams(d.search)].map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p>
          <label htmlFor="quiet">{t.quietFilter}</label>{" "}
          <select id="quiet" name="quiet" defaultValue={d.quiet ? String(d.quiet) : ""}>
            <option value="">{t.quietAll}</option>
            {QUIET_DAYS.map((n) => (
              <option key={n} value={n}>
                {f(t.quietFor, { n: Number(n) })}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button secondary">
            {t.apply}
          </button>
        </p>
      </Form>
      {d.quiet && d.learners.length === 0 ? <p role="status">{f(t.quietNone, { n: d.quiet })}</p> : null}
      <ScrollRegion label={t.learners}>
        <table>
          <caption>{d.quiet ? f(t.quietCount, { n: d.learners.length, days: d.quiet }) : f(t.learnersCount, { n: d.learners.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t.learner}</th>
              <th scope="col">{t.course}</th>
              <th scope="col" className="num">
                {t.progress}
              </th>
              <th scope="col" className="num">
                {t.bestQuizScore}
              </th>
              <th scope="col" className="num">
                {t.lastActivity}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.learners.flatMap((l) =>
              (l.courses.length ? l.courses : [null]).map((c, i) => (
                <tr key={`${l.id}-${i}`}>
                  {i === 0 ? (
                    <th scope="row" rowSpan={Math.max(1, l.courses.length)}>
                      <Link to={`/dashboard/learners/${l.id}`}>{l.name}</Link>
                    </th>
                  ) : null}
                  <td>{c ? c.title : t.notEnrolledYet}</td>
                  <td className="num">{c ? (c.completed ? t.completed : percent(lang, c.percent / 100)) : "–"}</td>
                  <td className="num">{c ? pct(c.score) : "–"}</td>
                  <td className="num">{c ? day(c.lastActivity) : "–"}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </ScrollRegion>
      <section id="join-codes" aria-labelledby="jc-heading">
        <h2 id="jc-heading">{t.joinCodes}</h2>
        <p>{f(t.joinCodesLead, { org: d.org.name })}</p>
        {created ? (
          <p className="notice" role="status">
            {f(t.codeCreated, { code: created })}
          </p>
        ) : null}
        {turnedOff ? (
          <p className="notice" role="status">
            {f(t.codeTurnedOff, { code: turnedOff })}
          </p>
        ) : null}
        {d.joinCodes.length ? (
          <ul className="join-codes">
            {d.joinCodes.map((j) => (
              <li key={j.code}>
                <strong className="join-code">{j.code}</strong> ·{" "}
                {j.maxUses ? f(t.codeUsedOf, { uses: j.uses, max: j.maxUses }) : f(t.codeUsed, { uses: j.uses })}
                {j.expires ? ` · ${f(j.expired ? t.codeExpired : t.codeExpires, { date: j.expires })}` : ""}
                {j.courses.length ? ` · ${f(t.codeEnrols, { courses: j.courses.join(", ") })}` : ""}
                {j.off ? (
                  <>
                    {" · "}
                    <strong>{t.codeOff}</strong>
                  </>
                ) : (
                  <Form method="post" className="inline-form no-print">
                    <input type="hidden" name="intent" value="disable-join-code" />
                    <input type="hidden" name="code" value={j.code} />{" "}
                    <button type="submit" className="button secondary" aria-label={f(t.turnOffLabel, { code: j.code })}>
                      {t.turnOff}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        <FormError message={result && !result.ok ? result.formError : undefined} />
        <Form method="post" className="stack no-print">
          <input type="hidden" name="intent" value="join-code" />
          <fieldset>
            <legend>{t.enrolInCourses}</legend>
            {d.courses.map((c) => (
              <label key={c.slug} className="check">
                <input type="checkbox" name="course" value={c.slug} /> {c.title}
              </label>
            ))}
          </fieldset>
          <Field name="maxUses" label={t.maxUses} type="number" min={1} error={errors.maxUses} />
          <Field name="expires" label={t.expires} type="date" error={errors.expires} />
          <div>
            <button type="submit" className="button">
              {t.createCode}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
