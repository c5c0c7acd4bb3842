import type { QuizDefinition } from "~/quizzes/definition";
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

/** The fixture quiz's answers as the domain takes them (question id → choice ids or text): all right, or all wrong. */
export function sampleQuizAnswerSets(quiz: QuizDefinition) {
  const choice = (qid: string, label: string) => {
    const q = quiz.questions.find((x) => x.id === qid)!;
    if (q.kind === "text") throw new Error("text");
    return q.choices.find((c) => c.label === label)!.id;
  };
  return {
    choice,
    right: () => ({
      "who-elects": [choice("who-elects", "The members")],
      principles: [choice("principles", "Democratic member control"), choice("principles", "Concern for community")],
      "one-vote": [choice("one-vote", "True")],
      "name-it": ["General Assembly"],
    }),
    wrong: () => ({
      "who-elects": [choice("who-elects", "The manager")],
      principles: [choice("principles", "Maximum profit for investors")],
      "one-vote": [choice("one-vote", "False")],
      "name-it": ["the board"],
    }),
  };
}
