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
 *
 * One pass over the attempts, which may be a stream: what is kept is a tally per question and the set of
 * learners per quiz, whatever the number of attempts.
 */
export function quizStats(quizzes: readonly QuizDefinition[], attempts: Iterable<AttemptRow>, options: StatsOptions = {}): QuizStats[] {
  const tally = statsTally(quizzes, options);
  for (const a of attempts) tally.add(a);
  return tally.result();
}

/** quizStats in steps: add attempts as they come (a caller reading many can pause between them), then read the result. */
export function statsTally(quizzes: readonly QuizDefinition[], options: StatsOptions = {}) {
  const { translations = [], shownIn = [] } = options;
  const tallies = new Map(
    quizzes.map((quiz) => {
      const shown = shownIn.find((v) => v.id === quiz.id);
      const choices = choicesByIdAcrossVersions(
        quiz,
        translations.filter((t) => t.id === quiz.id),
        shown,
      );
      return [
        quiz.id,
        {
          quiz,
          shown,
          choices,
          attempts: 0,
          learners: new Set<number>(),
          scores: 0,
          firsts: 0,
          firstsPassed: 0,
          questions: quiz.questions.map(() => ({ answered: 0, right: 0, wrong: new Map<string, number>() })),
        },
      ];
    }),
  );
  const add = (a: AttemptRow) => {
    const t = tallies.get(a.quizId);
    if (!t) return;
    t.attempts++;
    t.learners.add(a.userId);
    t.scores += a.score;
    if (a.attemptNumber === 1) {
      t.firsts++;
      if (a.passed) t.firstsPassed++;
    }
    t.quiz.questions.forEach((q, i) => {
      const given = a.answers[q.id];
      if (!given || given.length === 0) return;
      const tally = t.questions[i]!;
      tally.answered++;
      if ((a.results.find((r) => r.id === q.id)?.credit ?? 0) === 1) {
        tally.right++;
        return;
      }
      const count = (label: string) => tally.wrong.set(label, (tally.wrong.get(label) ?? 0) + 1);
      if (q.kind === "text") count(normalizeText(given[0] ?? ""));
      else
        for (const id of given) {
          const choice = t.choices.get(q.id)?.get(id);
          if (choice && !choice.correct) count(choice.label);
        }
    });
  };
  const result = (): QuizStats[] =>
    [...tallies.values()].map((t) => ({
      id: t.quiz.id,
      attempts: t.attempts,
      learners: t.learners.size,
      averageScore: t.attempts ? t.scores / t.attempts : null,
      firstAttemptPassRate: t.firsts ? t.firstsPassed / t.firsts : null,
      questions: t.quiz.questions.map((q, i): QuestionStats => {
        const { answered, right, wrong } = t.questions[i]!;
        const worst = [...wrong.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
        return {
          id: q.id,
          prompt: t.shown?.questions.find((x) => x.id === q.id)?.prompt ?? q.prompt,
          answered,
          shareCorrect: answered ? right / answered : null,
          mostChosenWrong: worst ? { label: worst[0], count: worst[1] } : null,
        };
      }),
    }));
  return { add, result };
}

/** A choice as counted: whether it is right, and its label in the reader's language where that can be told. */
type Choice = { label: string; correct: boolean };

/** For each question: every version's choice id, mapped to the choice it stands for (see quizStats). */
function choicesByIdAcrossVersions(
  quiz: QuizDefinition,
  versions: readonly QuizDefinition[],
  shown: QuizDefinition | undefined,
): Map<string, Map<string, Choice>> {
  const byQuestion = new Map<string, Map<string, Choice>>();
  for (const q of quiz.questions) {
    if (q.kind === "text") continue;
    // The original's choices, worded as the reader's version words them when it keeps their places.
    const s = shown?.questions.find((x) => x.id === q.id);
    const inReaderWords =
      s && s.kind !== "text" && sameChoiceLayout(q, s) ? q.choices.map((c, i) => ({ label: s.choices[i]!.label, correct: c.correct })) : q.choices;
    const ids = new Map<string, Choice>();
    // Answers stored before choice ids stopped depending on position are counted by the id they had then.
    const name = (c: { id: string; legacyId?: string }, as: Choice) => {
      ids.set(c.id, as);
      if (c.legacyId) ids.set(c.legacyId, as);
    };
    q.choices.forEach((c, i) => name(c, inReaderWords[i]!));
    for (const version of versions) {
      const v = version.questions.find((x) => x.id === q.id);
      if (!v || v.kind === "text") continue;
      const parallel = sameChoiceLayout(q, v);
      v.choices.forEach((c, i) => name(c, parallel ? inReaderWords[i]! : c));
    }
    byQuestion.set(q.id, ids);
  }
  return byQuestion;
}
