import { getCatalog } from "~/catalog/catalog.server";

/** The choice ids of the fixture course's quiz (sample-course, module "second"), which depend on their labels. */
export async function sampleQuizChoices() {
  const quiz = (await getCatalog()).courses.get("sample-course")!.modules[1]!.quizzes[0]!;
  const q = (id: string) => quiz.questions.find((x) => x.id === id)! as Extract<(typeof quiz.questions)[number], { choices: unknown }>;
  return {
    whoRight: q("who-elects").choices[1]!.id,
    whoWrong: q("who-elects").choices[0]!.id,
    principle: q("principles").choices[0]!.id,
    yes: q("one-vote").choices[0]!.id,
  };
}
export type SampleQuizChoices = Awaited<ReturnType<typeof sampleQuizChoices>>;

/** A complete submission of that quiz (one of two right principles: 87.5%, a pass), under an idempotency key. */
export const sampleQuizAnswers = (ids: SampleQuizChoices, key: string): [string, string][] => [
  ["intent", "quiz"],
  ["quizId", "sample-quiz"],
  ["attemptKey", key],
  ["q.who-elects", ids.whoRight],
  ["q.principles", ids.principle],
  ["q.one-vote", ids.yes],
  ["q.name-it", "AGM"],
];
