import { describe, expect, it } from "vitest";
import type { QuizDefinition } from "~/quizzes/definition";
import { quizStats, type AttemptRow } from "~/quizzes/stats";

const quiz: QuizDefinition = {
  id: "q",
  passMark: 0.5,
  maxAttempts: null,
  shuffle: false,
  line: 1,
  questions: [
    { id: "s", kind: "single", prompt: "Who?", partialCredit: false, line: 1, choices: [
      { id: "a", label: "Manager", correct: false },
      { id: "b", label: "Members", correct: true },
      { id: "c", label: "Board", correct: false },
    ] },
    { id: "t", kind: "text", prompt: "Name it", answers: ["AGM"], line: 2 },
  ],
};

const row = (userId: number, attemptNumber: number, s: string, t: string, credits: [number, number]): AttemptRow => ({
  userId,
  quizId: "q",
  attemptNumber,
  passed: (credits[0] + credits[1]) / 2 >= 0.5,
  score: (credits[0] + credits[1]) / 2,
  answers: { s: [s], t: [t] },
  results: [
    { id: "s", credit: credits[0] },
    { id: "t", credit: credits[1] },
  ],
});

describe("quiz statistics", () => {
  it("counts attempts, learners, first-attempt pass rate, share correct and the most chosen wrong answer", () => {
    const [stats] = quizStats([quiz], [
      row(1, 1, "a", "board", [0, 0]),
      row(1, 2, "b", "AGM", [1, 1]),
      row(2, 1, "a", "agm ", [0, 1]),
      row(3, 1, "c", "Board ", [0, 0]),
    ]);
    expect(stats).toMatchObject({ id: "q", attempts: 4, learners: 3, averageScore: 0.375 });
    expect(stats!.firstAttemptPassRate).toBeCloseTo(1 / 3);
    expect(stats!.questions[0]).toEqual({ id: "s", prompt: "Who?", answered: 4, shareCorrect: 0.25, mostChosenWrong: { label: "Manager", count: 2 } });
    expect(stats!.questions[1]).toMatchObject({ answered: 4, shareCorrect: 0.5, mostChosenWrong: { label: "board", count: 2 } });
  });

  it("reports nothing for a quiz nobody took", () => {
    const [stats] = quizStats([quiz], []);
    expect(stats).toMatchObject({ attempts: 0, learners: 0, averageScore: null, firstAttemptPassRate: null });
    expect(stats!.questions[0]!.shareCorrect).toBeNull();
  });
});
