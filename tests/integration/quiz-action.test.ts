import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getCatalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { quizAttempts, users } from "~/db/schema";
import { action as enrolAction } from "~/routes/courses.$course._index";
import { action, loader } from "~/routes/courses.$course.$module";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { sampleQuizAnswers, sampleQuizChoices, type SampleQuizChoices } from "../support/sample-quiz";

type Person = Awaited<ReturnType<typeof signedIn>>;
const url = "/courses/sample-course/second";
const params = { course: "sample-course", module: "second" };

let ids: SampleQuizChoices;
beforeAll(async () => {
  ids = await sampleQuizChoices();
});

function post(person: Person, fields: [string, string][], path = url) {
  const body = new URLSearchParams(fields);
  return person.request(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}
const complete = (key: string) => sampleQuizAnswers(ids, key);
async function enrolled(course = "sample-course") {
  const p = await signedIn();
  const r = await statusOf(() => enrolAction(routeArgs(post(p, [["intent", "enrol"]], `/courses/${course}`), { course })));
  expect(r.status).toBe(302);
  return p;
}
const stored = async (p: Person) => (await getDb().select({ n: count() }).from(quizAttempts).where(eq(quizAttempts.userId, p.user.id)))[0]!.n;
const run = (p: Person, fields: [string, string][], prm = params, path = url) => statusOf(() => action(routeArgs(post(p, fields, path), prm)));

describe("quiz action: bad input gets a 4xx with a message and stores nothing", () => {
  it("a learner who is not enrolled: 403", async () => {
    const p = await signedIn();
    const r = await run(p, complete("not-enrolled-key-123"));
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, message: expect.stringMatching(/Enrol/) });
    expect(await stored(p)).toBe(0);
  });

  it("an unknown quiz: 404", async () => {
    const p = await enrolled();
    const r = await run(
      p,
      complete("unknown-quiz-key-123").map(([k, v]) => [k, k === "quizId" ? "no-such-quiz" : v] as [string, string]),
    );
    expect(r.status).toBe(404);
    expect(await stored(p)).toBe(0);
  });

  it("an unknown question, a foreign choice, a missing answer: 400 with messages per question", async () => {
    const p = await enrolled();
    const unknown = await run(p, [...complete("unknown-question-1"), ["q.nope", ids.whoRight]]);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ message: expect.stringMatching(/no question "nope"/) });
    const foreign = await run(
      p,
      complete("foreign-choice-123").map(([k, v]) => [k, k === "q.principles" ? ids.whoRight : v] as [string, string]),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ errors: { principles: expect.stringMatching(/does not belong/) } });
    const missing = await run(
      p,
      complete("missing-answer-123").filter(([k]) => k !== "q.name-it"),
    );
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ errors: { "name-it": "Write an answer." } });
    const noIntent = await run(p, [["quizId", "sample-quiz"]]);
    expect(noIntent.status).toBe(400);
    const forged = await run(p, complete("<script>alert(1)</script>"));
    expect(forged.status).toBe(400);
    expect(await stored(p)).toBe(0);
  });

  it("a quiz after its last allowed attempt: 409, and the first attempt stays the only one", async () => {
    const p = await enrolled("limited-course");
    const prm = { course: "limited-course", module: "once" };
    const path = "/courses/limited-course/once";
    const quiz = (await getCatalog()).courses.get("limited-course")!.modules[0]!.quizzes[0]!;
    const q = quiz.questions[0] as Extract<(typeof quiz.questions)[number], { choices: unknown }>;
    const fields = (key: string, choice: string): [string, string][] => [
      ["intent", "quiz"],
      ["quizId", "once"],
      ["attemptKey", key],
      ["q.pick", choice],
    ];
    expect((await run(p, fields("first-attempt-key-1", q.choices[1]!.id), prm, path)).status).toBe(200);
    const second = await run(p, fields("second-attempt-key-1", q.choices[0]!.id), prm, path);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ message: "You have used your only attempt at this quiz." });
    expect(await stored(p)).toBe(1);
  });

  it("a good submission is graded (partial credit: one of two right principles), stored once, and never reveals a key in the loader data", async () => {
    const p = await enrolled();
    const before = await statusOf(() => loader(routeArgs(p.request(url), params)));
    expect(JSON.stringify(before.body)).not.toMatch(/"correct"|explanation|The members, at the general assembly/);
    const r = await run(p, complete("good-submission-123"));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, result: { score: 0.875, passed: true, attemptNumber: 1, moduleCompleted: true } });
    const again = await run(p, complete("good-submission-123"));
    expect(again.body).toMatchObject({ ok: true, result: { attemptNumber: 1 } });
    expect(await stored(p)).toBe(1);
  });
});

