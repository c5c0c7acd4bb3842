/**
 * What SQLite's single writer made safe stays safe with many writers (issue 29). On SQLite these hold because one
 * transaction runs at a time; on PostgreSQL (the "postgres" project) the same calls run at once on a pool of
 * connections, and hold because of unique constraints and the locks the domain takes (lockFor).
 */
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { logIn } from "~/auth/auth.server";
import { hashingQueue } from "~/auth/passwords.server";
import { LIMITS } from "~/auth/throttle.server";
import { createUser } from "~/auth/users.server";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { certificates, joinCodes, memberships, moduleProgress, quizAttempts } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import { addMember, createJoinCode, redeemJoinCode } from "~/orgs/orgs.server";
import { table } from "~/reports/reports.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { coop } from "../support/factories";
import { sampleQuizAnswerSets } from "../support/sample-quiz";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
});
const course = () => catalog.courses.get("sample-course")!;
const module2 = () => course().modules[1]!;
const quiz = () => module2().quizzes[0]!;
const right = () => sampleQuizAnswerSets(quiz()).right();
let n = 0;
const person = async () => createUser(getDb(), { email: `racer${++n}@example.org`, name: `Racer ${n}`, password: "password123" });

describe("many writers at once", () => {
  it("forty guesses at one password sent at once: at most the limit are checked", async () => {
    await createUser(getDb(), { email: "guessed@example.org", name: "Guessed", password: "the real one" });
    const before = hashingQueue().verified;
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => logIn(new Request("http://localhost/login"), "guessed@example.org", `guess ${i}`, `10.7.${i}.1`)),
    );
    expect(hashingQueue().verified - before).toBeLessThanOrEqual(LIMITS.account);
    expect(outcomes.filter((o) => !o.ok && o.reason === "throttled").length).toBeGreaterThanOrEqual(40 - LIMITS.account);
  });

  it("ten submissions of one quiz at once: numbered 1 to 10, each stored once, the module's completion recorded once", async () => {
    const u = await person();
    await enrol(getDb(), u.id, course());
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitAttempt(getDb(), {
          userId: u.id,
          course: course(),
          module: module2(),
          quiz: quiz(),
          answers: right(),
          idempotencyKey: `race-${n}-${i}-abcdefghij`,
        }),
      ),
    );
    expect(outcomes.map((o) => o.attempt.attemptNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const [stored] = await getDb().select({ n: count() }).from(quizAttempts).where(eq(quizAttempts.userId, u.id));
    expect(stored!.n).toBe(10);
    const [progress] = await getDb()
      .select({ n: count() })
      .from(moduleProgress)
      .where(and(eq(moduleProgress.enrolmentId, outcomes[0]!.attempt.enrolmentId), eq(moduleProgress.moduleSlug, module2().slug)));
    expect(progress!.n).toBe(1);
  });

  it("one submission resent five times at once (the offline queue's resends) is stored once", async () => {
    const u = await person();
    await enrol(getDb(), u.id, course());
    const key = `resent-${n}-abcdefghij`;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        submitAttempt(getDb(), { userId: u.id, course: course(), module: module2(), quiz: quiz(), answers: right(), idempotencyKey: key }),
      ),
    );
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.attempt.id)).size).toBe(1);
    const [stored] = await getDb().select({ n: count() }).from(quizAttempts).where(eq(quizAttempts.userId, u.id));
    expect(stored!.n).toBe(1);
  });

  it("a join code for two people, entered by five at once: two join, and its count says two", async () => {
    const org = await coop(`Race co-op ${++n}`);
    const code = await createJoinCode(getDb(), { organisationId: org, createdBy: null, courseSlugs: ["sample-course"], maxUses: 2, expiresAt: null });
    const people = await Promise.all(Array.from({ length: 5 }, () => person()));
    const outcomes = await Promise.allSettled(people.map((p) => redeemJoinCode(getDb(), { code: code.code, user: p, courses: catalog.courses })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2);
    for (const o of outcomes) if (o.status === "rejected") expect((o.reason as Error).constructor.name).toBe("JoinCodeError");
    const [row] = await getDb().select().from(joinCodes).where(eq(joinCodes.id, code.id));
    expect(row!.uses).toBe(2);
    const [joined] = await getDb().select({ n: count() }).from(memberships).where(eq(memberships.organisationId, org));
    expect(joined!.n).toBe(2);
  });

  it("one person entering the same join code three times at once counts as one use", async () => {
    const org = await coop(`Race co-op ${++n}`);
    const code = await createJoinCode(getDb(), { organisationId: org, createdBy: null, courseSlugs: [], maxUses: null, expiresAt: null });
    const p = await person();
    await Promise.all(Array.from({ length: 3 }, () => redeemJoinCode(getDb(), { code: code.code, user: p, courses: catalog.courses })));
    const [row] = await getDb().select().from(joinCodes).where(eq(joinCodes.id, code.id));
    expect(row!.uses).toBe(1);
  });

  it("completing the last module from two tabs at once issues one certificate", async () => {
    const u = await person();
    await enrol(getDb(), u.id, course());
    const { recordModuleComplete } = await import("~/learning/enrolment.server");
    for (const m of course()
      .modules.filter((m) => !m.draft)
      .slice(0, -1))
      await recordModuleComplete(getDb(), { userId: u.id, course: course(), module: m });
    const last = course()
      .modules.filter((m) => !m.draft)
      .at(-1)!;
    const outcomes = await Promise.all([0, 1].map(() => recordModuleComplete(getDb(), { userId: u.id, course: course(), module: last })));
    expect(outcomes.filter((o) => o.courseCompletedNow)).toHaveLength(1);
    const [issued] = await getDb().select({ n: count() }).from(certificates).where(eq(certificates.userId, u.id));
    expect(issued!.n).toBe(1);
  });

  it("a person joining a co-op while enrolling, twenty at once: the co-op and country totals count every enrolment", async () => {
    const org = await coop(`Totals co-op ${++n}`, { country: "CM" });
    const people = await Promise.all(Array.from({ length: 20 }, () => person()));
    // Each person's membership and enrolment are written by two transactions at the same moment.
    await Promise.all(
      people.flatMap((p) => [addMember(getDb(), { userId: p.id, organisationId: org, role: "learner" }, null), enrol(getDb(), p.id, course())]),
    );
    const scope = { all: true } as const;
    for (const name of ["coops", "countries"] as const) {
      const fromTotals = (await table(getDb(), scope, {}, name, 500)).map((r) => [r.key, r.learners, r.enrolled]);
      const recounted = (await table(getDb(), scope, {}, name, 500, { live: true })).map((r) => [r.key, r.learners, r.enrolled]);
      expect(fromTotals).toEqual(recounted);
    }
    const row = (await table(getDb(), scope, {}, "coops", 500)).find((r) => String(r.key) === String(org));
    expect(row?.enrolled).toBe(20);
  });

  it("an enrolment written while the person's new membership is not yet committed still counts in the co-op's totals", async () => {
    const org = await coop(`Totals co-op ${++n}`, { country: "CM" });
    const p = await person();
    let inserted!: () => void;
    const membershipWritten = new Promise<void>((resolve) => (inserted = resolve));
    // The membership's transaction stays open a moment after its insert; the enrolment is written in that moment.
    const joining = getDb().transaction(async (tx) => {
      await tx.insert(memberships).values({ userId: p.id, organisationId: org, role: "learner" });
      inserted();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await Promise.race([membershipWritten, joining]);
    await Promise.all([joining, enrol(getDb(), p.id, course())]);
    const scope = { all: true } as const;
    const fromTotals = (await table(getDb(), scope, {}, "coops", 500)).find((r) => String(r.key) === String(org));
    const recounted = (await table(getDb(), scope, {}, "coops", 500, { live: true })).find((r) => String(r.key) === String(org));
    expect(recounted?.enrolled).toBe(1);
    expect(fromTotals?.enrolled).toBe(1);
  });
});
