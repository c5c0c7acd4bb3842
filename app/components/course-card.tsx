import { Link } from "react-router";
import { useRootData } from "~/root-data";
import { courseEffort } from "~/catalog/effort";
import type { CourseCard as Card, LanguageCoverage } from "~/catalog/views.server";
import { format, useT } from "~/i18n/i18n";
import type { Language } from "~/i18n/language";
import type { Messages } from "~/i18n/messages";

/** Whether this page is sent in data-saver mode: then no pictures at all. */
export function useDataSaver(): boolean {
  return !!useRootData()?.dataSaver;
}

/** What a language offers, honestly: "Kiswahili", or "Kiswahili: modules 1–2 of 6", or "Kiswahili: 3 of 6 modules". */
export function coverageText(c: LanguageCoverage, lang: Language, t: Pick<Messages["pages"], "languageFirstModules" | "languageSomeModules">) {
  if (c.modules === c.total) return c.name;
  if (c.firstRun) return format(lang, t.languageFirstModules, { language: c.name, last: c.firstRun, total: c.total });
  return format(lang, t.languageSomeModules, { language: c.name, n: c.modules, total: c.total });
}

export function CourseFacts({ course }: { course: Pick<Card, "coverage" | "minutes" | "modules"> }) {
  const { lang, m, f } = useT();
  const effort = courseEffort(course.minutes);
  return (
    <ul className="facts">
      <li>{f(m.pages.modules, { n: course.modules })}</li>
      <li>{f(effort.unit === "hours" ? m.pages.hours : m.pages.aboutMinutes, { n: effort.n })}</li>
      <li>
        <span className="visually-hidden">{m.pages.languages} </span>
        {course.coverage.map((c) => coverageText(c, lang, m.pages)).join(" · ")}
      </li>
    </ul>
  );
}

export function Partners({ partners }: { partners: string[] }) {
  const { lang, m } = useT();
  if (!partners.length) return null;
  const list = new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(partners);
  return <p className="partners">{format(lang, m.pages.partners, { partners: list })}</p>;
}

export function CourseCardItem({ course, headingLevel = 2 }: { course: Card; headingLevel?: 2 | 3 }) {
  const { m } = useT();
  const saver = useDataSaver();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <li className="card">
      {course.cover && !saver ? <img className="cover" src={course.cover} alt="" width={320} height={140} loading="lazy" decoding="async" /> : null}
      <H>
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
        {course.draft ? <span className="badge"> {m.pages.draft}</span> : null}
      </H>
      <p>{course.summary}</p>
      <CourseFacts course={course} />
      <Partners partners={course.partners} />
    </li>
  );
}
