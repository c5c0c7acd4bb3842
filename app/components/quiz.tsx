import { useEffect, useState, type FormEvent } from "react";
import { useOfflineKeys } from "~/components/offline";
import { enqueueAnswer, onPendingChange, pendingAnswers } from "~/offline/offline.client";
import { useActionData, useFetcher } from "@remix-run/react";
import { percent, plural, useT } from "~/i18n/i18n";
import type { Language, PublicQuiz } from "~/catalog/types";

export type QuizResult = {
  score: number;
  passed: boolean;
  attemptNumber: number;
  moduleCompleted: boolean;
  questions: { id: string; credit: number; explanation?: string }[];
};

/** Every answer carries the key for the next submission, so a quick retake is never mistaken for a resend. */
export type QuizActionData =
  | { ok: true; quizId: string; result: QuizResult; answers: Record<string, string[]>; nextAttemptKey: string }
  | { ok: false; quizId?: string; message?: string; errors?: Record<string, string>; answers?: Record<string, string[]>; nextAttemptKey?: string };

export type QuizStanding = { attempts: number; best: number | null; passed: boolean; remaining: number | null };


/**
 * A quiz as a plain HTML form posted to the module's action: it works with
 * JavaScript off. With JavaScript on, a fetcher submits it without a reload.
 * Nothing here knows which answer is right until the server says so.
 */
