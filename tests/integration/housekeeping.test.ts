/**
 * Housekeeping deletes only what can never be used again: sessions past
 * their expiry, and one-time codes used or expired. Live sessions and
 * codes stay and keep working; `campus db tidy` does it on demand.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { count } from "drizzle-orm";
import { expect, it } from "vitest";
import { issuePasswordCode, PASSWORD_CODE_LIFETIME_MS, redeemPasswordCode } from "~/auth/password-codes.server";
import { createSession, generateSessionToken, SESSION_LIFETIME_MS, validateSessionToken } from "~/auth/sessions.server";
import { createUser } from "~/auth/users.server";
import { getDb, openDatabase, sqliteConnection } from "~/db/client.server";
import { startHousekeeping, tidy } from "~/server/housekeeping.server";
import { auditLog, loginThrottle, passwordCodes, sessions } from "~/db/schema";
import { audit } from "~/audit/audit.server";
import { LIMITS, lockedFor, recordFailure, throttleKeys } from "~/auth/throttle.server";

const DAY = 86_400_000;

it("removes expired sessions and spent codes, and nothing that still works", async () => {
  const db = getDb();
  const now = Date.parse("2026-11-30T12:00:00Z");
  const user = await createUser(db, { email: "tidy@example.org", name: "Tidy", password: "tidy-password" });
  // Codes first: redeeming one ends every session of the account.
  const codeAt = (daysAgo: number) => db.transaction((tx) => issuePasswordCode(tx, user.id, new Date(now - daysAgo * DAY)));
  const liveCode = await codeAt(1);
  await codeAt(PASSWORD_CODE_LIFETIME_MS / DAY + 1); // expired unused
  const usedCode = await codeAt(2);
  expect(await redeemPasswordCode(db, { userId: user.id, code: usedCode, password: "a-new-password", now: new Date(now - DAY) })).toBe(true);
  const session = async (createdDaysAgo: number) => {
    const token = generateSessionToken();
    await createSession(db, token, user.id, now - createdDaysAgo * DAY);
    return token;
  };
  const live = await session(1);
  await session(SESSION_LIFETIME_MS / DAY + 1);
  await session(SESSION_LIFETIME_MS / DAY + 30);
  await session(SESSION_LIFETIME_MS / DAY); // expires exactly now, which validation already refuses
  const sessionsLeft = async () => (await db.select({ n: count() }).from(sessions))[0]!.n;
  const codesLeft = async () => (await db.select({ n: count() }).from(passwordCodes))[0]!.n;
  expect([await sessionsLeft(), await codesLeft()]).toEqual([4, 3]);

  expect(await tidy(db, new Date(now))).toEqual({ sessions: 3, passwordCodes: 2, loginCounters: 0, auditEntries: 0 });
  expect([await sessionsLeft(), await codesLeft()]).toEqual([1, 1]);
  expect((await validateSessionToken(db, live, now))?.user.id).toBe(user.id);
  expect(await redeemPasswordCode(db, { userId: user.id, code: usedCode, password: "another-password", now: new Date(now) })).toBe(false);
  expect(await redeemPasswordCode(db, { userId: user.id, code: liveCode, password: "another-password", now: new Date(now) })).toBe(true);
  expect(await tidy(db, new Date(now))).toEqual({ sessions: 0, passwordCodes: 1, loginCounters: 0, auditEntries: 0 }); // now used (its redeeming ended the session)
  expect(await tidy(db, new Date(now))).toEqual({ sessions: 0, passwordCodes: 0, loginCounters: 0, auditEntries: 0 });
});

it("forgets failed log-in counters only once their window and lock are over", async () => {
  const db = getDb();
  const now = Date.parse("2026-11-30T12:00:00Z");
  const min = 60_000;
  const keysFor = (email: string) => throttleKeys(email, undefined);
  await recordFailure(db, keysFor("old-typo@example.org"), now - 16 * min); // window over, never locked
  // Window begun 16 min ago (over), its last failure 1.5 min ago locked the account until 13.5 min from now.
  await recordFailure(db, keysFor("locked@example.org"), now - 16 * min);
  for (let i = 1; i < LIMITS.account; i++) await recordFailure(db, keysFor("locked@example.org"), now - 1.5 * min);
  for (let i = 0; i < LIMITS.account; i++) await recordFailure(db, keysFor("was-locked@example.org"), now - 40 * min + i); // lock ended 10 min ago
  await recordFailure(db, keysFor("recent@example.org"), now - 2 * min); // window still open
  expect((await tidy(db, new Date(now))).loginCounters).toBe(2);
  expect((await db.select({ key: loginThrottle.key }).from(loginThrottle)).map((r) => r.key).sort()).toEqual([
    "account:locked@example.org",
    "account:recent@example.org",
  ]);
  expect(await lockedFor(db, keysFor("locked@example.org"), now)).toBeGreaterThan(0); // still locked
  for (let i = 1; i < LIMITS.account; i++) await recordFailure(db, keysFor("recent@example.org"), now); // its window still counts the first failure
  expect(await lockedFor(db, keysFor("recent@example.org"), now)).toBeGreaterThan(0);
});

it("deletes audit entries older than AUDIT_KEEP_DAYS only when a deployment sets it", async () => {
  const db = getDb();
  const now = Date.parse("2026-11-30T12:00:00Z");
  await db.delete(auditLog);
  for (const daysAgo of [400, 366, 364, 10]) await audit(db, { by: null, action: "org-add", detail: `${daysAgo} days ago`, at: new Date(now - daysAgo * DAY) });
  expect((await tidy(db, new Date(now))).auditEntries).toBe(0); // kept for ever by default
  expect((await tidy(db, new Date(now), { auditKeepDays: 365 })).auditEntries).toBe(2);
  expect((await db.select({ detail: auditLog.detail }).from(auditLog)).map((r) => r.detail).sort()).toEqual(["10 days ago", "364 days ago"]);
});

it("runs when started, then on its timer, and stops", async () => {
  const db = getDb();
  const user = await createUser(db, { email: "timer@example.org", name: "Timer", password: "timer-password" });
  await createSession(db, generateSessionToken(), user.id, Date.now() - SESSION_LIFETIME_MS - DAY);
  const started = await startHousekeeping(() => db, {}, 20);
  expect(started.first.sessions).toBeGreaterThanOrEqual(1);
  await createSession(db, generateSessionToken(), user.id, Date.now() - SESSION_LIFETIME_MS - DAY);
  await new Promise((r) => setTimeout(r, 80));
  expect((await db.select({ n: count() }).from(sessions))[0]!.n).toBe(0);
  started.stop();
  await createSession(db, generateSessionToken(), user.id, Date.now() - SESSION_LIFETIME_MS - DAY);
  await new Promise((r) => setTimeout(r, 80));
  expect((await db.select({ n: count() }).from(sessions))[0]!.n).toBe(1);
});

it("campus db tidy says what it removed", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "campus-tidy-")), "x.db");
  const db = openDatabase(file);
  const user = await createUser(db, { email: "cli@example.org", name: "CLI", password: "cli-password" });
  await createSession(db, generateSessionToken(), user.id, Date.now() - SESSION_LIFETIME_MS - DAY);
  await createSession(db, generateSessionToken(), user.id);
  sqliteConnection(db).close();
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "cli/campus.ts", "db", "tidy"], {
    env: { ...process.env, DATABASE_URL: file },
  });
  expect(stdout.trim()).toBe(
    "removed 1 expired session(s), 0 used or expired one-time code(s), 0 stale failed log-in counter(s) and 0 audit log entries older than AUDIT_KEEP_DAYS",
  );
});
