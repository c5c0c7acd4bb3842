import { describe, expect, it } from "vitest";
import { completableByHand, nextModule, progressOf } from "~/learning/rules";

describe("progress rules", () => {
  it("counts only the modules the course requires now", () => {
    expect(progressOf(["a", "b", "c", "d"], new Set(["a", "c", "removed"]))).toEqual({ done: 2, total: 4, percent: 50, complete: false });
    expect(progressOf(["a", "b"], new Set(["a", "b"]))).toMatchObject({ percent: 100, complete: true });
    expect(progressOf([], new Set())).toMatchObject({ percent: 0, complete: false });
  });

  it("finds the next module to do", () => {
    const modules = [{ slug: "a" }, { slug: "b" }, { slug: "c" }];
    expect(nextModule(modules, new Set(["a"]))?.slug).toBe("b");
    expect(nextModule(modules, new Set(["a", "c"]))?.slug).toBe("b");
    expect(nextModule(modules, new Set(["a", "b", "c"]))).toBeUndefined();
  });

  it("lets a learner complete by hand only a module without a quiz", () => {
    expect(completableByHand({ quizzes: [] })).toBe(true);
    expect(completableByHand({ quizzes: [{}] })).toBe(false);
  });
});
