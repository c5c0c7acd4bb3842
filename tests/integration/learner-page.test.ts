/** The coordinator's page for one learner: what it names things by. */
import { expect, it } from "vitest";
import { loadCatalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { memberships, organisations, users } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { rightAnswers } from "~/quizzes/grading";
import * as learnerRoute from "~/routes/dashboard.learners.$id";
import { eq } from "drizzle-orm";
import { signedIn, statusOf } from "../support/auth";

it("names each quiz attempt by its module's title, in the coordinator's language, not by the author's quiz id", async () => {
  const db = getDb();
  const course = (await loadCatalog({ contentDir: "tests/fixtures/content-good" })).courses.get("sample-course")!;
  const module = course.modules.find((m) => m.quizzes.length)!;
  const coop = db.insert(organisations).values({ name: "Page SACCO", country: "KE", kind: "savings-credit" }).returning().get().id;
  const learner = await signedIn();
  db.insert(memberships).values({ userId: learner.user.id, organisationId: coop, role: "learner" }).run();
  enrol(db, learner.user.id, course);
  submitAttempt(db, { userId: learner.user.id, course, module, quiz: module.quizzes[0]!, answers: rightAnswers(module.quizzes[0]!), idempotencyKey: "learner-page-key-0001" });
  const coordinator = await signedIn();
  db.insert(memberships).values({ userId: coordinator.user.id, organisationId: coop, role: "coordinator" }).run();

  const page = async () => {
    const r = await statusOf(() => learnerRoute.loader({ request: coordinator.request(`/dashboard/learners/${learner.user.id}`), params: { id: String(learner.user.id) }, context: { setCookies: [] } } as never));
    return r.body as { attempts: { quiz: string; course: string }[] };
  };
  expect((await page()).attempts.map((a) => a.quiz)).toEqual(["Second module"]);
  db.update(users).set({ locale: "fr" }).where(eq(users.id, coordinator.user.id)).run();
  expect((await page()).attempts.map((a) => a.quiz)).toEqual(["Deuxième module"]);
});
