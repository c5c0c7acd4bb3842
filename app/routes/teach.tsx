import type { Route } from "./+types/teach";
import { Link } from "react-router";
import { requireUser, toViewer } from "~/auth/auth.server";
import { canSeeDrafts, getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { courseCard } from "~/catalog/views.server";
import { CourseFacts } from "~/components/course-card";
import { negotiateLanguage } from "~/i18n/locale.server";
import { useT } from "~/i18n/i18n";
import { metaText, titled } from "~/i18n/meta";
import { httpError } from "~/utils/http-errors";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).teach.title) }];
}

/** A trainer's own courses (an admin's: every course), with their drafts, previews and quiz statistics. Others: 403. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const viewer = await toViewer(user);
  const catalog = await getCatalog();
  const mine = visibleCourses(catalog, viewer).filter((c) => canSeeDrafts(viewer, c.slug));
  if (mine.length === 0 && !user.isAdmin) throw httpError(403, "trainersOnly");
  const language = negotiateLanguage(request, user);
  return { courses: mine.map((c) => ({ ...courseCard(c, viewer, language), draftModules: c.modules.filter((m) => m.draft).length })) };
}

export default function Teach({ loaderData }: Route.ComponentProps) {
  const { courses } = loaderData;
  const { m, f } = useT();
  const t = m.teach;
  return (
    <div className="page">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <ul className="cards">
        {courses.map((c) => (
          <li key={c.slug} className="card">
            <h2>
              <Link to={`/courses/${c.slug}`}>{c.title}</Link>
              {c.draft ? <span className="badge"> {m.pages.draft}</span> : null}
            </h2>
            <CourseFacts course={c} />
            {c.draftModules > 0 ? <p className="muted">{f(t.draftModules, { n: c.draftModules })}</p> : null}
            <p className="links">
              <Link to={`/courses/${c.slug}/stats`}>{m.pages.quizStats}</Link>
            </p>
          </li>
        ))}
      </ul>
      <h2>{t.howTitle}</h2>
      <p>{t.how}</p>
      <pre>
        npm run campus -- content new module {courses[0]?.slug ?? "<course>"} my-new-module{"\n"}npm run dev
      </pre>
    </div>
  );
}
