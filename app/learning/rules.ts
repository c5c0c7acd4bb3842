/** Pure rules of progress: no database, no catalog I/O. */

export type Progress = { done: number; total: number; percent: number; complete: boolean };

/** How far a learner is through the modules a course requires now. */
export function progressOf(required: readonly string[], completed: ReadonlySet<string>): Progress {
  const total = required.length;
  const done = required.filter((slug) => completed.has(slug)).length;
  return { done, total, percent: total === 0 ? 0 : Math.round((done / total) * 100), complete: total > 0 && done === total };
}

/** The first required module not yet complete, or undefined when all are. */
export function nextModule<T extends { slug: string }>(modules: readonly T[], completed: ReadonlySet<string>): T | undefined {
  return modules.find((m) => !completed.has(m.slug));
}

/**
 * Whether a module may be marked complete by the learner's own click: only
 * modules without a quiz. A module with a quiz completes when its quiz is passed.
 */
export function completableByHand(module: { quizzes: readonly unknown[] }): boolean {
  return module.quizzes.length === 0;
}
