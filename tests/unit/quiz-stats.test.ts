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
    {
      id: "s",
      kind: "single",
      prompt: "Who?",
      partialCredit: false,
      line: 1,
      choices: [
        { id: "a", label: "Manager", correct: false },
        { id: "b", label: "Members", correct: true },
        { id: "c", label: "Board", correct: false },
      ],
    },
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
    const [stats] = quizStats(
      [quiz],
      [row(1, 1, "a", "board", [0, 0]), row(1, 2, "b", "AGM", [1, 1]), row(2, 1, "a", "agm ", [0, 1]), row(3, 1, "c", "Board ", [0, 0])],
    );
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

  it("counts answers given in another language under the original's choices, and a reordered version under its own", () => {
    const single = quiz.questions[0]!;
    if (single.kind === "text") throw new Error("the fixture's first question has choices");
    // The same quiz in another language: the first question's prompt and choices translated.
    const version = (prompt: string, choices: [string, string, boolean][]): QuizDefinition => ({
      ...quiz,
      questions: [{ ...single, prompt, choices: choices.map(([id, label, correct]) => ({ id, label, correct })) }, quiz.questions[1]!],
    });
    const french = version("Qui ?", [
      ["fa", "La gérante", false],
      ["fb", "Les membres", true],
      ["fc", "Le conseil", false],
    ]);
    const reordered = version("Nani?", [
      ["sb", "Wanachama", true],
      ["sa", "Meneja", false],
      ["sc", "Bodi", false],
    ]);
    const rows = [row(1, 1, "c", "AGM", [0, 1]), row(2, 1, "fc", "AGM", [0, 1]), row(3, 1, "fc", "AGM", [0, 1]), row(4, 1, "fa", "AGM", [0, 1])];
    const [stats] = quizStats([quiz], rows, { translations: [french] });
    expect(stats!.questions[0]).toMatchObject({ answered: 4, shareCorrect: 0, mostChosenWrong: { label: "Board", count: 3 } });
    // Without the French version, its choices are not recognised (what the page did before).
    expect(quizStats([quiz], rows)[0]!.questions[0]!.mostChosenWrong).toEqual({ label: "Board", count: 1 });
    // The Swahili version lists the right answer first: its choices cannot be matched by place, so they keep their labels.
    const [mixed] = quizStats([quiz], [row(1, 1, "sa", "AGM", [0, 1]), row(2, 1, "sa", "AGM", [0, 1]), row(3, 1, "a", "AGM", [0, 1])], {
      translations: [french, reordered],
    });
    expect(mixed!.questions[0]!.mostChosenWrong).toEqual({ label: "Meneja", count: 2 });
    // A French reader sees the same figures in the French version's words.
    const [inFrench] = quizStats([quiz], rows, { translations: [french], shownIn: [french] });
    expect(inFrench!.questions[0]).toMatchObject({ prompt: "Qui ?", answered: 4, shareCorrect: 0, mostChosenWrong: { label: "Le conseil", count: 3 } });
    expect(inFrench!.questions[1]!.prompt).toBe("Name it"); // the version leaves this prompt as it is
    // A reader whose version reorders the choices sees its prompt, and the original's choices in the original's words.
    const [inSwahili] = quizStats([quiz], rows, { translations: [french, reordered], shownIn: [reordered] });
    expect(inSwahili!.questions[0]).toMatchObject({ prompt: "Nani?", mostChosenWrong: { label: "Board", count: 3 } });
  });
});
