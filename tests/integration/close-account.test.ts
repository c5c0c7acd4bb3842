/**
 * Closing an account at its holder's request: everything that names the
 * person goes (name, login, password, sessions, codes, memberships, roles,
 * the name and hashed email on certificates, which are revoked); what others'
 * figures need stays, unnamed (enrolments, progress, quiz attempts). The
 * password confirms it; an admin's account closes only from the command line.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq, like, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { beforeAll, describe, expect, it } from "vitest";
import { recentAudit } from "~/audit/audit.server";
import { CLOSED_CERTIFICATE_REASON, closeAccount, closeOwnAccount, NO_NAME } from "~/auth/close-account.server";
import { issuePasswordCode } from "~/auth/password-codes.server";
import { createSession, generateSessionToken, validateSessionToken } from "~/auth/sessions.server";
import { ownPasswordAttempts, recordFailure, throttleKeys } from "~/auth/throttle.server";
import { createUser, findUserByLogin } from "~/auth/users.server";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { signPending } from "~/certificates/issue.server";
import { getDb, openDatabase, sqliteConnection } from "~/db/client.server";
import { certificates, courseTrainers, enrolments, loginThrottle, memberships, passwordCodes, quizAttempts, sessions, users } from "~/db/schema";
import { enrol, markModuleComplete } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { rightAnswers } from "~/quizzes/grading";
import { table } from "~/reports/reports.server";
import * as credentialRoute from "~/routes/certificates.$code.credential[.json]";
import * as learnerRoute from "~/routes/dashboard.learners.$id";
import * as settingsRoute from "~/routes/settings";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { coop, coordinator as coordinatorOf, member, trainerOf } from "../support/factories";

let catalog: Catalog;
let n = 0;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
});

/** A learner of a co-op who finished the sample course (a signed certificate), trains it, and has a session, a code and a failed log-in. */
async function busyLearner(password = "learner-password") {
  const db = getDb();
  const course = catalog.courses.get("sample-course")!;
  const email = `closing${++n}@example.org`;
  const user = await createUser(db, { email, name: `Wanjiru Closing ${n}`, password });
  const org = await coop(`Closing SACCO ${n}`);
  await member(user.id, org, "learner");
  await trainerOf(user.id, course.slug);
  await enrol(db, user.id, course);
  await markModuleComplete(db, { userId: user.id, course, module: course.modules[0]! });
  const quiz = course.modules[1]!.quizzes[0]!;
  await submitAttempt(db, {
    userId: user.id,
    course,
    module: course.modules[1]!,
    quiz,
    answers: rightAnswers(quiz),
    idempotencyKey: `close-test-key-${n}-0000`,
  });
  await signPending(db, catalog.courses);
  const token = generateSessionToken();
  await createSession(db, token, user.id);
  await db.transaction((tx) => issuePasswordCode(tx, user.id));
  await recordFailure(db, throttleKeys(email, undefined));
  await ownPasswordAttempts(db, user.id, undefined).begin(); // a try of the current password in settings, counted before it is checked
  return { user, email, org, token };
}

const rows = async (t: SQLiteTable, where: SQL) => (await getDb().select({ n: count() }).from(t).where(where))[0]!.n;

