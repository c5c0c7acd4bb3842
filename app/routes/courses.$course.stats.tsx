import { Breadcrumbs } from "~/components/breadcrumbs";
import { ScrollRegion } from "~/components/scroll-region";
import type { Route } from "./+types/courses.$course.stats";

import { getEnv } from "~/env.server";
import { courseStatsFor, requireStatsReader } from "~/quizzes/stats.server";
import { courseTextIn } from "~/catalog/views.server";
import { percentOrDash, useT } from "~/i18n/i18n";
import { metaText } from "~/i18n/meta";

export function meta({ loaderData: data, matches }: Route.MetaArgs) {
  return [
    {
      title: data ? `${metaText(matches).stats.title} · ${data.course.title}` : metaText(matches).stats.title,
    },
  ];
}

/** Trainers of this course and admins only. Shown in the reader's language where the course is translated. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { course, language } = await requireStatsReader(request, context, params.course ?? "");
  return {
    course: { slug: course.slug, title: courseTextIn(course, language).title },
    quizzes: await courseStatsFor(getEnv().databasePath, course, language),
  };
}

export default function QuizStatsPage({ loaderData }: Route.ComponentProps) {
  const { course, quizzes } = loaderData;
  const { lang, m, f } = useT();
  const t = m.stats;
  const pct = (x: number | null) => percentOrDash(lang, x);
  return (
    <div className="page wide">
      <Breadcrumbs trail={[{ to: `/courses/${course.slug}`, label: course.title }]} current={t.title} label={m.module.breadcrumb} />
      <h1>{t.title}</h1>
      {quizzes.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <p>
          <a href={`/courses/${course.slug}/stats.csv`} download>
            {t.csv}
          </a>
        </p>
      )}
      {quizzes.map((q) => (
        <section key={q.id} aria-labelledby={`stats-${q.id}`}>
          <h2 id={`stats-${q.id}`}>
            <span lang={q.language === lang ? undefined : q.language}>{q.module}</span> <span className="muted">({q.id})</span>
          </h2>
          <ul className="facts">
            <li>{f(t.attempts, { n: q.attempts })}</li>
            <li>{f(t.learners, { n: q.learners })}</li>
            <li>{f(t.average, { percent: pct(q.averageScore) })}</li>
            <li>{f(t.firstPass, { percent: pct(q.firstAttemptPassRate) })}</li>
          </ul>
          <ScrollRegion label={f(t.questionsOf, { id: q.id })}>
            <table>
              <caption className="visually-hidden">{f(t.questionsOf, { id: q.id })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.question}</th>
                  <th scope="col">{t.answered}</th>
                  <th scope="col">{t.correct}</th>
                  <th scope="col">{t.mostWrong}</th>
                </tr>
              </thead>
              <tbody>
                {q.questions.map((x) => (
                  <tr key={x.id}>
                    <th scope="row" lang={q.language === lang ? undefined : q.language}>
                      {x.prompt}
                    </th>
                    <td>{x.answered}</td>
                    <td>{pct(x.shareCorrect)}</td>
                    <td lang={q.language === lang ? undefined : q.language}>
                      {x.mostChosenWrong ? `${x.mostChosenWrong.label} (${x.mostChosenWrong.count})` : "–"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ))}
    </div>
  );
}
