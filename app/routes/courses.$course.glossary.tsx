import { Breadcrumbs } from "~/components/breadcrumbs";
import type { Route } from "./+types/courses.$course.glossary";
import { Link } from "react-router";
import { getUser, toViewer } from "~/auth/auth.server";
import { findCourse, getCatalog, visibleModules } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import { useT } from "~/i18n/i18n";
import { courseTextIn } from "~/catalog/views.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { httpError } from "~/utils/http-errors";
import { metaText } from "~/i18n/meta";

export function meta({ loaderData: data, matches }: Route.MetaArgs) {
  return [{ title: data ? `${metaText(matches).pages.glossary} · ${data.course.title}` : metaText(matches).pages.glossary }];
}

/** Public, like the course: every term the course's modules explain, in the reader's language where it exists. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = await getUser(request, context);
  const viewer = await toViewer(user);
  const course = findCourse(await getCatalog(), params.course ?? "", viewer);
  if (!course) throw httpError(404, "noCourse");
  const wanted = negotiateLanguage(request, user);
  const lang: Language = course.meta.languages.includes(wanted) ? wanted : course.meta.languages[0]!;
  const terms = new Map<string, { term: string; definition: string; anchor: string; module: { slug: string; title: string } }>();
  for (const m of visibleModules(course, viewer)) {
    const variant = m.variants[lang] ?? m.variants[course.meta.languages[0]!]!;
    for (const t of variant.terms) {
      const key = t.term.toLocaleLowerCase();
      if (!terms.has(key)) terms.set(key, { ...t, module: { slug: m.slug, title: variant.frontmatter.title } });
    }
  }
  return {
    course: { slug: course.slug, title: courseTextIn(course, lang).title },
    lang,
    terms: [...terms.values()].sort((a, b) => a.term.localeCompare(b.term, lang)),
  };
}

export default function Glossary({ loaderData }: Route.ComponentProps) {
  const { course, terms, lang } = loaderData;
  const { m } = useT();
  return (
    <div className="page reading">
      <Breadcrumbs trail={[{ to: `/courses/${course.slug}`, label: course.title }]} current={m.pages.glossary} label={m.module.breadcrumb} />
      <h1>{m.pages.glossary}</h1>
      {terms.length === 0 ? <p>{m.pages.noTerms}</p> : null}
      <dl className="glossary" lang={lang}>
        {terms.map((t) => (
          <div key={t.anchor}>
            <dt id={t.anchor}>{t.term}</dt>
            <dd>
              {t.definition}{" "}
              <Link to={`/courses/${course.slug}/${t.module.slug}#${t.anchor}`} className="muted">
                ({t.module.title})
              </Link>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