export function QuizForm({
  quiz,
  attemptKey,
  standing,
  canSubmit,
  answerKey,
  contentLanguage,
}: {
  quiz: PublicQuiz;
  attemptKey: string;
  /** The language the questions are shown in: the server grades against that version's key. */
  contentLanguage: Language;
  standing: QuizStanding | null;
  canSubmit: boolean;
  /** Trainers' preview only: the right choices and explanations. */
  answerKey?: Record<string, { correct: string[]; answers: string[]; explanation?: string }>;
}) {
  const { lang, m, f } = useT();
  const q = m.quiz;
  const pct = (x: number) => percent(lang, x);
  const fetcher = useFetcher<QuizActionData>({ key: `quiz-${quiz.id}` });
  const offline = useOfflineKeys();
  const [queued, setQueued] = useState(false);
  useEffect(() => {
    if (!offline) return;
    const check = () => setQueued(pendingAnswers(offline.person).some((p) => p.quizId === quiz.id && p.action === location.pathname));
    check();
    return onPendingChange(check);
  }, [offline, quiz.id]);
  /** Offline, the answers stay on this device (with the form's idempotency key) until the connection returns. */
  const keepOffline = (event: FormEvent<HTMLFormElement>) => {
    if (navigator.onLine || !offline) return;
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    enqueueAnswer({
      key: String(form.get("attemptKey")),
      person: offline.person,
      action: location.pathname,
      quizId: quiz.id,
      title: document.querySelector("h1")?.textContent ?? quiz.id,
      fields: [...form.entries()].map(([k, v]) => [k, String(v)] as [string, string]),
      savedAt: Date.now(),
    });
    setQueued(true);
  };
  const actionData = useActionData<QuizActionData>();
  const data = fetcher.data ?? (actionData && actionData.quizId === quiz.id ? actionData : undefined);
  const result = data?.ok ? data.result : undefined;
  const errors = data && !data.ok ? (data.errors ?? {}) : {};
  const answers = data?.answers ?? {};
  const busy = fetcher.state !== "idle";
  const outOfAttempts = standing?.remaining === 0;
  const headingId = `quiz-${quiz.id}-heading`;
  const byQuestion = new Map(result?.questions.map((q) => [q.id, q]));

  return (
    <section className="quiz" aria-labelledby={headingId}>
      <h2 id={headingId}>{q.heading}</h2>
      <p className="muted">
        {f(q.passMark, { percent: pct(quiz.passMark) })} {quiz.maxAttempts ? plural(lang, q.attemptsAll, quiz.maxAttempts) : q.unlimited}
      </p>
      {standing && standing.attempts > 0 ? (
        <p>
          {f(q.soFar, { n: standing.attempts, best: pct(standing.best ?? 0) })}
          {standing.passed ? q.passedMark : ""}.{standing.remaining !== null ? f(q.left, { n: standing.remaining }) : ""}
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {result ? (
          <p className={result.passed ? "notice" : "form-error"}>
            {f(q.result, { n: result.attemptNumber, percent: pct(result.score) })}{" "}
            {result.passed ? (result.moduleCompleted ? q.passedComplete : q.passed) : q.notPassed}
          </p>
        ) : null}
        {data && !data.ok && data.message ? <p className="form-error">{data.message}</p> : null}
        {queued ? <p className="notice">{m.offline.queued}</p> : null}
      </div>
      <fetcher.Form method="post" className="stack" noValidate onSubmit={keepOffline}>
        <input type="hidden" name="intent" value="quiz" />
        <input type="hidden" name="quizId" value={quiz.id} />
        <input type="hidden" name="language" value={contentLanguage} />
        <input type="hidden" name="attemptKey" value={fetcher.data?.nextAttemptKey ?? attemptKey} />
        {quiz.questions.map((question, index) => {
          const name = `q.${question.id}`;
          const error = errors[question.id];
          const outcome = byQuestion.get(question.id);
          const describedBy = [error ? `${name}-error` : null, outcome ? `${name}-outcome` : null].filter(Boolean).join(" ") || undefined;
          const chosen = answers[question.id] ?? [];
          return (
            <fieldset key={question.id} className="question" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
              <legend>
                <span className="question-number">{index + 1}.</span> {question.prompt}
              </legend>
              {question.kind === "text" ? (
                <div className="field">
                  <label htmlFor={`${name}-input`}>{q.yourAnswer}</label>
                  <input id={`${name}-input`} name={name} type="text" maxLength={500} defaultValue={chosen[0] ?? ""} autoComplete="off" />
                </div>
              ) : (
                <ul className="choices">
                  {question.choices.map((c) => (
                    <li key={c.id}>
                      <label>
                        <input
                          type={question.kind === "multiple" ? "checkbox" : "radio"}
                          name={name}
                          value={c.id}
                          defaultChecked={chosen.includes(c.id)}
                        />{" "}
                        {question.kind === "truefalse" ? (c.label === "True" ? q.true : q.false) : c.label}
                        {answerKey?.[question.id]?.correct.includes(c.id) ? <strong className="key-mark">{q.correctAnswer}</strong> : null}
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              {answerKey?.[question.id] ? (
                <div className="outcome right">
                  {answerKey[question.id]!.answers.length > 0 ? <p>{f(q.accepted, { answers: answerKey[question.id]!.answers.join(" · ") })}</p> : null}
                  <p>{answerKey[question.id]!.explanation ?? q.noExplanation}</p>
                </div>
              ) : null}
              {error ? (
                <p className="field-error" id={`${name}-error`}>
                  {error}
                </p>
              ) : null}
              {outcome ? (
                <div id={`${name}-outcome`} className={`outcome ${outcome.credit === 1 ? "right" : "wrong"}`}>
                  <p>
                    <strong>{outcome.credit === 1 ? q.correct : outcome.credit > 0 ? f(q.partly, { percent: pct(outcome.credit) }) : q.wrong}</strong>
                  </p>
                  {outcome.explanation ? <p>{outcome.explanation}</p> : null}
                </div>
              ) : null}
            </fieldset>
          );
        })}
        {canSubmit ? (
          <div>
            <button type="submit" className="button" disabled={busy || outOfAttempts}>
              {busy ? q.checking : result ? q.submitAgain : q.submit}
            </button>
            {outOfAttempts ? <p className="muted">{q.noAttemptsLeft}</p> : null}
          </div>
        ) : (
          <p className="muted">{q.enrolToSubmit}</p>
        )}
      </fetcher.Form>
    </section>
  );
}
