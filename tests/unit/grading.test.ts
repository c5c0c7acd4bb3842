import { describe, expect, it } from "vitest";
import type { QuizDefinition } from "~/quizzes/definition";
import { gradeQuestion, gradeQuiz, normalizeText, parseSubmission, rightAnswers, shuffled } from "~/quizzes/grading";

const single = {
  id: "s",
  kind: "single" as const,
  prompt: "?",
  partialCredit: false,
  line: 1,
  choices: [
    { id: "a", label: "A", correct: false },
    { id: "b", label: "B", correct: true },
  ],
};
const multiple = (partialCredit: boolean) => ({
  id: "m",
  kind: "multiple" as const,
  prompt: "?",
  partialCredit,
  line: 1,
  choices: [
    { id: "a", label: "A", correct: true },
    { id: "b", label: "B", correct: true },
    { id: "c", label: "C", correct: false },
    { id: "d", label: "D", correct: true },
  ],
});
const truefalse = {
  id: "t",
  kind: "truefalse" as const,
  prompt: "?",
  partialCredit: false,
  line: 1,
  choices: [
    { id: "yes", label: "True", correct: false },
    { id: "no", label: "False", correct: true },
  ],
};
const text = { id: "x", kind: "text" as const, prompt: "?", answers: ["Assemblée générale", "AGM"], line: 1 };

const quiz: QuizDefinition = { id: "q", passMark: 0.75, maxAttempts: null, shuffle: false, line: 1, questions: [single, multiple(false), truefalse, text] };

describe("rightAnswers", () => {
  it("gives full marks on every kind of question", () => {
    expect(rightAnswers(quiz)).toEqual({ s: ["b"], m: ["a", "b", "d"], t: ["no"], x: ["Assemblée générale"] });
    expect(gradeQuiz(quiz, rightAnswers(quiz))).toMatchObject({ score: 1, passed: true });
  });
});

describe("grading each kind", () => {
  it("single: one point for the right choice only", () => {
    expect(gradeQuestion(single, ["b"])).toBe(1);
    expect(gradeQuestion(single, ["a"])).toBe(0);
    expect(gradeQuestion(single, ["a", "b"])).toBe(0);
    expect(gradeQuestion(single, [])).toBe(0);
  });

  it("truefalse: like single", () => {
    expect(gradeQuestion(truefalse, ["no"])).toBe(1);
    expect(gradeQuestion(truefalse, ["yes"])).toBe(0);
  });

  it("multiple, all-or-nothing: exactly the right set", () => {
    expect(gradeQuestion(multiple(false), ["a", "b", "d"])).toBe(1);
    expect(gradeQuestion(multiple(false), ["d", "a", "b"])).toBe(1);
    expect(gradeQuestion(multiple(false), ["a", "b"])).toBe(0);
    expect(gradeQuestion(multiple(false), ["a", "b", "c", "d"])).toBe(0);
  });

  it("multiple, partial credit: right minus wrong over the number right, never below zero", () => {
    expect(gradeQuestion(multiple(true), ["a", "b", "d"])).toBe(1);
    expect(gradeQuestion(multiple(true), ["a", "b"])).toBeCloseTo(2 / 3);
    expect(gradeQuestion(multiple(true), ["a", "b", "c"])).toBeCloseTo(1 / 3);
    expect(gradeQuestion(multiple(true), ["c"])).toBe(0);
    expect(gradeQuestion(multiple(true), ["a", "c"])).toBe(0);
  });

  it("text: ignores case, accents and surrounding or repeated spaces", () => {
    expect(gradeQuestion(text, ["assemblee generale"])).toBe(1);
    expect(gradeQuestion(text, ["  ASSEMBLÉE   Générale "])).toBe(1);
    expect(gradeQuestion(text, ["agm"])).toBe(1);
    expect(gradeQuestion(text, ["assemblee"])).toBe(0);
    expect(gradeQuestion(text, ["   "])).toBe(0);
    expect(normalizeText("Ẓ̌ ñ  É")).toBe("z n e");
  });
});

describe("grading a quiz", () => {
  it("scores points over questions and passes at the pass mark", () => {
    const all = gradeQuiz(quiz, { s: ["b"], m: ["a", "b", "d"], t: ["no"], x: ["agm"] });
    expect(all).toMatchObject({ score: 1, points: 4, maxPoints: 4, passed: true });
    const three = gradeQuiz(quiz, { s: ["b"], m: ["a"], t: ["no"], x: ["agm"] });
    expect(three).toMatchObject({ score: 0.75, passed: true });
    expect(three.questions.map((q) => q.correct)).toEqual([true, false, true, true]);
    const two = gradeQuiz(quiz, { s: ["a"], m: ["a"], t: ["no"], x: ["agm"] });
    expect(two).toMatchObject({ score: 0.5, passed: false });
  });

  it("passes exactly at a pass mark that floating point cannot represent", () => {
    const five = {
      ...quiz,
      passMark: 0.8,
      questions: [single, { ...single, id: "s2" }, { ...single, id: "s3" }, { ...single, id: "s4" }, { ...single, id: "s5" }],
    };
    expect(gradeQuiz(five, { s: ["b"], s2: ["b"], s3: ["b"], s4: ["b"], s5: ["a"] }).passed).toBe(true);
  });
});

describe("reading a submission", () => {
  const form = (pairs: [string, string][]) => pairs;

  it("accepts a complete, well-formed submission", () => {
    const r = parseSubmission(
      quiz,
      form([
        ["intent", "quiz"],
        ["q.s", "b"],
        ["q.m", "a"],
        ["q.m", "d"],
        ["q.t", "yes"],
        ["q.x", "agm"],
      ]),
    );
    expect(r).toEqual({ ok: true, answers: { s: ["b"], m: ["a", "d"], t: ["yes"], x: ["agm"] } });
  });

  it("refuses missing answers, foreign choices, unknown questions and two answers to a single question", () => {
    const r = parseSubmission(
      quiz,
      form([
        ["q.s", "a"],
        ["q.s", "b"],
        ["q.m", "zzz"],
        ["q.nope", "a"],
        ["q.x", " "],
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.form).toMatch(/no question "nope"/);
    expect(r.errors.questions).toEqual({
      s: "Choose only one answer.",
      m: expect.stringMatching(/does not belong/),
      t: "Choose an answer.",
      x: "Write an answer.",
    });
  });

  it("refuses an oversized text answer", () => {
    const r = parseSubmission(
      quiz,
      form([
        ["q.s", "b"],
        ["q.m", "a"],
        ["q.t", "no"],
        ["q.x", "x".repeat(501)],
      ]),
    );
    expect(r.ok).toBe(false);
  });
});

describe("shuffle", () => {
  it("is a stable permutation for a seed", () => {
    const items = ["a", "b", "c", "d", "e", "f"];
    const one = shuffled(items, "seed-1");
    expect(shuffled(items, "seed-1")).toEqual(one);
    expect([...one].sort()).toEqual(items);
    const orders = new Set(Array.from({ length: 20 }, (_, i) => shuffled(items, `s${i}`).join("")));
    expect(orders.size).toBeGreaterThan(1);
  });
});
