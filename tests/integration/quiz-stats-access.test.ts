import { describe, expect, it } from "vitest";
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
});
