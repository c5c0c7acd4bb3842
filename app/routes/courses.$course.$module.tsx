import { Breadcrumbs } from "~/components/breadcrumbs";
import type { Route } from "./+types/courses.$course.$module";
import { data, redirect } from "react-router";
import { Form, Link, useFetcher, useSearchParams } from "react-router";
import { CourseComplete, shortCertificatePath } from "~/components/course-complete";
import { certificateOf } from "~/certificates/issue.server";
import { useEffect, useState } from "react";
import { z } from "zod";
import { getUser, requireUser, toViewer } from "~/auth/auth.server";
import { findCourse, formatProblem, getCatalog, problemsOf, quizzesIn, visibleModules } from "~/catalog/catalog.server";
import { isCourseTrainer } from "~/access/guards.server";
import { getEnv } from "~/env.server";
import type { Language } from "~/i18n/language";
import { courseTextIn, formatDate } from "~/catalog/views.server";
import { languageName } from "~/i18n/languages.server";
import { completedModules, getEnrolment, LearningError, markModuleComplete } from "~/learning/enrolment.server";
import { completableByHand } from "~/learning/rules";
import { QuizForm } from "~/components/quiz";
import type { QuizReply } from "~/quizzes/replies";
import { answerQuiz, learningMessage } from "~/quizzes/submission.server";
import { standings } from "~/quizzes/attempts.server";
import { toPublicQuiz } from "~/quizzes/definition";
import { shuffled } from "~/quizzes/grading";
import { readForm } from "~/utils/forms.server";
import { signCertificatesSoon } from "~/certificates/signing.server";
import { useT } from "~/i18n/i18n";
import { messages, type Messages } from "~/i18n/messages";
import { wantsDataSaver } from "~/utils/data-saver.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { httpError } from "~/utils/http-errors";
import { metaText, titled } from "~/i18n/meta";

export function meta({ loaderData: data, matches }: Route.MetaArgs) {
  return [{ title: data ? `${data.module.title} · ${data.course.title}` : titled(metaText(matches).errors.notFound) }];
}

async function load(request: Request, params: Route.LoaderArgs["params"], context: Route.LoaderArgs["context"]) {
  const user = await getUser(request, context);
  const viewer = await toViewer(user);
  const course = findCourse(await getCatalog(), params.course ?? "", viewer);
  if (!course) throw httpError(404, "noCourse");
  const modules = visibleModules(course, viewer);
  const index = modules.findIndex((m) => m.slug === params.module);
  if (index < 0) throw httpError(404, "noModule");
  return { user, course, modules, index, module: modules[index]!, catalog: await getCatalog() };
}

export type AnswerKey = Record<string, Record<string, { correct: string[]; answers: string[]; explanation?: string }>>;

/** Public reading; progress and completion for the signed-in learner. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user, course, modules, index, module, catalog } = await load(request, params, context);
  const trainer = !!user && (await isCourseTrainer(user, course.slug));
  const preview = new URL(request.url).searchParams.get("preview");
  const primary = course.meta.languages[0]!;
  const wanted = negotiateLanguage(request, user);
  const language: Language = module.variants[wanted] ? wanted : primary;
  const variant = module.variants[language]!;
  // The answer key goes to a browser only for the course's trainers (and admins), and only when they ask.
  const answerKey: AnswerKey | null =
    trainer && preview === "key"
      ? Object.fromEntries(
          quizzesIn(module, language).map((quiz) => [
            quiz.id,
            Object.fromEntries(
              quiz.questions.map((q) => [
                q.id,
                {
                  correct: q.kind === "text" ? [] : q.choices.filter((c) => c.correct).map((c) => c.id),
                  answers: q.kind === "text" ? q.answers : [],
                  explanation: q.explanation,
                },
              ]),
            ),
          ]),
        )
      : null;
  const enrolment = user ? await getEnrolment(context.db, user.id, course.slug) : undefined;
  const done = enrolment ? await completedModules(context.db, enrolment.id) : new Set<string>();
  const prev = modules[index - 1];
  const next = modules[index + 1];
  // A fresh key per page: the same submission sent twice is stored once.
  const attemptKey = crypto.randomUUID();
  const quizzes = quizzesIn(module, language).map((definition) => {
    const quiz = toPublicQuiz(definition);
    if (!quiz.shuffle) return quiz;
    return {
      ...quiz,
      questions: quiz.questions.map((q) => (q.kind === "text" ? q : { ...q, choices: shuffled(q.choices, `${attemptKey}/${q.id}`) })),
    };
  });
  return {
    course: { slug: course.slug, title: courseTextIn(course, language).title },
    module: { slug: module.slug, title: variant.frontmatter.title, minutes: module.minutes, number: index + 1, of: modules.length, draft: module.draft },
    language,
    fallbackFrom: wanted !== language ? languageName(wanted) : null,
    segments: (wantsDataSaver(request, user) && variant.liteSegments) || variant.segments,
    // A module longer than about three phone screens lists its sections at the top.
    sections: variant.words > 450 && variant.sections.length >= 3 ? variant.sections : null,
    quizzes,
    attemptKey,
    standings: user && enrolment ? await standings(context.db, user.id, course.slug, module.quizzes) : null,
    trainer: trainer && preview !== "learner",
    answerKey,
    devProblems: getEnv().nodeEnv === "development" ? problemsOf(catalog, module).map(formatProblem) : [],
    state: !user ? ("anonymous" as const) : !enrolment ? ("not-enrolled" as const) : ("enrolled" as const),
    completed: done.has(module.slug),
    completableByHand: completableByHand(module),
    courseDone: enrolment?.completedAt ? courseDone(enrolment.completedAt, (await certificateOf(context.db, user!.id, course.slug))?.code, language) : null,
    prev: prev ? { slug: prev.slug, title: prev.variants[language]?.frontmatter.title ?? prev.title } : null,
    next: next ? { slug: next.slug, title: next.variants[language]?.frontmatter.title ?? next.title } : null,
  };
}

/** A finished course: when, and its certificate with the short address to share it. */
function courseDone(completedAt: Date, code: string | undefined, language: Language) {
  return {
    on: formatDate(completedAt, language),
    code: code ?? null,
    shareUrl: code ? `${getEnv().origin}${shortCertificatePath(code)}` : null,
    texts: messages[language].complete,
  };
}

