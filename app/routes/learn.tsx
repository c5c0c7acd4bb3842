import type { Route } from "./+types/learn";
import { redirect } from "react-router";
import { Form, Link } from "react-router";
import { z } from "zod";
import { answerInvitation, pendingInvitations } from "~/orgs/invitations.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { httpError } from "~/utils/http-errors";
import { requireUser, toViewer } from "~/auth/auth.server";
import { getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { courseCard, courseTextIn, formatDate } from "~/catalog/views.server";
import { CourseCardItem } from "~/components/course-card";
import { negotiateLanguage } from "~/i18n/locale.server";
import { ProgressBar } from "~/components/layout";
import { learnerCourses } from "~/learning/enrolment.server";
import { useT } from "~/i18n/i18n";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).pages.myLearning) }];
}

/** The signed-in learner's own courses only. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const catalog = await getCatalog();
  const language = negotiateLanguage(request, user);
  const courses = (await learnerCourses(context.db, user.id, catalog.courses, language)).map((c) => ({
    slug: c.slug,
    title: c.title,
    progress: c.progress,
    completedOn: c.completedAt ? formatDate(c.completedAt, language) : null,
    certificateCode: c.certificateCode,
    next: c.next ?? null,
  }));
  const invitations = (await pendingInvitations(context.db, user.id, catalog.courses)).map((i) => ({
    id: i.id,
    organisation: i.organisation,
    courses: i.courses.map((c) => courseTextIn(c, language).title),
  }));
  // Someone with no course yet (a new sign-up lands here) chooses one here, without a trip to the catalogue.
  const viewer = await toViewer(user);
  const suggestions = courses.length ? [] : visibleCourses(catalog, viewer).map((c) => courseCard(c, viewer, language));
  return { name: user.name, courses, invitations, suggestions };
}

const answerSchema = z.object({ intent: z.literal("invitation"), invitation: z.coerce.number().int().positive(), answer: z.enum(["accept", "decline"]) });

/** The signed-in person answers one of their own invitations to join a co-op. */
export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const parsed = parseForm(await readForm(request), answerSchema);
  if (!parsed.ok) return failure(400, parsed);
  const { invitation, answer } = parsed.data;
  const answered = await answerInvitation(context.db, {
    userId: user.id,
    invitationId: invitation,
    accept: answer === "accept",
    courses: (await getCatalog()).courses,
  });
  if (!answered) throw httpError(404, "noInvitation");
  return redirect(answer === "accept" ? "/learn?joined=1" : "/learn");
}

export default function Learn({ loaderData }: Route.ComponentProps) {
  const { name, courses, invitations, suggestions } = loaderData;
  const { m, f } = useT();
  const p = m.pages;
  return (
    <div className="page">
      <h1>{p.myLearning}</h1>
      <p className="muted">{f(p.signedInAs, { name })}</p>
      {invitations.map((i) => (
        <section key={i.id} className="card invitation" aria-labelledby={`invitation-${i.id}`}>
          <h2 id={`invitation-${i.id}`}>{f(p.invitationTitle, { organisation: i.organisation })}</h2>
          <p>{i.courses.length ? f(p.invitationCourses, { courses: i.courses.join(", ") }) : p.invitationNoCourses}</p>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="invitation" />
            <input type="hidden" name="invitation" value={i.id} />
            <button type="submit" name="answer" value="accept" className="button">
              {p.invitationAccept}
            </button>
            <button type="submit" name="answer" value="decline" className="button secondary">
              {p.invitationDecline}
            </button>
          </Form>
        </section>
      ))}
      {courses.length === 0 ? (
        <>
          <p>
            {p.notEnrolled} {p.chooseFirst}
          </p>
          <ul className="cards">
            {suggestions.map((c) => (
              <CourseCardItem key={c.slug} course={c} />
            ))}
          </ul>
        </>
      ) : (
        <ul className="cards">
          {courses.map((c) => (
            <li key={c.slug} className="card">
              <h2>
                <Link to={`/courses/${c.slug}`}>{c.title}</Link>
              </h2>
              {c.completedOn ? (
                <p>
                  <span className="badge done">{m.module.completed}</span> {f(p.completedOn, { date: c.completedOn })}
                  {c.certificateCode ? (
                    <>
                      {" · "}
                      <Link to={`/certificates/${c.certificateCode}`}>{p.yourCertificate}</Link>
                    </>
                  ) : null}
                </p>
              ) : null}
              <ProgressBar percent={c.progress.percent} label={f(p.progressIn, { title: c.title })} />
              <p className="muted">{f(p.modulesDone, { n: c.progress.done, done: c.progress.done, total: c.progress.total })}</p>
              {c.next && !c.completedOn ? (
                <p className="actions">
                  <Link className="button" to={`/courses/${c.slug}/${c.next.slug}`}>
                    {f(c.progress.done > 0 ? p.continue : p.start, { title: c.next.title })}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
