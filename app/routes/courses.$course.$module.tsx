import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getUser, requireUser, toViewer } from "~/auth/auth.server";
import { findCourse, getCatalog, visibleModules } from "~/catalog/catalog.server";
import type { Language } from "~/catalog/types";
import { languageNames } from "~/catalog/views.server";
import { getDb } from "~/db/client.server";
import { completedModules, getEnrolment, LearningError, markModuleComplete } from "~/learning/enrolment.server";
import { completableByHand } from "~/learning/rules";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.module.title} · ${data.course.title}` : "Module not found · Co-op Campus" },
];

async function load(request: Request, params: LoaderFunctionArgs["params"], context: LoaderFunctionArgs["context"]) {
  const user = getUser(request, context);
  const viewer = toViewer(user);
  const course = findCourse(await getCatalog(), params.course ?? "", viewer);
  if (!course) throw data({ message: "There is no course at this address." }, { status: 404 });
  const modules = visibleModules(course, viewer);
  const index = modules.findIndex((m) => m.slug === params.module);
  if (index < 0) throw data({ message: "This course has no module at this address." }, { status: 404 });
  return { user, course, modules, index, module: modules[index]! };
}

/** Public reading; progress and completion for the signed-in learner. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, course, modules, index, module } = await load(request, params, context);
  const primary = course.meta.languages[0]!;
  const wanted = (user?.locale ?? primary) as Language;
  const language: Language = module.variants[wanted] ? wanted : primary;
  const variant = module.variants[language]!;
  const enrolment = user ? getEnrolment(getDb(), user.id, course.slug) : undefined;
  const done = enrolment ? completedModules(getDb(), enrolment.id) : new Set<string>();
  const prev = modules[index - 1];
  const next = modules[index + 1];
  return {
    course: { slug: course.slug, title: course.meta.title },
    module: { slug: module.slug, title: module.title, minutes: module.minutes, number: index + 1, of: modules.length, draft: module.draft },
    language,
    fallbackFrom: wanted !== language ? languageNames[wanted] : null,
    segments: variant.segments,
    state: !user ? ("anonymous" as const) : !enrolment ? ("not-enrolled" as const) : ("enrolled" as const),
    completed: done.has(module.slug),
    completableByHand: completableByHand(module),
    prev: prev ? { slug: prev.slug, title: prev.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
  };
}

const actionSchema = z.object({ intent: z.literal("complete") });

/** The enrolled learner marks a module without a quiz as complete. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { course, module } = await load(request, params, context);
  const form = await readForm(request);
  if (!actionSchema.safeParse({ intent: form.get("intent") }).success) {
    return data({ ok: false as const, message: "Unknown request." }, { status: 400 });
  }
  try {
    markModuleComplete(getDb(), { userId: user.id, course, module });
  } catch (error) {
    if (error instanceof LearningError) return data({ ok: false as const, message: error.message }, { status: error.status });
    throw error;
  }
  return redirect(`/courses/${course.slug}/${module.slug}`);
}

export default function ModulePage() {
  const d = useLoaderData<typeof loader>();
  const base = `/courses/${d.course.slug}`;
  return (
    <div className="page reading">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/courses">Courses</Link>
          </li>
          <li>
            <Link to={base}>{d.course.title}</Link>
          </li>
          <li aria-current="page">
            Module {d.module.number} of {d.module.of}
          </li>
        </ol>
      </nav>
      {d.module.draft ? <p className="notice">Draft: learners cannot see this module.</p> : null}
      {d.fallbackFrom ? <p className="notice">This module is not yet available in {d.fallbackFrom}; it is shown in its original language.</p> : null}
      <article lang={d.language}>
        <h1>{d.module.title}</h1>
        <p className="muted">About {d.module.minutes} minutes</p>
        {d.segments.map((s, i) => (s.type === "html" ? <div key={i} className="prose" dangerouslySetInnerHTML={{ __html: s.html }} /> : null))}
      </article>
      <section aria-label="Your progress" className="complete-box">
        {d.completed ? (
          <p>
            <span className="badge done">Completed</span> You have completed this module.
          </p>
        ) : d.state === "enrolled" && d.completableByHand ? (
          <Form method="post">
            <input type="hidden" name="intent" value="complete" />
            <button type="submit" className="button">
              Mark this module complete
            </button>
          </Form>
        ) : d.state === "not-enrolled" ? (
          <Form method="post" action={base}>
            <input type="hidden" name="intent" value="enrol" />
            <p>Enrol to record your progress and earn a certificate.</p>
            <button type="submit" className="button">
              Enrol in this course
            </button>
          </Form>
        ) : d.state === "anonymous" ? (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(`${base}/${d.module.slug}`)}`}>Log in</Link> or{" "}
            <Link to={`/signup?redirectTo=${encodeURIComponent(`${base}/${d.module.slug}`)}`}>sign up</Link> to record
            your progress.
          </p>
        ) : null}
      </section>
      <nav aria-label="Modules" className="module-nav">
        {d.prev ? (
          <Link to={`${base}/${d.prev.slug}`} rel="prev">
            ← Previous: {d.prev.title}
          </Link>
        ) : (
          <Link to={base}>← Course outline</Link>
        )}
        {d.next ? (
          <Link to={`${base}/${d.next.slug}`} rel="next">
            Next: {d.next.title} →
          </Link>
        ) : (
          <Link to={base}>Course outline →</Link>
        )}
      </nav>
    </div>
  );
}