const intentSchema = z.enum(["complete", "quiz"]);

/**
 * The enrolled learner marks a module without a quiz as complete, or submits
 * a quiz, graded here on the server (a form posted without JavaScript; the
 * enhanced form posts to the attempts endpoint, which answers the same way).
 * Bad input gets a 4xx with a message on the form and stores nothing.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const { course, module } = await load(request, params, context);
  const form = await readForm(request);
  const language = negotiateLanguage(request, user);
  const intent = intentSchema.safeParse(form.get("intent"));
  if (!intent.success) return data<QuizReply>({ ok: false, message: messages[language].quizErrors.unreadableForm }, { status: 400 });
  if (intent.data === "quiz") {
    const { status, reply } = await answerQuiz({ userId: user.id, course, module, fields: form, language });
    return data<QuizReply>(reply, { status });
  }
  try {
    const outcome = await markModuleComplete(context.db, { userId: user.id, course, module });
    if (outcome.courseCompletedNow) void signCertificatesSoon();
    // With JavaScript the button posts in the background ("stay"): the learner may already be on the next module,
    // so the answer is data, not a redirect that would pull them back.
    if (form.get("stay") === "1") return { ok: true as const, courseCompletedNow: outcome.courseCompletedNow };
    // The last module done by hand: the page opens at the course's completion card.
    return redirect(
      outcome.courseCompletedNow ? `/courses/${course.slug}/${module.slug}?done=course#course-complete` : `/courses/${course.slug}/${module.slug}`,
    );
  } catch (error) {
    if (error instanceof LearningError) return data<QuizReply>({ ok: false, message: learningMessage(error, language) }, { status: error.status });
    throw error;
  }
}

export default function ModulePage({ loaderData }: Route.ComponentProps) {
  const d = loaderData;
  const completing = useFetcher<{ ok: true; courseCompletedNow: boolean }>({ key: `complete-${d.course.slug}-${d.module.slug}` });
  const justCompleted = useSearchParams()[0].get("done") === "course" || completing.data?.courseCompletedNow === true;
  useEffect(() => {
    // The course just completed with JavaScript: the completion card is where the learner looks next.
    if (completing.data?.courseCompletedNow && d.courseDone?.code) document.getElementById("course-complete")?.focus();
  }, [completing.data, d.courseDone?.code]);
  const { m, f, rich } = useT();
  const base = `/courses/${d.course.slug}`;
  // Parsed messages cross the wire as plain arrays: their placeholders' types come back with the catalog's type.
  const courseDone = d.courseDone ? { ...d.courseDone, texts: d.courseDone.texts as Messages["complete"] } : null;
  return (
    <div className="page reading">
      <Breadcrumbs
        trail={[
          { to: "/courses", label: m.layout.courses },
          { to: base, label: d.course.title },
        ]}
        current={f(m.module.moduleOf, { n: d.module.number, total: d.module.of })}
        label={m.module.breadcrumb}
      />
      {d.devProblems.length > 0 ? (
        <div className="form-error" role="alert">
          <p>
            <strong>{m.trainer.problems}</strong> {m.trainer.problemsText}
          </p>
          <ul>
            {d.devProblems.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.trainer ? (
        <p className="notice trainer-bar">
          {m.trainer.preview} <Link to="?preview=learner">{m.trainer.asLearner}</Link> ·{" "}
          <Link to="?preview=key" aria-current={d.answerKey ? "page" : undefined}>
            {m.trainer.withKey}
          </Link>{" "}
          · <Link to={`${base}/stats`}>{m.trainer.stats}</Link>
        </p>
      ) : null}
      {d.module.draft ? <p className="notice">{m.module.draft}</p> : null}
      {d.fallbackFrom ? <p className="notice">{f(m.module.notTranslated, { language: d.fallbackFrom })}</p> : null}
      <article lang={d.language}>
        <h1>{d.module.title}</h1>
        <p className="muted">{f(m.module.minutes, { n: d.module.minutes })}</p>
        {d.sections ? <SectionList sections={d.sections} /> : null}
        {d.segments.map((s, i) => {
          if (s.type === "html") return <div key={i} className="prose" dangerouslySetInnerHTML={{ __html: s.html }} />;
          const quiz = d.quizzes.find((q) => q.id === s.id);
          return quiz ? (
            <QuizForm
              key={s.id}
              quiz={quiz}
              modulePath={`${base}/${d.module.slug}`}
              attemptKey={d.attemptKey}
              standing={d.standings?.[s.id] ?? null}
              canSubmit={d.state === "enrolled"}
              answerKey={d.answerKey?.[s.id]}
              contentLanguage={d.language}
              next={d.next ? { href: `${base}/${d.next.slug}`, title: d.next.title } : null}
              outline={base}
              course={{ title: d.course.title }}
            />
          ) : null;
        })}
      </article>
      <section aria-label={m.module.progress} className="complete-box">
        {courseDone && courseDone.code && justCompleted ? (
          <CourseComplete id="course-complete" course={d.course.title} code={courseDone.code} shareUrl={courseDone.shareUrl!} texts={courseDone.texts} />
        ) : null}
        {courseDone ? (
          <p>
            <span className="badge done">{m.module.completed}</span> {f(courseDone.texts.completedOn, { date: courseDone.on })}{" "}
            {courseDone.code ? <Link to={`/certificates/${courseDone.code}`}>{courseDone.texts.view}</Link> : null}
          </p>
        ) : null}
        {d.completed ? (
          <p>
            <span className="badge done">{m.module.completed}</span> {m.module.youCompleted}
          </p>
        ) : d.state === "enrolled" && !d.completableByHand ? (
          <p>{m.module.passToComplete}</p>
        ) : d.state === "enrolled" ? (
          // A plain form without JavaScript. With it, a fetcher: following "Next" while the answer is on its way
          // no longer cancels the completion, as a navigation's submission would be.
          <completing.Form
            method="post"
            onSubmit={(event) => {
              event.preventDefault();
              const body = new FormData(event.currentTarget);
              body.set("stay", "1");
              void completing.submit(body, { method: "post" });
            }}
          >
            <input type="hidden" name="intent" value="complete" />
            <button type="submit" className="button" disabled={completing.state !== "idle"}>
              {completing.state !== "idle" ? m.module.marking : m.module.markComplete}
            </button>
          </completing.Form>
        ) : d.state === "not-enrolled" ? (
          <Form method="post" action={base}>
            <input type="hidden" name="intent" value="enrol" />
            <p>{m.module.enrolToRecord}</p>
            <button type="submit" className="button">
              {m.module.enrol}
            </button>
          </Form>
        ) : d.state === "anonymous" ? (
          <p>
            {rich(m.module.logInToRecord, {
              login: (text) => <Link to={`/login?redirectTo=${encodeURIComponent(`${base}/${d.module.slug}`)}`}>{text}</Link>,
              signup: (text) => <Link to={`/signup?redirectTo=${encodeURIComponent(`${base}/${d.module.slug}`)}`}>{text}</Link>,
            })}
          </p>
        ) : null}
      </section>
      <nav aria-label={m.module.modulesNav} className="module-nav">
        {d.prev ? (
          <Link to={`${base}/${d.prev.slug}`} rel="prev">
            ← {f(m.module.previous, { title: d.prev.title })}
          </Link>
        ) : (
          <Link to={base}>← {m.module.outline}</Link>
        )}
        {d.next ? (
          <Link to={`${base}/${d.next.slug}`} rel="next">
            {f(m.module.next, { title: d.next.title })} →
          </Link>
        ) : (
          <Link to={base}>{m.module.outline} →</Link>
        )}
      </nav>
    </div>
  );
}

/**
 * The sections of a long module, at its top: plain links to the headings (server-rendered, so they work without
 * script); with script, the section being read is marked as the reader scrolls.
 */
function SectionList({ sections }: { sections: { id: string; title: string }[] }) {
  const { m } = useT();
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    const headings = sections.map((s) => document.getElementById(s.id)).filter((h): h is HTMLElement => !!h);
    if (!("IntersectionObserver" in window) || headings.length === 0) return;
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) e.isIntersecting ? visible.add(e.target.id) : visible.delete(e.target.id);
        // The last heading above the middle of the screen is the section being read.
        const above = headings.filter((h) => h.getBoundingClientRect().top < window.innerHeight / 2);
        setCurrent(above.at(-1)?.id ?? null);
      },
      { rootMargin: "0px 0px -50% 0px" },
    );
    for (const h of headings) observer.observe(h);
    return () => observer.disconnect();
  }, [sections]);
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">{m.module.inThisModule}</h2>
      <ol>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`} aria-current={current === s.id ? "true" : undefined}>
              {s.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
