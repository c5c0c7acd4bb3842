/** The coordinator's page for one learner: what it names things by. */
import { expect, it } from "vitest";
import { loadCatalog } from "~/catalog/catalog.server";
import { getDb, rawAll, rawGet } from "~/db/client.server";
import { users } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { rightAnswers } from "~/quizzes/grading";
import * as learnerRoute from "~/routes/dashboard.learners.$id";
import { eq } from "drizzle-orm";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { coop as coopNamed, coordinator as coordinatorOf, learner as learnerOf, member } from "../support/factories";

it("names each quiz attempt by its module's title, in the coordinator's language, not by the author's quiz id", async () => {
  const db = getDb();
  const course = (await loadCatalog({ contentDir: "tests/fixtures/content-good" })).courses.get("sample-course")!;
  const module = course.modules.find((m) => m.quizzes.length)!;
  const coop = await coopNamed("Page SACCO");
  const learner = await learnerOf(coop);
  await enrol(db, learner.user.id, course);
  await submitAttempt(db, {
    userId: learner.user.id,
    course,
    module,
    quiz: module.quizzes[0]!,
    answers: rightAnswers(module.quizzes[0]!),
    idempotencyKey: "learner-page-key-0001",
  });
  const coordinator = await coordinatorOf(coop);

  const page = async () => {
    const r = await statusOf(() =>
      learnerRoute.loader(routeArgs(coordinator.request(`/dashboard/learners/${learner.user.id}`), { id: String(learner.user.id) }) as never),
    );
    return r.body as { attempts: { quiz: string; course: string }[] };
  };
  expect((await page()).attempts.map((a) => a.quiz)).toEqual(["Second module"]);
  await db.update(users).set({ locale: "fr" }).where(eq(users.id, coordinator.user.id));
  expect((await page()).attempts.map((a) => a.quiz)).toEqual(["Deuxième module"]);
});

it("a coordinator takes a learner off a co-op in their scope, never off another's; learning stays", async () => {
  const db = getDb();
  const course = (await loadCatalog({ contentDir: "tests/fixtures/content-good" })).courses.get("sample-course")!;
  const org = (name: string, parentId: number | null = null) => coopNamed(name, { parentId });
  const federation = await org("Leave Federation");
  const [coopA, coopB, outside] = [await org("Leave A", federation), await org("Leave B", federation), await org("Leave Outside")];
  const learner = await signedIn();
  for (const o of [coopA, coopB, outside]) await member(learner.user.id, o, "learner");
  await enrol(db, learner.user.id, course);
  const coordinator = await coordinatorOf(federation);
  const stranger = await coordinatorOf(await org("Leave Elsewhere"));
  const leave = (who: typeof coordinator, organisationId: number) =>
    statusOf(() =>
      learnerRoute.action(
        routeArgs(
          who.request(`/dashboard/learners/${learner.user.id}`, {
            method: "POST",
            body: new URLSearchParams({ intent: "leaveCoop", organisationId: String(organisationId) }),
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          }),
          { id: String(learner.user.id) },
        ) as never,
      ),
    );
  const coopsOnPage = async () =>
    (
      (
        await statusOf(() =>
          learnerRoute.loader(routeArgs(coordinator.request(`/dashboard/learners/${learner.user.id}`), { id: String(learner.user.id) }) as never),
        )
      ).body as { coops: { name: string }[] }
    ).coops.map((c) => c.name);

  expect(await coopsOnPage()).toEqual(["Leave A", "Leave B"]); // not the co-op outside the coordinator's scope
  expect((await leave(stranger, coopA)).status).toBe(404);
  expect((await leave(coordinator, outside)).status).toBe(404);
  expect(await leave(coordinator, coopA)).toMatchObject({ status: 302, location: `/dashboard/learners/${learner.user.id}` });
  expect((await leave(coordinator, coopA)).status).toBe(404); // already off it
  expect(await coopsOnPage()).toEqual(["Leave B"]);
  // Off the last co-op in scope: to the co-op's page, since the learner's page is no longer the coordinator's to see.
  expect(await leave(coordinator, coopB)).toMatchObject({ status: 302, location: `/dashboard/coops/${coopB}` });
  const kept = await rawGet(db, {
    text: "select (select count(*) from enrolments where user_id = ?) enrolments, (select count(*) from memberships where user_id = ?) memberships",
    params: [learner.user.id, learner.user.id],
  });
  expect(kept).toEqual({ enrolments: 1, memberships: 1 });
  const log = await rawAll(db, { text: "select action, actor_id, organisation_id from audit_log where subject_id = ? order by id", params: [learner.user.id] });
  expect(log).toEqual([
    { action: "role-remove", actor_id: coordinator.user.id, organisation_id: coopA },
    { action: "role-remove", actor_id: coordinator.user.id, organisation_id: coopB },
  ]);
});
