import { Breadcrumbs } from "~/components/breadcrumbs";
import type { Route } from "./+types/courses.$course._index";
import { data, redirect } from "react-router";
import { Form, Link } from "react-router";
import { z } from "zod";
import { getUser, requireUser, toViewer } from "~/auth/auth.server";
import { isCourseTrainer } from "~/access/guards.server";
import { findCourse, getCatalog, visibleModules } from "~/catalog/catalog.server";
import { courseCard, courseTextIn, formatDate } from "~/catalog/views.server";
import { CourseFacts, Partners, useDataSaver } from "~/components/course-card";
import { certificateOf } from "~/certificates/issue.server";
import { ProgressBar } from "~/components/layout";
import { completedModules, enrol, getEnrolment, requiredModules } from "~/learning/enrolment.server";
import { nextModule, progressOf } from "~/learning/rules";
import { readForm } from "~/utils/forms.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { offlineBundle } from "~/offline/bundle.server";
import { SaveCourseOffline } from "~/components/offline";
import { useT } from "~/i18n/i18n";
import { messages } from "~/i18n/messages";
import { httpError } from "~/utils/http-errors";
import { metaText, titled } from "~/i18n/meta";

export function meta({ loaderData: data, matches }: Route.MetaArgs) {
  return [
    { title: titled(data ? data.course.title : metaText(matches).errors.notFound) },
    ...(data ? [{ name: "description", content: data.course.summary }] : []),
  ];
}

async function loadCourse(request: Request, slug: string | undefined, context: Route.LoaderArgs["context"]) {
  const user = await getUser(request, context);
  const viewer = await toViewer(user);
  const course = findCourse(await getCatalog(), slug ?? "", viewer);
  if (!course) throw httpError(404, "noCourse");
  return { user, viewer, course };
}

/** Public: the outline. A signed-in learner also sees their progress. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user, viewer, course } = await loadCourse(request, params.course, context);
  const modules = visibleModules(course, viewer);
  const enrolment = user ? await getEnrolment(context.db, user.id, course.slug) : undefined;
  const done = enrolment ? await completedModules(context.db, enrolment.id) : new Set<string>();
  // Course and module titles in the reader's language where they are translated.
  const language = negotiateLanguage(request, user);
  // A finished course offers no "Continue": its outline says completed, with the date and the certificate.
  const next = enrolment?.completedAt ? undefined : (nextModule(requiredModules(course), done) ?? modules[0]);
  const titleOf = (m: (typeof modules)[number]) => m.variants[language]?.frontmatter.title ?? m.title;
  return {
    course: { ...courseCard(course, viewer, language), audience: courseTextIn(course, language).audience, version: course.meta.version },
    modules: modules.map((m) => ({
      slug: m.slug,
      number: m.number,
      title: titleOf(m),
      summary: m.variants[language]?.frontmatter.summary ?? m.summary ?? null,
      minutes: m.minutes,
      draft: m.draft,
      done: done.has(m.slug),
      quiz: m.quizzes.length > 0,
    })),
    enrolment: enrolment
      ? {
          progress: progressOf(
            requiredModules(course).map((m) => m.slug),
            done,
          ),
          completedOn: enrolment.completedAt ? formatDate(enrolment.completedAt, language) : null,
          certificate: enrolment.completedAt ? ((await certificateOf(context.db, enrolment.userId, course.slug))?.code ?? null) : null,
        }
      : null,
    next: next ? { slug: next.slug, title: titleOf(next) } : null,
    isTrainer: user ? await isCourseTrainer(user, course.slug) : false,
    offline: enrolment ? offlineBundle(course.slug, modules, language) : null,
  };
}

const actionSchema = z.object({ intent: z.literal("enrol") });

/** A signed-in person enrols; enrolling twice changes nothing. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const { viewer, course } = await loadCourse(request, params.course, context);
  const form = await readForm(request);
  if (!actionSchema.safeParse({ intent: form.get("intent") }).success) {
    return data({ ok: false, message: messages[negotiateLanguage(request, user)].quizErrors.unreadableForm }, { status: 400 });
  }
  await enrol(context.db, user.id, course);
  const first = visibleModules(course, viewer)[0];
  return redirect(first ? `/courses/${course.slug}/${first.slug}` : `/courses/${course.slug}`);
}

export default function CourseOutline({ loaderData }: Route.ComponentProps) {
  const { course, modules, enrolment, next, isTrainer, offline } = loaderData;
  const { m, f } = useT();
  const saver = useDataSaver();
  const p = m.pages;
  return (
    <div className="page reading">
      <Breadcrumbs trail={[{ to: "/courses", label: p.courses }]} current={course.title} label={m.module.breadcrumb} />
      {course.draft ? <p className="notice">{p.draftCourse}</p> : null}
      <h1>{course.title}</h1>
      {course.cover && !saver ? <img className="cover-wide" src={course.cover} alt="" width={640} height={280} /> : null}
      <p className="lead">{course.summary}</p>
      {course.audience ? <p>{f(p.audience, { audience: course.audience })}</p> : null}
      <CourseFacts course={course} />
      <Partners partners={course.partners} />
      {isTrainer ? (
        <p>
          <Link to={`/courses/${course.slug}/stats`}>{p.quizStats}</Link> {p.trainersOnly}
        </p>
      ) : null}
      {enrolment ? (
        <section aria-label={p.yourProgress}>
          {enrolment.completedOn ? (
            <p>
              <span className="badge done">{m.module.completed}</span> {f(p.completedOn, { date: enrolment.completedOn })}
              {enrolment.certificate ? (
                <>
                  {" · "}
                  <Link to={`/certificates/${enrolment.certificate}`}>{m.complete.view}</Link>
                </>
              ) : null}
            </p>
          ) : null}
          <ProgressBar percent={enrolment.progress.percent} label={p.courseProgress} />
          <p className="muted">{f(p.modulesDone, { n: enrolment.progress.done, done: enrolment.progress.done, total: enrolment.progress.total })}</p>
          {next ? (
            <p>
              <Link className="button" to={`/courses/${course.slug}/${next.slug}`}>
                {f(enrolment.progress.done > 0 ? p.continue : p.start, { title: next.title })}
              </Link>
            </p>
          ) : null}
        </section>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="enrol" />
          <button type="submit" className="button">
            {p.enrol}
          </button>
        </Form>
      )}
      {offline ? <SaveCourseOffline urls={offline.urls} also={offline.also} bytes={offline.bytes} /> : null}
      <h2>{p.modulesHeading}</h2>
      <p className="links">
        <Link to={`/courses/${course.slug}/glossary`}>{p.glossaryLink}</Link>
      </p>
      <ol className="outline">
        {modules.map((mod) => (
          <li key={mod.slug}>
            <Link to={`/courses/${course.slug}/${mod.slug}`}>{mod.title}</Link> <span className="muted">· {f(p.minutes, { n: mod.minutes })}</span>
            {mod.quiz ? <span className="muted"> · {p.quiz}</span> : null}
            {mod.draft ? <span className="badge"> {p.draft}</span> : null}
            {mod.done ? <span className="badge done"> {p.done}</span> : null}
            {mod.summary ? <div className="muted">{mod.summary}</div> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
