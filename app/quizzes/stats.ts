/** Item statistics for trainers: a pure function of quiz definitions and stored attempts. */
import { sameChoiceLayout, type QuizDefinition } from "./definition";
import { normalizeText } from "./grading";

export type AttemptRow = {
  userId: number;
  quizId: string;
  attemptNumber: number;
  passed: boolean;
  score: number;
  answers: Record<string, string[]>;
  results: { id: string; credit: number }[];
};

export type QuestionStats = {
  id: string;
  prompt: string;
  answered: number;
  /** Share of attempts that got the question fully right, 0–1 (null when nobody answered). */
  shareCorrect: number | null;
  mostChosenWrong: { label: string; count: number } | null;
};

export type QuizStats = {
  id: string;
  attempts: number;
  learners: number;
  averageScore: number | null;
  /** Share of learners who passed at their first attempt, 0–1. */
  firstAttemptPassRate: number | null;
  questions: QuestionStats[];
};

export type StatsOptions = {
  /** The other language versions of these quizzes (same quiz and question ids, their own choice ids). */
  translations?: readonly QuizDefinition[];
  /** The versions in the reader's language, where there are some: prompts and choices are shown in their words. */
  shownIn?: readonly QuizDefinition[];
};

/**
 * A learner's choice in any language version counts under the original's choice when the version lists the
 * same number of choices with the right ones in the same places (a choice's id depends on its label, so ids
 * differ between versions); a version that reorders its choices is counted under its own labels rather than
 * guessed. The figures are the same whatever the reader's language: only the words shown change.
 */
export function quizStats(quizzes: readonly QuizDefinition[], attempts: readonly AttemptRow[], options: StatsOptions = {}): QuizStats[] {
  const { translations = [], shownIn = [] } = options;
  return quizzes.map((quiz) => {
    const rows = attempts.filter((a) => a.quizId === quiz.id);
    const shown = shownIn.find((v) => v.id === quiz.id);
    const choices = choicesByIdAcrossVersions(quiz, translations.filter((t) => t.id === quiz.id), shown);
    const firsts = rows.filter((a) => a.attemptNumber === 1);
    const questions = quiz.questions.map((q): QuestionStats => {
      let answered = 0;
      let right = 0;
      const wrongCounts = new Map<string, number>();
      for (const a of rows) {
        const given = a.answers[q.id];
        if (!given || given.length === 0) continue;
        answered++;
        const credit = a.results.find((r) => r.id === q.id)?.credit ?? 0;
        if (credit === 1) {
          right++;
          continue;
        }
        if (q.kind === "text") {
          const key = normalizeText(given[0] ?? "");
          wrongCounts.set(key, (wrongCounts.get(key) ?? 0) + 1);
        } else {
          for (const id of given) {
            const choice = choices.get(q.id)?.get(id);
            if (choice && !choice.correct) wrongCounts.set(choice.label, (wrongCounts.get(choice.label) ?? 0) + 1);
          }
        }
      }
      const worst = [...wrongCounts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
      return {
        id: q.id,
        prompt: shown?.questions.find((x) => x.id === q.id)?.prompt ?? q.prompt,
        answered,
        shareCorrect: answered ? right / answered : null,
        mostChosenWrong: worst ? { label: worst[0], count: worst[1] } : null,
      };
    });
    return {
      id: quiz.id,
      attempts: rows.length,
      learners: new Set(rows.map((r) => r.userId)).size,
      averageScore: rows.length ? rows.reduce((s, r) => s + r.score, 0) / rows.length : null,
      firstAttemptPassRate: firsts.length ? firsts.filter((r) => r.passed).length / firsts.length : null,
      questions,
    };
  });
}

/** A choice as counted: whether it is right, and its label in the reader's language where that can be told. */
type Choice = { label: string; correct: boolean };

/** For each question: every version's choice id, mapped to the choice it stands for (see quizStats). */
function choicesByIdAcrossVersions(quiz: QuizDefinition, versions: readonly QuizDefinition[], shown: QuizDefinition | undefined): Map<string, Map<string, Choice>> {
  const byQuestion = new Map<string, Map<string, Choice>>();
  for (const q of quiz.questions) {
    if (q.kind === "text") continue;
    // The original's choices, worded as the reader's version words them when it keeps their places.
    const s = shown?.questions.find((x) => x.id === q.id);
    const inReaderWords = s && s.kind !== "text" && sameChoiceLayout(q, s) ? q.choices.map((c, i) => ({ label: s.choices[i]!.label, correct: c.correct })) : q.choices;
    const ids = new Map<string, Choice>(q.choices.map((c, i) => [c.id, inReaderWords[i]!]));
    for (const version of versions) {
      const v = version.questions.find((x) => x.id === q.id);
      if (!v || v.kind === "text") continue;
      const parallel = sameChoiceLayout(q, v);
      v.choices.forEach((c, i) => ids.set(c.id, parallel ? inReaderWords[i]! : c));
    }
    byQuestion.set(q.id, ids);
  }
  return byQuestion;
}
