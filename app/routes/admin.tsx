import { ScrollRegion } from "~/components/scroll-region";
import type { Route } from "./+types/admin";
import { Form, Link } from "react-router";
import { z } from "zod";
import { requireAdmin } from "~/access/guards.server";
import { findUserByLogin } from "~/auth/users.server";
import { Field, FormError, SelectField } from "~/components/forms";
import { AuditTable } from "~/components/audit-table";
import { RemovableList } from "~/components/removable-list";
import { countryName } from "~/orgs/kinds";
import { kindChoices, kindLabel } from "~/orgs/kind-labels.server";
import { getCatalog } from "~/catalog/catalog.server";
import { courseTextIn } from "~/catalog/views.server";
import { recentAudit } from "~/audit/audit.server";
import {
  addCourseTrainer,
  addMember,
  addOrg,
  findOrg,
  listCourseTrainers,
  listOrgs,
  listStaffRoles,
  OrgError,
  orgInputSchemaIn,
  removeCourseTrainer,
  removeMember,
} from "~/orgs/orgs.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/i18n/i18n";
import { messages } from "~/i18n/messages";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { timeZoneOf } from "~/auth/users.server";
import { dayAndTime, format } from "~/i18n/format";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).admin.title) }];
}

/** Admins only. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const admin = await requireAdmin(request, context);
  const lang = negotiateLanguage(request, admin);
  const timeZone = await timeZoneOf(context.db, admin);
  const db = context.db;
  const catalog = await getCatalog();
  const courseTitle = (slug: string) => {
    const course = catalog.courses.get(slug);
    return course ? courseTextIn(course, lang).title : slug;
  };
  return {
    staff: await listStaffRoles(db),
    // Newest first, to the minute, in UTC (the page says so): admins are in several time zones.
    audit: (await recentAudit(db, 10)).map((a) => ({ ...a, at: dayAndTime(lang, a.at, timeZone) })),
    trainers: (await listCourseTrainers(db)).map((t) => ({ ...t, title: courseTitle(t.course) })),
    courses: [...catalog.courses.keys()].sort().map((slug) => ({ slug, title: courseTitle(slug) })),
    orgs: (await listOrgs(context.db)).map((o) => ({
      id: o.id,
      name: o.name,
      country: countryName(o.country, lang),
      kind: kindLabel(o.kind, lang) ?? o.kind,
      parentId: o.parentId,
    })),
    kinds: kindChoices(lang),
  };
}

const memberSchema = (e: Messages["admin"]) =>
  z.object({
    intent: z.literal("member"),
    login: z.string().trim().min(1, e.enterLogin),
    org: z.string().trim().min(1, e.chooseOrg),
    role: z.enum(["learner", "trainer", "coordinator"], { errorMap: () => ({ message: e.chooseRole }) }),
  });

const courseTrainerSchema = (e: Messages["admin"]) =>
  z.object({
    intent: z.literal("courseTrainer"),
    person: z.string().trim().min(1, e.enterLogin),
    course: z.string().regex(/^[a-z0-9-]{1,100}$/, e.chooseCourse),
  });
const id = z.coerce.number().int().positive();
const removeRoleSchema = z.object({ intent: z.literal("removeRole"), userId: id, organisationId: id, role: z.enum(["trainer", "coordinator"]) });
const removeTrainerSchema = z.object({ intent: z.literal("removeCourseTrainer"), userId: id, course: z.string().regex(/^[a-z0-9-]{1,100}$/) });

/** Admins only: add an organisation; give a person a role in one, or take it away; make a person a course's trainer, or not. */
export async function action({ request, context }: Route.ActionArgs) {
  const admin = await requireAdmin(request, context);
  const lang = negotiateLanguage(request, admin);
  const e = messages[lang].admin;
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "org") {
    const parsed = parseForm(form, orgInputSchemaIn(e).extend({ intent: z.literal("org") }));
    if (!parsed.ok) return failure(400, parsed);
    try {
      const id = await addOrg(context.db, parsed.data, admin.id);
      return { ok: true as const, message: format(lang, e.added, { name: parsed.data.name, id: String(id) }) };
    } catch (error) {
      if (error instanceof OrgError)
        return failure(error.status, { formError: error.message, fieldErrors: {}, values: parsed.data as unknown as Record<string, string> });
      throw error;
    }
  }
  const db = context.db;
  if (intent === "courseTrainer") {
    const parsed = parseForm(form, courseTrainerSchema(e));
    if (!parsed.ok) return failure(400, parsed);
    const user = await findUserByLogin(db, parsed.data.person);
    if (!user) return failure(404, { fieldErrors: { person: e.noAccount }, values: parsed.data });
    const course = (await getCatalog()).courses.get(parsed.data.course);
    if (!course) return failure(404, { fieldErrors: { course: e.chooseCourse }, values: parsed.data });
    await addCourseTrainer(db, user.id, course.slug, admin.id);
    return { ok: true as const, message: format(lang, e.nowTrains, { person: user.name, course: courseTextIn(course, lang).title }) };
  }
  // The Remove buttons of the lists: a stale or forged one finds nothing to remove and says so.
  const gone = { formError: e.alreadyGone, fieldErrors: {}, values: {} };
  if (intent === "removeRole") {
    const parsed = parseForm(form, removeRoleSchema);
    if (!parsed.ok) return failure(400, { ...parsed, formError: e.alreadyGone });
    if (!(await removeMember(db, parsed.data, admin.id))) return failure(404, gone);
    return { ok: true as const, message: e.roleRemoved };
  }
  if (intent === "removeCourseTrainer") {
    const parsed = parseForm(form, removeTrainerSchema);
    if (!parsed.ok) return failure(400, { ...parsed, formError: e.alreadyGone });
    if (!(await removeCourseTrainer(db, parsed.data.userId, parsed.data.course, admin.id))) return failure(404, gone);
    return { ok: true as const, message: e.roleRemoved };
  }
  const parsed = parseForm(form, memberSchema(e));
  if (!parsed.ok) return failure(400, parsed);
  const user = await findUserByLogin(context.db, parsed.data.login);
  if (!user) return failure(404, { fieldErrors: { login: e.noAccount }, values: parsed.data });
  const org = await findOrg(context.db, parsed.data.org);
  if (!org) return failure(404, { fieldErrors: { org: e.noOrg }, values: parsed.data });
  await addMember(context.db, { userId: user.id, organisationId: org.id, role: parsed.data.role }, admin.id);
  return {
    ok: true as const,
    message: format(lang, e.nowRole, { person: user.name, role: e[parsed.data.role].toLowerCase(), org: org.name }),
  };
}

