import { Link } from "@remix-run/react";
import { courseEffort } from "~/catalog/effort";
import type { CourseCard as Card } from "~/catalog/views.server";
import { plural, useT } from "~/i18n/i18n";

export function CourseFacts({ course }: { course: Pick<Card, "languages" | "minutes" | "modules"> }) {
  const { lang, m } = useT();
  const effort = courseEffort(course.minutes);
  return (
    <ul className="facts">
      <li>{plural(lang, m.pages.modules, course.modules)}</li>
      <li>{plural(lang, effort.unit === "hours" ? m.pages.hours : m.pages.aboutMinutes, effort.n)}</li>
      <li>
        <span className="visually-hidden">{m.pages.languages} </span>
        {course.languages.map((l) => l.name).join(", ")}
      </li>
    </ul>
  );
}

export function CourseCardItem({ course, headingLevel = 2 }: { course: Card; headingLevel?: 2 | 3 }) {
  const { m } = useT();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <li className="card">
      <H>
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
        {course.draft ? <span className="badge"> {m.pages.draft}</span> : null}
      </H>
      <p>{course.summary}</p>
      <CourseFacts course={course} />
    </li>
  );
}
