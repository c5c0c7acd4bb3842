/** "Download my data": all of one's own, nobody else's, no secrets, no answer key. */
import { expect, it } from "vitest";
import { loadCatalog } from "~/catalog/catalog.server";
import { getDb, rawAll } from "~/db/client.server";
import { memberships, organisations } from "~/db/schema";
import { enrol, markModuleComplete } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { rightAnswers } from "~/quizzes/grading";
import { issueResetCode } from "~/auth/password-reset.server";
import * as dataRoute from "~/routes/settings_.data[.json]";
import { anonymous, signedIn, statusOf, routeArgs } from "../support/auth";

it("gives the signed-in person their account, co-ops, progress, answers by label and certificates; nothing of anyone else's", async () => {
  const db = getDb();
  const course = (await loadCatalog({ contentDir: "tests/fixtures/content-good" })).courses.get("sample-course")!;
  const [first, second] = course.modules as [(typeof course.modules)[0], (typeof course.modules)[0]];
  const quiz = second.quizzes[0]!;
  const coop = (await db.insert(organisations).values({ name: "Data SACCO", country: "KE", kind: "savings-credit" }).returning())[0]!.id;
  const me = await signedIn();
  const other = await signedIn();
  for (const p of [me, other]) {
    await db.insert(memberships).values({ userId: p.user.id, organisationId: coop, role: "learner" });
    await enrol(db, p.user.id, course);
    await markModuleComplete(db, { userId: p.user.id, course, module: first });
  }
  // A wrong first attempt (the manager; a wrong principle), then a right one that completes the course.
  const wrong = {
    "who-elects": [quiz.questions[0]!.kind === "text" ? "" : quiz.questions[0]!.choices[0]!.id],
    principles: [],
    "one-vote": [],
    "name-it": ["the board"],
  };
  await submitAttempt(db, { userId: me.user.id, course, module: second, quiz, answers: wrong, idempotencyKey: "my-data-key-00000001" });
  await submitAttempt(db, { userId: me.user.id, course, module: second, quiz, answers: rightAnswers(quiz), idempotencyKey: "my-data-key-00000002" });
  await submitAttempt(db, { userId: other.user.id, course, module: second, quiz, answers: rightAnswers(quiz), idempotencyKey: "my-data-key-00000003" });
  await issueResetCode(db, me.user.id, null);

  const response = (await dataRoute.loader(routeArgs(me.request("/settings/data.json"), {}) as never)) as Response;
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="co-op-campus-my-data-\d{4}-\d\d-\d\d\.json"$/);
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  const text = await response.text();
  const data = JSON.parse(text);
  expect(data.account).toMatchObject({ name: me.user.name, email: me.user.email, hasPassword: true });
  expect(data.memberships).toEqual([expect.objectContaining({ organisation: "Data SACCO", role: "learner" })]);
  expect(data.enrolments).toHaveLength(1);
  expect(data.enrolments[0].modulesDone.map((m: { module: string }) => m.module)).toEqual([first.slug, second.slug]);
  expect(data.quizAttempts.map((a: { attempt: number; passed: boolean }) => [a.attempt, a.passed])).toEqual([
    [1, false],
    [2, true],
  ]);
  expect(data.quizAttempts[0].answers[0]).toEqual({ question: "Who elects the board?", answer: ["The manager"], credit: 0 });
  expect(data.certificates).toHaveLength(1);
  expect(data.certificates[0].verify).toMatch(/\/certificates\/[0-9A-Z-]+$/);
  expect(data.signedIn).toEqual({ activeSessions: 1, unusedOneTimeCodes: 1 });

  // Nobody else's data; no secret; no right answer that was not given.
  expect(text).not.toContain(other.user.email);
  expect(text).not.toContain("$argon2");
  const secrets = await rawAll<{ s: string }>(db, {
    text: "select id s from sessions where user_id = ? union all select code_hash from password_codes where user_id = ?",
    params: [me.user.id, me.user.id],
  });
  for (const { s } of secrets) expect(text).not.toContain(s);
  const [firstAttempt] = data.quizAttempts;
  expect(JSON.stringify(firstAttempt)).not.toContain("The members");
  expect(JSON.stringify(firstAttempt)).not.toContain("general assembly");

  expect((await statusOf(() => dataRoute.loader(routeArgs(anonymous("/settings/data.json"), {}) as never))).status).toBe(302);
});
