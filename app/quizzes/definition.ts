/**
 * A quiz as the server knows it, answer key included. This type never leaves
 * the server: routes turn it into a PublicQuiz (see toPublicQuiz) first.
 */
import type { PublicQuiz } from "~/catalog/types";

export type ChoiceDefinition = {
  id: string;
  /** The id it had before ids stopped depending on the authored order: answers stored then are read by it. Never sent to a browser. */
  legacyId?: string;
  label: string;
  correct: boolean;
};

/** Whether a stored answer names this choice, by its id or by the id it had before. */
export const namesChoice = (c: ChoiceDefinition, id: string) => c.id === id || c.legacyId === id;
export type ChoiceQuestion = {
  id: string;
  kind: "single" | "multiple" | "truefalse";
  prompt: string;
  explanation?: string;
  /** Multiple-answer questions only: partial credit instead of all-or-nothing. */
  partialCredit: boolean;
  choices: ChoiceDefinition[];
  line: number;
};
export type TextQuestion = {
  id: string;
  kind: "text";
  prompt: string;
  explanation?: string;
  answers: string[];
  line: number;
};
export type QuestionDefinition = ChoiceQuestion | TextQuestion;

/**
 * Whether a translated question's choices stand in the original's places: as many of them, the right ones
 * in the same positions. Statistics then count a translated choice as the original one in its place, and
 * content check warns when it is not so.
 */
export function sameChoiceLayout(original: ChoiceQuestion, version: ChoiceQuestion): boolean {
  return version.choices.length === original.choices.length && version.choices.every((c, i) => c.correct === original.choices[i]!.correct);
}

export type QuizDefinition = {
  id: string;
  passMark: number;
  maxAttempts: number | null;
  shuffle: boolean;
  questions: QuestionDefinition[];
  line: number;
};

export function toPublicQuiz(quiz: QuizDefinition): PublicQuiz {
  return {
    id: quiz.id,
    passMark: quiz.passMark,
    maxAttempts: quiz.maxAttempts,
    shuffle: quiz.shuffle,
    questions: quiz.questions.map((q) =>
      q.kind === "text"
        ? { id: q.id, kind: "text" as const, prompt: q.prompt }
        : { id: q.id, kind: q.kind, prompt: q.prompt, choices: q.choices.map((c) => ({ id: c.id, label: c.label })) },
    ),
  };
}