describe("closeAccount", () => {
  it("removes what names the person, revokes their certificates and keeps their learning unnamed", async () => {
    const db = getDb();
    const { user, email, org, token } = await busyLearner();
    const coopLearners = async () => (await table(db, { all: true }, {}, "coops")).find((r) => r.key === String(org))?.learners ?? 0;
    expect(await coopLearners()).toBe(1);
    const [certBefore] = await db.select().from(certificates).where(eq(certificates.userId, user.id));
    expect(certBefore!.credential).not.toBeNull();

    expect(await closeAccount(db, { userId: user.id, by: user.id, now: new Date("2026-11-30T10:00:00Z") })).toBe(true);

    const row = (await db.select().from(users).where(eq(users.id, user.id)))[0]!;
    expect(row).toMatchObject({ name: `Closed account #${user.id}`, email: null, username: null, passwordHash: null, isAdmin: false });
    expect(row.closedAt?.toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(await findUserByLogin(db, email)).toBeUndefined();
    expect(await validateSessionToken(db, token)).toBeNull();
    expect(await rows(sessions, eq(sessions.userId, user.id))).toBe(0);
    expect(await rows(passwordCodes, eq(passwordCodes.userId, user.id))).toBe(0);
    expect(await rows(memberships, eq(memberships.userId, user.id))).toBe(0);
    expect(await rows(courseTrainers, eq(courseTrainers.userId, user.id))).toBe(0);
    expect(await rows(loginThrottle, eq(loginThrottle.key, `account:${email}`))).toBe(0);
    expect(await rows(loginThrottle, like(loginThrottle.key, `%change:${user.id}`))).toBe(0);
    expect(await coopLearners()).toBe(0); // the report totals followed the membership

    const cert = (await db.select().from(certificates).where(eq(certificates.userId, user.id)))[0]!;
    expect(cert).toMatchObject({
      learnerName: NO_NAME,
      identityHash: "",
      identitySalt: "",
      credential: null,
      revokedReason: CLOSED_CERTIFICATE_REASON,
      revokedBy: user.id,
    });
    expect(JSON.stringify(cert)).not.toContain("Wanjiru");
    await signPending(db, catalog.courses); // a revoked certificate is not signed again
    expect((await db.select().from(certificates).where(eq(certificates.userId, user.id)))[0]!.credential).toBeNull();
    const credential = (await credentialRoute.loader(
      routeArgs(new Request(`http://localhost/certificates/${cert.code}/credential.json`), { code: cert.code }) as never,
    )) as Response;
    expect(credential.status).toBe(410);

    // The learning stays, for the course figures and quiz statistics, without a name.
    expect(await rows(enrolments, eq(enrolments.userId, user.id))).toBe(1);
    expect(await rows(quizAttempts, eq(quizAttempts.userId, user.id))).toBe(1);
    expect((await recentAudit(db, 5))[0]).toMatchObject({
      action: "account-close",
      actor: `Closed account #${user.id}`,
      subject: `Closed account #${user.id}`,
      detail: "1 certificate(s) revoked",
    });
    expect(await closeAccount(db, { userId: user.id, by: null })).toBe(false); // already closed
  });

  it("keeps an earlier revocation's reason and date", async () => {
    const db = getDb();
    const { user } = await busyLearner();
    await db
      .update(certificates)
      .set({ revokedAt: new Date("2026-06-01T00:00:00Z"), revokedReason: "issued in error" })
      .where(eq(certificates.userId, user.id));
    await closeAccount(db, { userId: user.id, by: null });
    expect((await db.select().from(certificates).where(eq(certificates.userId, user.id)))[0]).toMatchObject({
      revokedReason: "issued in error",
      revokedAt: new Date("2026-06-01T00:00:00Z"),
      learnerName: NO_NAME,
    });
  });
});

describe("closeOwnAccount", () => {
  it("needs the right password and is refused for admins", async () => {
    const db = getDb();
    const { user } = await busyLearner("right-password");
    expect(await closeOwnAccount(db, { userId: user.id, password: "wrong-password" })).toBe("wrong-password");
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.closedAt).toBeNull();
    const admin = await createUser(db, { email: `close-admin${++n}@example.org`, name: "Admin", password: "admin-password", isAdmin: true });
    expect(await closeOwnAccount(db, { userId: admin.id, password: "admin-password" })).toBe("admin");
    expect((await db.select().from(users).where(eq(users.id, admin.id)))[0]!.closedAt).toBeNull();
    expect(await closeOwnAccount(db, { userId: user.id, password: "right-password" })).toBe("closed");
    expect(await closeOwnAccount(db, { userId: user.id, password: "right-password" })).toBe("wrong-password"); // nothing left to close
  });
});

