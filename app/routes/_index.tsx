import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getUser, toViewer } from "~/auth/auth.server";
import { getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { courseCard } from "~/catalog/views.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { CourseCardItem } from "~/components/course-card";
import { useT } from "~/i18n/i18n";
import { metaText, titled } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => [
  { title: `Co-op Campus · ${metaText(matches).pages.homeTitle}` },
  { name: "description", content: metaText(matches).pages.homeLead },
];

/** Public. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(request, context);
  const viewer = toViewer(user);
  const catalog = await getCatalog();
  const courses = visibleCourses(catalog, viewer);
  const featured = courses.filter((c) => c.meta.featured);
  const language = negotiateLanguage(request, user);
  return { featured: (featured.length ? featured : courses).slice(0, 3).map((c) => courseCard(c, viewer, language)) };
}

export default function Home() {
  const { featured } = useLoaderData<typeof loader>();
  const { m } = useT();
  const [params] = useSearchParams();
  return (
    <div className="page">
      {params.get("closed") === "1" ? (
        <p className="notice" role="status">
          {m.pages.accountClosed}
        </p>
      ) : null}
      <h1>{m.pages.homeTitle}</h1>
      <p className="lead">{m.pages.homeLead}</p>
      <p>{m.pages.homeAbout}</p>
      <p>
        <Link to="/courses" className="button">
          {m.pages.browse}
        </Link>
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
