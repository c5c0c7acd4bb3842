/**
 * Passwords after the first: changing one's own, and a new one-time code
 * from a coordinator or an admin for someone who forgot theirs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { redeemPasswordCode } from "~/auth/password-codes.server";
import { changePassword, issueResetCode } from "~/auth/password-reset.server";
import { mayIssueCode } from "~/access/rules.server";
import { verifyPassword } from "~/auth/passwords.server";
import { createSession, generateSessionToken, validateSessionToken } from "~/auth/sessions.server";
import { createUser } from "~/auth/users.server";
import { getDb, sqliteConnection } from "~/db/client.server";
import type { Scope } from "~/reports/reports.server";
import * as learnerRoute from "~/routes/dashboard.learners.$id";
import * as settingsRoute from "~/routes/settings";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { coop, coordinator as coordinatorOf, member as membership, trainerOf } from "../support/factories";

const db = () => getDb();
let n = 0;
const person = (options: { admin?: boolean } = {}) =>
  createUser(db(), { email: `reset${++n}@example.org`, name: `Reset ${n}`, password: "old-password", isAdmin: options.admin });
const hashOf = (id: number) => (sqliteConnection(db()).prepare("select password_hash h from users where id = ?").get(id) as { h: string }).h;
const session = async (userId: number) => {
  const token = generateSessionToken();
  await createSession(db(), token, userId);
  return token;
};
const alive = async (token: string) => (await validateSessionToken(db(), token)) !== null;

const ids = { coop: 0, other: 0, coordinator: 0 };
let coordinator: Scope;
beforeAll(async () => {
  ids.coop = await coop("Reset SACCO");
  ids.other = await coop("Other SACCO");
  ids.coordinator = (await person()).id;
  await membership(ids.coordinator, ids.coop, "coordinator");
  coordinator = { all: false, coordinatorId: ids.coordinator };
});
const member = async (organisationId: number, role: "learner" | "trainer" | "coordinator" = "learner", admin = false) => {
  const u = await person({ admin });
  await membership(u.id, organisationId, "learner");
  if (role !== "learner") await membership(u.id, ids.other, role);
  return u;
};

describe("changing one's own password", () => {
  it("needs the current password; then the new one works and every session ends", async () => {
    const u = await person();
    const phone = await session(u.id);
    const laptop = await session(u.id);
    expect(await changePassword(db(), { userId: u.id, current: "wrong-password", next: "new-password-1" })).toBe(false);
    expect(await verifyPassword(hashOf(u.id), "old-password")).toBe(true);
    expect((await alive(phone)) && (await alive(laptop))).toBe(true);

    expect(await changePassword(db(), { userId: u.id, current: "old-password", next: "new-password-1" })).toBe(true);
    expect(await verifyPassword(hashOf(u.id), "new-password-1")).toBe(true);
    expect(await verifyPassword(hashOf(u.id), "old-password")).toBe(false);
    expect((await alive(phone)) || (await alive(laptop))).toBe(false);
  });
});

describe("a new one-time code for someone who forgot", () => {
  it("a coordinator may give one to a plain learner of their co-op, not to anyone outside it", async () => {
    const inside = await member(ids.coop);
    const outside = await member(ids.other);
    expect(await mayIssueCode(db(), coordinator, inside.id)).toBeNull();
    expect(await mayIssueCode(db(), coordinator, outside.id)).toBe("notInScope");
  });

  it("never to an admin, a trainer or a coordinator, even one who learns in the co-op; an admin may", async () => {
    const admin = await member(ids.coop, "learner", true);
    const trainer = await member(ids.coop, "trainer");
    const otherCoordinator = await member(ids.coop, "coordinator");
    const courseTrainer = await member(ids.coop);
    await trainerOf(courseTrainer.id, "sample-course");
    for (const u of [admin, trainer, otherCoordinator, courseTrainer]) {
      expect(await mayIssueCode(db(), coordinator, u.id)).toBe("privileged");
      expect(await mayIssueCode(db(), { all: true }, u.id)).toBeNull();
    }
    expect(await mayIssueCode(db(), { all: true }, 999_999)).toBe("notInScope");
  });

  it("works once, voids the codes issued before it, and ends the account's sessions", async () => {
    const u = await member(ids.coop);
    const stolen = await session(u.id);
    const first = await issueResetCode(db(), u.id, ids.coordinator);
    const second = await issueResetCode(db(), u.id, ids.coordinator);
    expect(second.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(second.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect(await redeemPasswordCode(db(), { userId: u.id, code: first.code, password: "first-password" })).toBe(false);
    expect(await alive(stolen)).toBe(true);
    expect(await redeemPasswordCode(db(), { userId: u.id, code: second.code.toLowerCase(), password: "second-password" })).toBe(true);
    expect(await verifyPassword(hashOf(u.id), "second-password")).toBe(true);
    expect(await alive(stolen)).toBe(false);
    expect(await redeemPasswordCode(db(), { userId: u.id, code: second.code, password: "third-password" })).toBe(false);
  });
});

describe("the routes", () => {
  const post = (fields: Record<string, string>) => ({
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const context = () => ({ cspNonce: "", clientAddress: "127.0.0.1" });

  it("settings: a wrong current password is refused on its field; the right one changes it and keeps only this browser signed in", async () => {
    const me = await signedIn();
    const elsewhere = await session(me.user.id);
    const wrong = await statusOf(() =>
      settingsRoute.action(
        routeArgs(me.request("/settings", post({ intent: "password", current: "nope", password: "brand-new-pass" })), {}, context()) as never,
      ),
    );
    expect(wrong.status).toBe(400);
    expect((wrong.body as { fieldErrors: Record<string, string> }).fieldErrors.current).toBe("That is not your current password.");
    expect(JSON.stringify(wrong.body)).not.toContain("nope");
    const short = await statusOf(() =>
      settingsRoute.action(routeArgs(me.request("/settings", post({ intent: "password", current: "password123", password: "short" })), {}, context()) as never),
    );
    expect(short.status).toBe(400);
    expect(await alive(elsewhere)).toBe(true);

    const response = (await settingsRoute.action(
      routeArgs(me.request("/settings", post({ intent: "password", current: "password123", password: "brand-new-pass" })), {}, context()) as never,
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/settings?password=changed");
    const token = /campus_session=([a-z2-7]+)/.exec(response.headers.get("Set-Cookie") ?? "")?.[1];
    expect(token && (await alive(token))).toBe(true);
    expect(await alive(elsewhere)).toBe(false);
    expect(await verifyPassword(hashOf(me.user.id), "brand-new-pass")).toBe(true);
  });

  it("learner page: the coordinator gets a code once, in an answer no cache keeps; others get none", async () => {
    const learner = await member(ids.coop);
    const privileged = await member(ids.coop, "trainer");
    const coord = await coordinatorOf(ids.coop);
    const otherCoord = await coordinatorOf(ids.other);
    const plainLearner = await signedIn();
    const codes = (id: number) => (sqliteConnection(db()).prepare("select count(*) n from password_codes where user_id = ?").get(id) as { n: number }).n;
    const ask = (who: typeof coord, id: number, fields = { intent: "passwordCode" }) =>
      statusOf(() => learnerRoute.action(routeArgs(who.request(`/dashboard/learners/${id}`, post(fields)), { id: String(id) }, context()) as never));

    const page = await statusOf(() =>
      learnerRoute.loader(routeArgs(coord.request(`/dashboard/learners/${learner.id}`), { id: String(learner.id) }, context()) as never),
    );
    expect((page.body as { reset: string }).reset).toBe("allowed");

    expect((await ask(otherCoord, learner.id)).status).toBe(404);
    expect((await ask(plainLearner, learner.id)).status).toBe(403);
    expect((await ask(coord, learner.id, { intent: "something-else" })).status).toBe(400);
    expect((await ask(coord, privileged.id)).status).toBe(403);
    expect(codes(learner.id) + codes(privileged.id)).toBe(0);

    const response = (await learnerRoute.action(
      routeArgs(coord.request(`/dashboard/learners/${learner.id}`, post({ intent: "passwordCode" })), { id: String(learner.id) }, context()) as never,
    )) as {
      data: { ok: true; code: string; login: string };
      init: { headers: Record<string, string> };
    };
    expect(response.data.login).toBe(learner.email);
    expect(response.init.headers["Cache-Control"]).toBe("no-store");
    expect(codes(learner.id)).toBe(1);
    expect(await redeemPasswordCode(db(), { userId: learner.id, code: response.data.code, password: "chosen-again" })).toBe(true);
    const again = await statusOf(() =>
      learnerRoute.loader(routeArgs(coord.request(`/dashboard/learners/${learner.id}`), { id: String(learner.id) }, context()) as never),
    );
    expect(JSON.stringify(again.body)).not.toContain(response.data.code);
  });

  it("learner page: the message to pass on is in the learner's language, with the site's address, their login and the code", async () => {
    const { setLocale } = await import("~/auth/users.server");
    const { getEnv } = await import("~/env.server");
    const learner = await member(ids.coop);
    await setLocale(db(), learner.id, "sw");
    const coord = await coordinatorOf(ids.coop);
    const response = (await learnerRoute.action(
      routeArgs(coord.request(`/dashboard/learners/${learner.id}`, post({ intent: "passwordCode" })), { id: String(learner.id) }, context()) as never,
    )) as { data: { code: string; login: string; message: string; messageLanguage: string; messageLanguageName: string } };
    const { code, login, message } = response.data;
    expect(response.data).toMatchObject({ messageLanguage: "sw", messageLanguageName: "Kiswahili" });
    expect(message).toMatch(/^Namba yako ya mara moja ya Co-op Campus ni /);
    expect(message).toContain(code);
    expect(message).toContain(`${getEnv().origin}/set-password`);
    expect(message).toContain(login);
    expect(message).not.toMatch(/\{\w+\}/);
  });
});
