import { Link } from "@remix-run/react";
import type { CourseCard as Card } from "~/catalog/views.server";

export function CourseFacts({ course }: { course: Pick<Card, "languages" | "hours" | "modules"> }) {
  return (
    <ul className="facts">
      <li>{course.modules === 1 ? "1 module" : `${course.modules} modules`}</li>
      <li>about {course.hours === 1 ? "1 hour" : `${course.hours} hours`}</li>
      <li>
        <span className="visually-hidden">Languages: </span>
        {course.languages.map((l) => l.name).join(", ")}
      </li>
    </ul>
  );
}

export function CourseCardItem({ course, headingLevel = 2 }: { course: Card; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <li className="card">
      <H>
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
        {course.draft ? <span className="badge"> draft</span> : null}
      </H>
      <p>{course.summary}</p>
      <CourseFacts course={course} />
    </li>
  );
}
