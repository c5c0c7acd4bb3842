import { useActionData, useFetcher } from "@remix-run/react";
import type { PublicQuiz } from "~/catalog/types";

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

const pct = (x: number) => `${Math.round(x * 100)}%`;

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
}: {
  quiz: PublicQuiz;
  attemptKey: string;
  standing: QuizStanding | null;
  canSubmit: boolean;
  /** Trainers' preview only: the right choices and explanations. */
  answerKey?: Record<string, { correct: string[]; answers: string[]; explanation?: string }>;
}) {
  const fetcher = useFetcher<QuizActionData>({ key: `quiz-${quiz.id}` });
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
      <h2 id={headingId}>Quiz</h2>
      <p className="muted">
        You need {pct(quiz.passMark)} to pass.
        {quiz.maxAttempts ? ` You have ${quiz.maxAttempts} attempt${quiz.maxAttempts === 1 ? "" : "s"} in all.` : " You may try as often as you like; your best score counts."}
      </p>
      {standing && standing.attempts > 0 ? (
        <p>
          Attempts so far: {standing.attempts}. Best score: {pct(standing.best ?? 0)}
          {standing.passed ? " (passed)" : ""}.{standing.remaining !== null ? ` Attempts left: ${standing.remaining}.` : ""}
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {result ? (
          <p className={result.passed ? "notice" : "form-error"}>
            Attempt {result.attemptNumber}: you scored {pct(result.score)}.{" "}
            {result.passed
              ? result.moduleCompleted
                ? "Passed: this module is complete."
                : "Passed."
              : "Not passed yet. Read the explanations below and try again."}
          </p>
        ) : null}
        {data && !data.ok && data.message ? <p className="form-error">{data.message}</p> : null}
      </div>
      <fetcher.Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="quiz" />
        <input type="hidden" name="quizId" value={quiz.id} />
        <input type="hidden" name="attemptKey" value={fetcher.data?.nextAttemptKey ?? attemptKey} />
        {quiz.questions.map((q, index) => {
          const name = `q.${q.id}`;
          const error = errors[q.id];
          const outcome = byQuestion.get(q.id);
          const describedBy = [error ? `${name}-error` : null, outcome ? `${name}-outcome` : null].filter(Boolean).join(" ") || undefined;
          const chosen = answers[q.id] ?? [];
          return (
            <fieldset key={q.id} className="question" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
              <legend>
                <span className="question-number">{index + 1}.</span> {q.prompt}
              </legend>
              {q.kind === "text" ? (
                <div className="field">
                  <label htmlFor={`${name}-input`}>Your answer</label>
                  <input id={`${name}-input`} name={name} type="text" maxLength={500} defaultValue={chosen[0] ?? ""} autoComplete="off" />
                </div>
              ) : (
                <ul className="choices">
                  {q.choices.map((c) => (
                    <li key={c.id}>
                      <label>
                        <input
                          type={q.kind === "multiple" ? "checkbox" : "radio"}
                          name={name}
                          value={c.id}
                          defaultChecked={chosen.includes(c.id)}
                        />{" "}
                        {c.label}
                        {answerKey?.[q.id]?.correct.includes(c.id) ? <strong className="key-mark"> (correct answer)</strong> : null}
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              {answerKey?.[q.id] ? (
                <div className="outcome right">
                  {answerKey[q.id]!.answers.length > 0 ? <p>Accepted answers: {answerKey[q.id]!.answers.join(" · ")}</p> : null}
                  <p>{answerKey[q.id]!.explanation ?? "No explanation written yet."}</p>
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
                    <strong>{outcome.credit === 1 ? "Correct." : outcome.credit > 0 ? `Partly correct (${pct(outcome.credit)}).` : "Not correct."}</strong>
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
              {busy ? "Checking…" : result ? "Submit again" : "Submit answers"}
            </button>
            {outOfAttempts ? <p className="muted">You have used all your attempts at this quiz.</p> : null}
          </div>
        ) : (
          <p className="muted">Enrol in the course to submit your answers.</p>
        )}
      </fetcher.Form>
    </section>
  );
}
