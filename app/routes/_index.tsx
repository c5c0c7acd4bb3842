import type { Route } from "./+types/_index";
import { Link, useSearchParams } from "react-router";
import { getUser, toViewer } from "~/auth/auth.server";
import { getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { courseCard } from "~/catalog/views.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { CourseCardItem } from "~/components/course-card";
import { ProgressBar } from "~/components/layout";
import { learnerCourses } from "~/learning/enrolment.server";
import { useT } from "~/i18n/i18n";
import { metaText } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: `Co-op Campus · ${metaText(matches).pages.homeTitle}` }, { name: "description", content: metaText(matches).pages.homeLead }];
}

/** Public. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await getUser(request, context);
  const viewer = await toViewer(user);
  const catalog = await getCatalog();
  const courses = visibleCourses(catalog, viewer);
  const featured = courses.filter((c) => c.meta.featured);
  const language = negotiateLanguage(request, user);
  // A signed-in learner starts where they left off: the course they last worked on and did not finish.
  const current = user ? (await learnerCourses(context.db, user.id, catalog.courses, language)).find((c) => !c.completedAt) : undefined;
  return {
    featured: (featured.length ? featured : courses).slice(0, 3).map((c) => courseCard(c, viewer, language)),
    signedIn: !!user,
    current: current ? { slug: current.slug, title: current.title, progress: current.progress, next: current.next ?? null } : null,
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { featured, current, signedIn } = loaderData;
  const { m, f } = useT();
  const p = m.pages;
  const [params] = useSearchParams();
  return (
    <div className="page">
      {params.get("closed") === "1" ? (
        <p className="notice" role="status">
          {p.accountClosed}
        </p>
      ) : null}
      <h1>{p.homeTitle}</h1>
      {current ? (
        <section className="hero continue" aria-labelledby="continue-heading">
          <h2 id="continue-heading">{p.continueWhere}</h2>
          <p>
            <strong>{current.title}</strong>
          </p>
          <ProgressBar percent={current.progress.percent} label={f(p.progressIn, { title: current.title })} />
          <p className="muted">{f(p.modulesDone, { n: current.progress.done, done: current.progress.done, total: current.progress.total })}</p>
          {current.next ? (
            <p>
              <Link className="button big" to={`/courses/${current.slug}/${current.next.slug}`}>
                {f(current.progress.done > 0 ? p.continue : p.start, { title: current.next.title })}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
      <p className="lead">{p.homeLead}</p>
      {signedIn ? null : <p>{p.homeAbout}</p>}
      <p className="actions">
        <Link to="/courses" className="button">
          {p.browse}
        </Link>
        {signedIn ? (
          <Link to="/learn" className="button secondary">
            {m.layout.myLearning}
          </Link>
        ) : (
          <Link to="/signup" className="button secondary">
            {m.layout.signUp}
          </Link>
        )}
      </p>
      <h2>{m.pages.featured}</h2>
      <ul className="cards">
        {featured.map((c) => (
          <CourseCardItem key={c.slug} course={c} headingLevel={3} />
        ))}
      </ul>
    </div>
  );
}