export default function Admin({ loaderData, actionData }: Route.ComponentProps) {
  const { orgs, kinds, staff, trainers, courses, audit } = loaderData;
  const result = actionData;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const { m, f } = useT();
  const t = m.admin;
  return (
    <div className="page wide">
      <h1>{t.title}</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}
      <FormError message={result && !result.ok ? result.formError : undefined} />
      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">{f(t.orgs, { n: orgs.length })}</h2>
        <ScrollRegion label={t.orgsLabel}>
          <table>
            <caption className="visually-hidden">{t.orgsLabel}</caption>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col" className="num">
                  {t.id}
                </th>
                <th scope="col">{t.country}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col" className="num">
                  {t.parent}
                </th>
              </tr>
            </thead>
            <tbody>
              {orgs.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.name}</th>
                  <td className="num">{o.id}</td>
                  <td>{o.country}</td>
                  <td>{o.kind}</td>
                  <td className="num">{o.parentId ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section aria-labelledby="add-org">
        <h2 id="add-org">{t.addOrg}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="org" />
          <Field name="name" label={t.name} error={errors.name} required />
          <Field name="country" label={t.countryField} error={errors.country} required maxLength={2} />
          <SelectField name="kind" label={t.kind} error={errors.kind} options={kinds} />
          <Field name="parent" label={t.parentField} error={errors.parent} />
          <div>
            <button type="submit" className="button">
              {t.addOrgSubmit}
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t.staffHeading}</h2>
        <RemovableList
          empty={t.nobodyYet}
          removeText={t.remove}
          items={staff.map((r) => ({
            key: `${r.userId}-${r.organisationId}-${r.role}`,
            text: f(t.roleLine, { person: r.name, login: r.login, role: t[r.role], org: r.organisation }),
            label: f(t.removeRoleLabel, { person: r.name, role: t[r.role], org: r.organisation }),
            fields: { intent: "removeRole", userId: r.userId, organisationId: r.organisationId, role: r.role },
          }))}
        />
        <h3>{t.courseTrainers}</h3>
        <RemovableList
          empty={t.nobodyYet}
          removeText={t.remove}
          items={trainers.map((r) => ({
            key: `${r.userId}-${r.course}`,
            text: f(t.trainerLine, { person: r.name, login: r.login, course: r.title }),
            label: f(t.removeTrainerLabel, { person: r.name, course: r.title }),
            fields: { intent: "removeCourseTrainer", userId: r.userId, course: r.course },
          }))}
        />
      </section>
      <section aria-labelledby="add-member">
        <h2 id="add-member">{t.giveRole}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="member" />
          <Field name="login" label={t.login} error={errors.login} required />
          <Field name="org" label={t.org} error={errors.org} required />
          <SelectField
            name="role"
            label={t.role}
            error={errors.role}
            options={(["learner", "trainer", "coordinator"] as const).map((r) => ({ value: r, label: t[r] }))}
          />
          <div>
            <button type="submit" className="button">
              {t.add}
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">{t.auditHeading}</h2>
        <p>
          <Link to="/admin/audit">{t.auditAll}</Link>
        </p>
        {audit.length ? <AuditTable entries={audit} /> : <p>{t.nobodyYet}</p>}
      </section>
      <section aria-labelledby="add-trainer">
        <h2 id="add-trainer">{t.makeTrainer}</h2>
        <p>{t.makeTrainerLead}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="courseTrainer" />
          <Field name="person" label={t.trainerPerson} error={errors.person} required />
          <SelectField name="course" label={t.course} error={errors.course} options={courses.map((c) => ({ value: c.slug, label: c.title }))} />
          <div>
            <button type="submit" className="button">
              {t.addTrainer}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
