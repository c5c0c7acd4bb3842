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

/**
 * `translations` are the other language versions of these quizzes (same quiz and question ids, their own
 * choice ids, since a choice's id depends on its label). A learner's choice in any version counts under the
 * original's label when the version lists the same number of choices with the right ones in the same places;
 * a version that reorders its choices is counted under its own labels rather than guessed.
 */
export function quizStats(quizzes: readonly QuizDefinition[], attempts: readonly AttemptRow[], translations: readonly QuizDefinition[] = []): QuizStats[] {
  return quizzes.map((quiz) => {
    const rows = attempts.filter((a) => a.quizId === quiz.id);
    const choices = choicesByIdAcrossVersions(quiz, translations.filter((t) => t.id === quiz.id));
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
        prompt: q.prompt,
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

type Choice = { label: string; correct: boolean };

/** For each question: every version's choice id, mapped to the choice it stands for (see quizStats). */
function choicesByIdAcrossVersions(quiz: QuizDefinition, versions: readonly QuizDefinition[]): Map<string, Map<string, Choice>> {
  const byQuestion = new Map<string, Map<string, Choice>>();
  for (const q of quiz.questions) {
    if (q.kind === "text") continue;
    const ids = new Map<string, Choice>(q.choices.map((c) => [c.id, c]));
    for (const version of versions) {
      const v = version.questions.find((x) => x.id === q.id);
      if (!v || v.kind === "text") continue;
      const parallel = sameChoiceLayout(q, v);
      v.choices.forEach((c, i) => ids.set(c.id, parallel ? q.choices[i]! : c));
    }
    byQuestion.set(q.id, ids);
  }
  return byQuestion;
}
