import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { loadCatalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { enrol, recordModuleComplete } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { overview, table, weeklyCompletions, type Scope } from "~/reports/reports.server";
import { coop, member } from "../support/factories";

const all: Scope = { all: true };
let coordinator: Scope;

beforeAll(async () => {
  const db = getDb();
  const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  const sample = catalog.courses.get("sample-course")!;
  const limited = catalog.courses.get("limited-course")!;
  const ke = await coop("R-KE");
  const cm = await coop("R-CM", { country: "CM", kind: "agricultural" });
  const person = async (n: string, org: number) => {
    const u = await createUser(db, { email: `${n}@example.org`, name: n, password: "password123" });
    await member(u.id, org, "learner");
    return u;
  };
  const day = (d: string) => new Date(`${d}T10:00:00Z`);
  // KE: one completed (with a quiz at 100%), one in progress, one not started; CM: one completed.
  const done = await person("done", ke);
  await enrol(db, done.id, sample, day("2026-03-02"));
  await recordModuleComplete(db, { userId: done.id, course: sample, module: sample.modules[0]!, now: day("2026-03-03") });
  await recordModuleComplete(db, { userId: done.id, course: sample, module: sample.modules[1]!, now: day("2026-03-04") });
  const q = limited.modules[0]!.quizzes[0]!;
  const right = (q.questions[0] as { choices: { id: string; correct: boolean }[] }).choices.find((c) => c.correct)!.id;
  await enrol(db, done.id, limited, day("2026-03-02"));
  await submitAttempt(db, {
    userId: done.id,
    course: limited,
    module: limited.modules[0]!,
    quiz: q,
    answers: { pick: [right] },
    idempotencyKey: "report-key-0000001",
    now: day("2026-03-05"),
  });
  const half = await person("half", ke);
  await enrol(db, half.id, sample, day("2026-03-02"));
  await recordModuleComplete(db, { userId: half.id, course: sample, module: sample.modules[0]!, now: day("2026-03-03") });
  const none = await person("none", ke);
  await enrol(db, none.id, sample, day("2026-03-09"));
  const cmDone = await person("cm", cm);
  await enrol(db, cmDone.id, sample, day("2026-03-02"));
  for (const m of sample.modules) await recordModuleComplete(db, { userId: cmDone.id, course: sample, module: m, now: day("2026-03-11") });
  const coord = await createUser(db, { email: "coord@example.org", name: "C", password: "password123" });
  await member(coord.id, ke, "coordinator");
  coordinator = { all: false, coordinatorId: coord.id };
});

describe("report figures", () => {
  it("count learners, enrolments, states, completion, certificates and scores in scope", async () => {
    expect(await overview(getDb(), coordinator, {})).toEqual({
      learners: 3,
      enrolments: 4,
      notStarted: 1,
      inProgress: 1,
      completed: 2,
      completionRate: 0.5,
      certificates: 2,
      averageScore: 1,
    });
    expect(await overview(getDb(), all, {})).toMatchObject({ learners: 4, enrolments: 5, completed: 3, certificates: 3 });
    expect(await overview(getDb(), all, { country: "CM" })).toMatchObject({ learners: 1, enrolments: 1, completed: 1 });
    expect(await overview(getDb(), coordinator, { course: "sample-course" })).toMatchObject({ enrolments: 3, completed: 1, notStarted: 1, inProgress: 1 });
    expect(await overview(getDb(), coordinator, { from: "2026-03-09", to: "2026-03-09" })).toMatchObject({ enrolments: 1, notStarted: 1 });
  });

  it("break down by co-op, country and course, sorted as asked", async () => {
    const coops = await table(getDb(), all, { sort: "completed", dir: "desc" }, "coops");
    // "In progress" means what it means in the overview: begun, not finished (not started is neither).
    expect(coops.find((r) => r.label === "R-KE")).toMatchObject({ enrolled: 4, inProgress: 1, completed: 2 });
    expect(coops.map((r) => [r.label, r.learners, r.enrolled, r.completed])).toEqual([
      ["R-KE", 3, 4, 2],
      ["R-CM", 1, 1, 1],
    ]);
    expect((await table(getDb(), coordinator, {}, "countries")).map((r) => [r.key, r.learners])).toEqual([["KE", 3]]);
    const courses = await table(getDb(), all, {}, "courses");
    expect(courses.find((r) => r.key === "sample-course")).toMatchObject({ enrolled: 4, completed: 2, completionRate: 0.5 });
  });

  it("count completions per week, Monday to Sunday", async () => {
    const weeks = await weeklyCompletions(getDb(), all, { from: "2026-03-02", to: "2026-03-15" });
    expect(weeks.map((w) => [new Date(w.weekStart).toISOString().slice(0, 10), w.completed])).toEqual([
      ["2026-03-02", 2],
      ["2026-03-09", 1],
    ]);
  });
});