describe("quiz action: a translated quiz is graded against the version the learner was shown", () => {
  const french = async () => {
    const variant = (await getCatalog()).courses.get("sample-course")!.modules[1]!.variants.fr!;
    const quiz = variant.quizzes[0]!;
    const q = (id: string) => quiz.questions.find((x) => x.id === id)! as Extract<(typeof quiz.questions)[number], { choices: unknown }>;
    return {
      who: q("who-elects").choices[1]!.id,
      principles: [q("principles").choices[0]!.id, q("principles").choices[1]!.id],
      yes: q("one-vote").choices[0]!.id,
    };
  };
  const inFrench = (key: string, fr: { who: string; principles: string[]; yes: string }, language = "fr"): [string, string][] => [
    ["intent", "quiz"],
    ["quizId", "sample-quiz"],
    ["attemptKey", key],
    ["language", language],
    ["q.who-elects", fr.who],
    ...fr.principles.map((id): [string, string] => ["q.principles", id]),
    ["q.one-vote", fr.yes],
    ["q.name-it", "Assemblee generale"],
  ];

  it("a French page shows the French questions, and French answers pass", async () => {
    const p = await enrolled();
    await getDb().update(users).set({ locale: "fr" }).where(eq(users.id, p.user.id)); // the learner's own setting
    const page = await statusOf(() => loader(routeArgs(p.request(url), params)));
    const shown = page.body as { language: string; quizzes: { questions: { prompt: string }[] }[] };
    expect(shown.language).toBe("fr");
    expect(shown.quizzes[0]!.questions[0]!.prompt).toBe("Qui élit le conseil ?");
    const r = await run(p, inFrench("french-attempt-key-1", await french()));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, result: { score: 1, passed: true } });
    expect(await stored(p)).toBe(1);
  });

  it("French choices graded as English do not match: 400, nothing stored", async () => {
    const p = await enrolled();
    const r = await run(p, inFrench("french-as-english-1", await french(), "en"));
    expect(r.status).toBe(400);
    expect(await stored(p)).toBe(0);
  });

  it("an unknown language: 400, nothing stored", async () => {
    const p = await enrolled();
    const r = await run(p, inFrench("bad-language-key-1", await french(), "xx"));
    expect(r.status).toBe(400);
    expect(await stored(p)).toBe(0);
  });
});

describe("quiz action: problems with the answers are told in the learner's language", () => {
  it("a French learner who left questions out reads why in French; nothing stored", async () => {
    const p = await enrolled();
    await getDb().update(users).set({ locale: "fr" }).where(eq(users.id, p.user.id));
    const r = await run(p, [
      ["intent", "quiz"],
      ["quizId", "sample-quiz"],
      ["attemptKey", "french-missing-key-1"],
      ["language", "fr"],
    ]);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      ok: false,
      // French typography: a narrow no-break space before the colon.
      message: "Certaines questions attendent une réponse\u202f: voir ci-dessous.",
      errors: { "who-elects": "Choisissez une réponse.", principles: "Choisissez au moins une réponse.", "name-it": "Écrivez une réponse." },
    });
    expect(await stored(p)).toBe(0);
  });
});

describe("quiz action: a refusal is told in the learner's language", () => {
  it("a French learner who is not enrolled: 403 in French", async () => {
    const p = await signedIn();
    await getDb().update(users).set({ locale: "fr" }).where(eq(users.id, p.user.id));
    const r = await run(p, complete("not-enrolled-fr-key-1"));
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, message: "Inscrivez-vous au cours pour répondre à ses quiz." });
    expect(await stored(p)).toBe(0);
  });
});