describe("the settings form", () => {
  const post = (fields: Record<string, string>) => ({
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const context = () => ({ cspNonce: "", clientAddress: "127.0.0.1" });

  it("asks for the password and the tick, then signs this browser out and says so on the home page", async () => {
    const me = await signedIn();
    const act = (fields: Record<string, string>) =>
      statusOf(() => settingsRoute.action(routeArgs(me.request("/settings", post({ intent: "close", ...fields })), {}, context()) as never));
    expect(await act({ closePassword: "password123" })).toMatchObject({
      status: 400,
      body: { fieldErrors: { confirm: "Tick the box to confirm that you want to close your account." }, values: { form: "close" } },
    });
    expect(await act({ closePassword: "not-it", confirm: "on" })).toMatchObject({
      status: 400,
      body: { fieldErrors: { closePassword: "That is not your current password." } },
    });
    const response = (await settingsRoute.action(
      routeArgs(me.request("/settings", post({ intent: "close", closePassword: "password123", confirm: "on" })), {}, context()) as never,
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/?closed=1");
    expect(response.headers.get("Set-Cookie")).toMatch(/campus_session=;.*Max-Age=0/);
    expect(response.headers.get("Clear-Site-Data")).toBe('"cache"');
    expect((await getDb().select().from(users).where(eq(users.id, me.user.id)))[0]!.closedAt).not.toBeNull();
    // The old cookie opens nothing any more.
    expect((await statusOf(() => settingsRoute.loader(routeArgs(me.request("/settings"), {}, context()) as never))).status).toBe(302);
  });
});

it("counts wrong passwords as a password change does: after five, even the right one waits", async () => {
  const me = await signedIn();
  const ctx = { cspNonce: "", clientAddress: "127.0.0.2" };
  const act = (password: string) =>
    statusOf(() =>
      settingsRoute.action(
        routeArgs(
          me.request("/settings", {
            method: "POST",
            body: new URLSearchParams({ intent: "close", closePassword: password, confirm: "on" }),
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          }),
          {},
          ctx,
        ) as never,
      ),
    );
  for (let i = 0; i < 5; i++) expect((await act("guess-" + i)).status).toBe(400);
  expect(await act("password123")).toMatchObject({ status: 429, body: { values: { form: "close" } } });
  expect((await getDb().select().from(users).where(eq(users.id, me.user.id)))[0]!.closedAt).toBeNull();
});

describe("the learner's page, for admins", () => {
  const post = (fields: Record<string, string>) => ({
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const ctx = () => ({ cspNonce: "", clientAddress: "127.0.0.3" });
  const act = (who: Awaited<ReturnType<typeof signedIn>>, id: number, fields: Record<string, string>) =>
    statusOf(() => learnerRoute.action(routeArgs(who.request(`/dashboard/learners/${id}`, post(fields)), { id: String(id) }, ctx()) as never));
  const view = (who: Awaited<ReturnType<typeof signedIn>>, id: number) =>
    statusOf(() => learnerRoute.loader(routeArgs(who.request(`/dashboard/learners/${id}`), { id: String(id) }, ctx()) as never));

  it("closes a learner's account on their request, never an admin's or the admin's own, and only for admins", async () => {
    const db = getDb();
    const { user, org } = await busyLearner();
    const admin = await signedIn({ admin: true });
    const otherAdmin = await signedIn({ admin: true });
    const coordinator = await coordinatorOf(org);

    expect((await view(coordinator, user.id)).body).toMatchObject({ close: null }); // coordinators see no closing form
    expect(await act(coordinator, user.id, { intent: "closeAccount", confirm: "on" })).toMatchObject({ status: 403, body: { values: { form: "close" } } });
    expect((await view(admin, user.id)).body).toMatchObject({ close: "allowed", closedOn: null });
    expect((await view(admin, otherAdmin.user.id)).body).toMatchObject({ close: "elsewhere" });
    expect(await act(admin, otherAdmin.user.id, { intent: "closeAccount", confirm: "on" })).toMatchObject({ status: 409 });
    expect(await act(admin, admin.user.id, { intent: "closeAccount", confirm: "on" })).toMatchObject({ status: 409 });
    expect(await act(admin, user.id, { intent: "closeAccount" })).toMatchObject({
      status: 400,
      body: { fieldErrors: { confirm: "Tick the box to confirm that the person asked for this." } },
    });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.closedAt).toBeNull();

    expect(await act(admin, user.id, { intent: "closeAccount", confirm: "on" })).toMatchObject({ status: 302, location: `/dashboard/learners/${user.id}` });
    expect((await recentAudit(db, 100)).filter((e) => e.action === "account-close" && e.subject === `Closed account #${user.id}`)).toMatchObject([
      { actor: admin.user.name },
    ]);
    const page = (await view(admin, user.id)).body as { learner: { name: string }; closedOn: string | null; close: unknown };
    expect(page).toMatchObject({ learner: { name: `Closed account #${user.id}` }, close: null });
    expect(page.closedOn).not.toBeNull();
    expect((await act(admin, user.id, { intent: "passwordCode" })).status).toBe(409); // no code for a closed account
    expect((await view(coordinator, user.id)).status).toBe(404); // off the co-op, so out of the coordinator's scope
  });
});

it("campus user close asks for --yes, then closes any account, admins too", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "campus-close-")), "x.db");
  const db = openDatabase(file);
  await createUser(db, { email: "root@example.org", name: "Root", password: "root-password", isAdmin: true });
  sqliteConnection(db).close();
  const campus = (...args: string[]) =>
    promisify(execFile)(process.execPath, ["--import", "tsx", "cli/campus.ts", ...args], { env: { ...process.env, DATABASE_URL: file } }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  const unsure = await campus("user", "close", "--login", "root@example.org");
  expect(unsure.code).not.toBe(0);
  expect(unsure.out).toContain("add --yes");
  const sure = await campus("user", "close", "--login", "root@example.org", "--yes");
  expect(sure).toMatchObject({ code: 0 });
  expect(sure.out).toMatch(/^closed account #1 \(Root\)/);
  const check = openDatabase(file);
  expect((await check.select().from(users))[0]).toMatchObject({ email: null, isAdmin: false, name: "Closed account #1" });
  sqliteConnection(check).close();
});
