import { describe, expect, it } from "vitest";
import { getCatalog, quizzesIn } from "~/catalog/catalog.server";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { loader } from "~/routes/courses.$course.stats";
import { anonymous, signedIn, statusOf } from "../support/auth";

const params = { course: "sample-course" };
const url = "/courses/sample-course/stats";

describe("quiz statistics access", () => {
  it("sends a visitor to log in", async () => {
    const r = await statusOf(() => loader({ request: anonymous(url), params, context: {} }));
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
  });

  it("refuses a learner and a trainer of another course", async () => {
    const learner = await signedIn();
    expect((await statusOf(() => loader({ request: learner.request(url), params, context: {} }))).status).toBe(403);
    const other = await signedIn({ trainerOf: ["draft-course"] });
    expect((await statusOf(() => loader({ request: other.request(url), params, context: {} }))).status).toBe(403);
  });

  it("shows the course's trainer and an admin the statistics, with no answer key", async () => {
    for (const who of [await signedIn({ trainerOf: ["sample-course"] }), await signedIn({ admin: true })]) {
      const r = await statusOf(() => loader({ request: who.request(url), params, context: {} }));
      expect(r.status).toBe(200);
      const body = r.body as { quizzes: { id: string; questions: unknown[] }[] };
      expect(body.quizzes.map((q) => q.id)).toEqual(["sample-quiz"]);
      expect(JSON.stringify(body)).not.toMatch(/"correct"|explanation/);
    }
  });

  it("counts wrong answers given in the French version under the original's choices", async () => {
    const course = (await getCatalog()).courses.get("sample-course")!;
    const module = course.modules.find((m) => m.quizzes.length > 0)!;
    const french = quizzesIn(module, "fr")[0]!;
    const who = french.questions.find((q) => q.id === "who-elects")!;
    if (who.kind === "text") throw new Error("who-elects has choices");
    for (let i = 0; i < 2; i++) {
      const learner = await signedIn();
      enrol(getDb(), learner.user.id, course);
      const outcome = submitAttempt(getDb(), {
        userId: learner.user.id, course, module, quiz: french, idempotencyKey: `french-attempt-key-${i}`,
        answers: { "who-elects": [who.choices.find((c) => c.label === "Le gérant")!.id] },
      });
      expect(outcome.created).toBe(true);
    }
    const trainer = await signedIn({ trainerOf: ["sample-course"] });
    const body = (await statusOf(() => loader({ request: trainer.request(url), params, context: {} }))).body as {
      quizzes: { questions: { id: string; answered: number; mostChosenWrong: { label: string; count: number } | null }[] }[];
    };
    expect(body.quizzes[0]!.questions.find((q) => q.id === "who-elects")).toMatchObject({ answered: 2, mostChosenWrong: { label: "The manager", count: 2 } });

    // A trainer who reads French sees the same figures in the French version's words.
    const frenchTrainer = await signedIn({ trainerOf: ["sample-course"] });
    getDb().update(users).set({ locale: "fr" }).where(eq(users.id, frenchTrainer.user.id)).run();
    const inFrench = (await statusOf(() => loader({ request: frenchTrainer.request(url), params, context: {} }))).body as {
      quizzes: { module: string; language: string; questions: { id: string; prompt: string; answered: number; mostChosenWrong: { label: string; count: number } | null }[] }[];
    };
    expect(inFrench.quizzes[0]).toMatchObject({ module: module.variants.fr!.frontmatter.title, language: "fr" });
    expect(inFrench.quizzes[0]!.questions.find((q) => q.id === "who-elects")).toMatchObject({
      prompt: "Qui élit le conseil ?",
      answered: 2,
      mostChosenWrong: { label: "Le gérant", count: 2 },
    });
  });
});
