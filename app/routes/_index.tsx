import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, toViewer } from "~/auth/auth.server";
import { getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { courseCard } from "~/catalog/views.server";
import { CourseCardItem } from "~/components/course-card";

export const meta: MetaFunction = () => [
  { title: "Co-op Campus · learning for co-operatives" },
  { name: "description", content: "Free courses for co-operative staff on governance and health services, in English, French and Swahili." },
];

/** Public. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = toViewer(getUser(request, context));
  const catalog = await getCatalog();
  const courses = visibleCourses(catalog, viewer);
  const featured = courses.filter((c) => c.meta.featured);
  return { featured: (featured.length ? featured : courses).slice(0, 3).map((c) => courseCard(c, viewer)) };
}

export default function Home() {
  const { featured } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Learning for co-operatives</h1>
      <p className="lead">
        Co-op Campus offers short, practical courses for the staff and elected leaders of co-operatives: how a co-op is
        governed, and how co-ops can bring health services and health awareness to their members.
      </p>
      <p>
        It is built with health co-operatives, the International Health Cooperative Organisation (IHCO) and the ILO's
        cooperatives unit, starting with pilots in Kenya and Cameroon. Courses work on a basic phone, on a slow
        connection, in English, French and Swahili, and you earn a certificate anyone can check.
      </p>
      <p>
        <Link to="/courses" className="button">
          Browse the courses
        </Link>
      </p>
      <h2>Featured courses</h2>
      <ul className="cards">
        {featured.map((c) => (
          <CourseCardItem key={c.slug} course={c} headingLevel={3} />
        ))}
      </ul>
    </div>
  );
}
