import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useActionData, useRevalidator } from "react-router";
import { CourseComplete } from "~/components/course-complete";
import { useOfflineKeys } from "~/components/offline";
import { enqueueAnswer, onPendingChange, pendingAnswers } from "~/offline/offline.client";
import { percent, useT } from "~/i18n/i18n";
import type { PublicQuiz } from "~/catalog/types";
import type { Language } from "~/i18n/language";
import { attemptsUrlOf, type QuizReply, type QuizStanding } from "~/quizzes/replies";

/**
 * A quiz as a plain HTML form posted to the module page: it works with
 * JavaScript off (the action answers with the whole page). With JavaScript
 * on, the answers go to the module's attempts endpoint, whose small JSON
 * reply is shown in place; the page's data is loaded again only when the
 * module turns complete. Nothing here knows which answer is right until the
 * server says so.
 */
export function QuizForm({
  quiz,
  modulePath,
  attemptKey,
  standing,
  canSubmit,
  answerKey,
  contentLanguage,
  next,
  outline,
  course,
}: {
  quiz: PublicQuiz;
  /** The module page, where the form posts without JavaScript (with it, to the page's attempts endpoint). */
  modulePath: string;
  attemptKey: string;
  /** The language the questions are shown in: the server grades against that version's key. */
  contentLanguage: Language;
  standing: QuizStanding | null;
  canSubmit: boolean;
  /** Trainers' preview only: the right choices and explanations. */
  answerKey?: Record<string, { correct: string[]; answers: string[]; explanation?: string }>;
  /** Where a passed quiz leads: the next module, else the course outline. */
  next: { href: string; title: string } | null;
  outline: string;
  /** The course's title (the completion card names it). */
  course: { title: string };
}) {
  const { lang, m, f } = useT();
  const q = m.quiz;
  const pct = (x: number) => percent(lang, x);
  const offline = useOfflineKeys();
  const revalidator = useRevalidator();
  const [reply, setReply] = useState<QuizReply>();
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState(false);
  useEffect(() => {
    if (!offline) return;
    const check = () => setQueued(pendingAnswers(offline.person).some((p) => p.quizId === quiz.id && p.action === modulePath));
    check();
    return onPendingChange(check);
  }, [offline, quiz.id, modulePath]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = [...new FormData(event.currentTarget).entries()].map(([k, v]) => [k, String(v)] as [string, string]);
    // Offline, the answers stay on this device (with the form's idempotency key) until the connection returns.
    const keep = () => {
      if (!offline) return false;
      enqueueAnswer({
        key: fields.find(([k]) => k === "attemptKey")?.[1] ?? "",
        person: offline.person,
        action: modulePath,
        quizId: quiz.id,
        title: document.querySelector("h1")?.textContent ?? quiz.id,
        fields,
        savedAt: Date.now(),
      });
      setQueued(true);
      return true;
    };
    if (!navigator.onLine && keep()) return;
    setBusy(true);
    try {
      const response = await fetch(attemptsUrlOf(modulePath), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: new URLSearchParams(fields),
      });
      const answer = (await response.json()) as QuizReply;
      setReply(answer);
      // The module's progress box and the course's next steps change only when the module turns complete.
      if (answer.ok && answer.result.moduleCompleted) void revalidator.revalidate();
    } catch {
      // No reply (the connection dropped on the way): kept for later where this device can keep it, else said.
      if (!keep()) setReply({ ok: false, quizId: quiz.id, message: q.unreachable });
    } finally {
      setBusy(false);
    }
  };
  const actionData = useActionData<QuizReply>();
  const data = reply ?? (actionData && actionData.quizId === quiz.id ? actionData : undefined);
  const result = data?.ok ? data.result : undefined;
  const errors = data && !data.ok ? (data.errors ?? {}) : {};
  const answers = data?.answers ?? {};
  const current = (data?.ok ? data.standing : undefined) ?? standing;
  const outOfAttempts = current?.remaining === 0;
  const headingId = `quiz-${quiz.id}-heading`;
  const resultId = `quiz-${quiz.id}-result`;
  const questionId = (id: string) => `quiz-${quiz.id}-q-${id}`;
  const byQuestion = new Map(result?.questions.map((q) => [q.id, q]));
  const firstWrong = result?.questions.find((x) => x.credit < 1);
  // With JavaScript, the result card takes focus and comes into view when a reply arrives; without, the form's
  // address ends in the card's fragment, so the answered page opens at it.
  const resultCard = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!reply?.ok) return;
    resultCard.current?.focus({ preventScroll: true });
    resultCard.current?.scrollIntoView({ block: "start" });
  }, [reply]);
  // The page's data is loaded again when the module turns complete; the router may then put the scroll back where
  // it was before the submission. The card keeps its place in view while it has the focus.
  useEffect(() => {
    const card = resultCard.current;
    if (revalidator.state !== "idle" || !card || document.activeElement !== card) return;
    const top = card.getBoundingClientRect().top;
    if (top < -2 || top > window.innerHeight / 2) card.scrollIntoView({ block: "start" });
  }, [revalidator.state]);

  return (
    <section className="quiz" aria-labelledby={headingId}>
      <h2 id={headingId}>{q.heading}</h2>
      <p className="muted">
        {f(q.passMark, { percent: pct(quiz.passMark) })} {quiz.maxAttempts ? f(q.attemptsAll, { n: quiz.maxAttempts }) : q.unlimited}
      </p>
      {current && current.attempts > 0 ? (
        <p>
          {f(q.soFar, { n: current.attempts, best: pct(current.best ?? 0), passed: current.passed ? "yes" : "no" })}
          {current.remaining !== null ? ` ${f(q.left, { n: current.remaining })}` : ""}
        </p>
      ) : null}
      {result ? (
        <section ref={resultCard} id={resultId} tabIndex={-1} className={`result-card${result.passed ? " passed" : ""}`} aria-labelledby={`${resultId}-title`}>
          <h3 id={`${resultId}-title`}>{result.passed ? q.resultPassed : q.resultNotPassed}</h3>
          <p className="score">{pct(result.score)}</p>
          <p>
            {f(q.result, { n: result.attemptNumber, percent: pct(result.score) })}{" "}
            {result.passed ? (result.moduleCompleted ? q.passedComplete : q.passed) : q.notPassed}
          </p>
          {result.passed && result.courseCompleted && result.certificateCode && result.certificateUrl ? (
            <CourseComplete course={course.title} code={result.certificateCode} shareUrl={result.certificateUrl} texts={result.completeTexts} />
          ) : result.passed ? (
            <p className="actions">
              {next ? (
                <Link to={next.href} className="button big">
                  {f(q.nextModule, { title: next.title })}
                </Link>
              ) : (
                <Link to={outline} className="button big">
                  {q.backToOutline}
                </Link>
              )}
            </p>
          ) : (
            <p className="actions">
              {firstWrong ? (
                <a href={`#${questionId(firstWrong.id)}`} className="button">
                  {q.readExplanations}
                </a>
              ) : null}
              {!outOfAttempts ? (
                <a href={`#${questionId(quiz.questions[0]!.id)}`} className="button secondary">
                  {q.tryAgain}
                </a>
              ) : null}
            </p>
          )}
        </section>
      ) : null}
      <div role="status" aria-live="polite" id={result ? undefined : resultId} tabIndex={result ? undefined : -1}>
        {data && !data.ok && data.message ? (
          <p className="form-error">
            {data.message} {data.login ? <a href={data.login}>{q.signInAgain}</a> : null}
          </p>
        ) : null}
        {queued ? <p className="notice">{m.offline.queued}</p> : null}
      </div>
      <form method="post" action={`${modulePath}#${resultId}`} className="stack" noValidate onSubmit={submit}>
        <input type="hidden" name="intent" value="quiz" />
        <input type="hidden" name="quizId" value={quiz.id} />
        <input type="hidden" name="language" value={contentLanguage} />
        <input type="hidden" name="attemptKey" value={data?.nextAttemptKey ?? attemptKey} />
        {quiz.questions.map((question, index) => {
          const name = `q.${question.id}`;
          const error = errors[question.id];
          const outcome = byQuestion.get(question.id);
          const describedBy = [error ? `${name}-error` : null, outcome ? `${name}-outcome` : null].filter(Boolean).join(" ") || undefined;
          const chosen = answers[question.id] ?? [];
          return (
            <fieldset
              key={question.id}
              id={questionId(question.id)}
              className="question"
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
            >
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
                        <input type={question.kind === "multiple" ? "checkbox" : "radio"} name={name} value={c.id} defaultChecked={chosen.includes(c.id)} />{" "}
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
      </form>
    </section>
  );
}
