/**
 * Grading: a pure function of a quiz definition and a learner's answers.
 *
 * - single, truefalse: 1 point when the chosen choice is the correct one.
 * - multiple: all-or-nothing by default (1 point only when exactly the correct
 *   choices are chosen); with scoring="partial", (right chosen − wrong chosen)
 *   ÷ number of right choices, never below 0.
 * - text: 1 point when the answer matches an accepted answer, ignoring case,
 *   accents, surrounding spaces and repeated spaces.
 * The score is the points divided by the number of questions; a quiz is
 * passed when the score reaches its pass mark.
 */
import type { QuestionDefinition, QuizDefinition } from "./definition";
import { messages } from "~/i18n/messages";
import { format } from "~/i18n/format";
import type { Language } from "~/i18n/language";
import { mulberry32 } from "~/utils/random";

export type Answers = Record<string, string[]>;
export type QuestionResult = { id: string; credit: number; correct: boolean; explanation?: string };
export type Grade = { score: number; points: number; maxPoints: number; passed: boolean; questions: QuestionResult[] };

export function normalizeText(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/\s+/g, " ")
    .trim();
}

export function gradeQuestion(q: QuestionDefinition, chosen: readonly string[]): number {
  if (q.kind === "text") {
    const given = normalizeText(chosen[0] ?? "");
    return given !== "" && q.answers.some((a) => normalizeText(a) === given) ? 1 : 0;
  }
  const right = new Set(q.choices.filter((c) => c.correct).map((c) => c.id));
  const picked = new Set(chosen);
  if (q.kind !== "multiple") return picked.size === 1 && right.has([...picked][0]!) ? 1 : 0;
  const rightPicked = [...picked].filter((id) => right.has(id)).length;
  const wrongPicked = picked.size - rightPicked;
  if (!q.partialCredit) return rightPicked === right.size && wrongPicked === 0 ? 1 : 0;
  return Math.max(0, (rightPicked - wrongPicked) / right.size);
}

/** The full-marks answer to a question: its correct choices, or its first accepted text (demo data and benchmarks). */
export function rightAnswer(q: QuestionDefinition): string[] {
  return q.kind === "text" ? [q.answers[0]!] : q.choices.filter((c) => c.correct).map((c) => c.id);
}

/** Full-marks answers to every question of a quiz. */
export const rightAnswers = (quiz: QuizDefinition): Answers => Object.fromEntries(quiz.questions.map((q) => [q.id, rightAnswer(q)]));

export function gradeQuiz(quiz: QuizDefinition, answers: Answers): Grade {
  const questions = quiz.questions.map((q) => {
    const credit = gradeQuestion(q, answers[q.id] ?? []);
    return { id: q.id, credit, correct: credit === 1, explanation: q.explanation };
  });
  const points = questions.reduce((s, q) => s + q.credit, 0);
  const maxPoints = quiz.questions.length;
  const score = maxPoints === 0 ? 0 : points / maxPoints;
  // A small tolerance keeps 4/5 ≥ 0.8 true despite floating point.
  return { score, points, maxPoints, passed: score + 1e-9 >= quiz.passMark, questions };
}

export type SubmissionErrors = { form?: string; questions: Record<string, string> };

const MAX_TEXT = 500;

/**
 * Reads a submitted quiz form (fields named q.<question id>) against the
 * definition. Every question must be answered; every choice must belong to
 * its question; unknown fields for questions are refused.
 */
export function parseSubmission(
  quiz: QuizDefinition,
  fields: Iterable<[string, FormDataEntryValue]>,
  language: Language = "en",
): { ok: true; answers: Answers } | { ok: false; errors: SubmissionErrors; answers: Answers } {
  const text = messages[language].quizErrors;
  const answers: Answers = {};
  const errors: SubmissionErrors = { questions: {} };
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  for (const [name, value] of fields) {
    if (!name.startsWith("q.")) continue;
    const id = name.slice(2);
    const q = byId.get(id);
    if (!q) {
      errors.form = format(language, text.unknownQuestion, { id: id.slice(0, 60) });
      continue;
    }
    if (typeof value !== "string") {
      errors.questions[id] = text.unreadable;
      continue;
    }
    (answers[id] ??= []).push(value);
  }
  for (const q of quiz.questions) {
    const given = answers[q.id] ?? [];
    if (q.kind === "text") {
      if (given.length > 1) errors.questions[q.id] = text.oneAnswer;
      else if (!given[0]?.trim()) errors.questions[q.id] = text.writeAnswer;
      else if (given[0].length > MAX_TEXT) errors.questions[q.id] = format(language, text.tooLong, { max: MAX_TEXT });
      continue;
    }
    const valid = new Set(q.choices.map((c) => c.id));
    if (given.length === 0) errors.questions[q.id] = q.kind === "multiple" ? text.chooseAtLeastOne : text.chooseOne;
    else if (given.some((id) => !valid.has(id))) errors.questions[q.id] = text.notThisQuestion;
    else if (q.kind !== "multiple" && given.length > 1) errors.questions[q.id] = text.onlyOne;
    else if (new Set(given).size !== given.length) errors.questions[q.id] = text.onceEach;
  }
  if (errors.form || Object.keys(errors.questions).length > 0) return { ok: false, errors, answers };
  return { ok: true, answers };
}

/** A deterministic shuffle (mulberry32 seeded from a string), so a page's order is stable for its attempt. */
export function shuffled<T>(items: readonly T[], seed: string): T[] {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const random = mulberry32(h);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
