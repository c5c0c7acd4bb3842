import type { Route } from "./+types/courses._index";

import { getUser, toViewer } from "~/auth/auth.server";
import { getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { courseCard } from "~/catalog/views.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { CourseCardItem } from "~/components/course-card";
import { useT } from "~/i18n/i18n";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).pages.courses) }];
}

/** Public; drafts only for their trainers and admins. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await getUser(request, context);
  const viewer = await toViewer(user);
  const catalog = await getCatalog();
  const language = negotiateLanguage(request, user);
  return { courses: visibleCourses(catalog, viewer).map((c) => courseCard(c, viewer, language)) };
}

export default function Courses({ loaderData }: Route.ComponentProps) {
  const { courses } = loaderData;
  const { m } = useT();
  return (
    <div className="page">
      <h1>{m.pages.courses}</h1>
      {courses.length === 0 ? <p>{m.pages.noCourses}</p> : null}
      <ul className="cards">
        {courses.map((c) => (
          <CourseCardItem key={c.slug} course={c} />
        ))}
      </ul>
    </div>
  );
}
