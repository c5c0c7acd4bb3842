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
import { getDb, openDatabase } from "~/db/client.server";
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
  const liveCode = codeAt(1);
  codeAt(PASSWORD_CODE_LIFETIME_MS / DAY + 1); // expired unused
  const usedCode = codeAt(2);
  expect(await redeemPasswordCode(db, { userId: user.id, code: usedCode, password: "a-new-password", now: new Date(now - DAY) })).toBe(true);
  const session = (createdDaysAgo: number) => {
    const token = generateSessionToken();
    createSession(db, token, user.id, now - createdDaysAgo * DAY);
    return token;
  };
  const live = session(1);
  session(SESSION_LIFETIME_MS / DAY + 1);
  session(SESSION_LIFETIME_MS / DAY + 30);
  session(SESSION_LIFETIME_MS / DAY); // expires exactly now, which validation already refuses
  const sessionsLeft = () => db.select({ n: count() }).from(sessions).get()!.n;
  const codesLeft = () => db.select({ n: count() }).from(passwordCodes).get()!.n;
  expect([sessionsLeft(), codesLeft()]).toEqual([4, 3]);

  expect(tidy(db, new Date(now))).toEqual({ sessions: 3, passwordCodes: 2, loginCounters: 0, auditEntries: 0 });
  expect([sessionsLeft(), codesLeft()]).toEqual([1, 1]);
  expect(validateSessionToken(db, live, now)?.user.id).toBe(user.id);
  expect(await redeemPasswordCode(db, { userId: user.id, code: usedCode, password: "another-password", now: new Date(now) })).toBe(false);
  expect(await redeemPasswordCode(db, { userId: user.id, code: liveCode, password: "another-password", now: new Date(now) })).toBe(true);
  expect(tidy(db, new Date(now))).toEqual({ sessions: 0, passwordCodes: 1, loginCounters: 0, auditEntries: 0 }); // now used (its redeeming ended the session)
  expect(tidy(db, new Date(now))).toEqual({ sessions: 0, passwordCodes: 0, loginCounters: 0, auditEntries: 0 });
});

it("forgets failed log-in counters only once their window and lock are over", () => {
  const db = getDb();
  const now = Date.parse("2026-11-30T12:00:00Z");
  const min = 60_000;
  const keysFor = (email: string) => throttleKeys(email, undefined);
  recordFailure(db, keysFor("old-typo@example.org"), now - 16 * min); // window over, never locked
  // Window begun 16 min ago (over), its last failure 1.5 min ago locked the account until 13.5 min from now.
  recordFailure(db, keysFor("locked@example.org"), now - 16 * min);
  for (let i = 1; i < LIMITS.account; i++) recordFailure(db, keysFor("locked@example.org"), now - 1.5 * min);
  for (let i = 0; i < LIMITS.account; i++) recordFailure(db, keysFor("was-locked@example.org"), now - 40 * min + i); // lock ended 10 min ago
  recordFailure(db, keysFor("recent@example.org"), now - 2 * min); // window still open
  expect(tidy(db, new Date(now)).loginCounters).toBe(2);
  expect(
    db
      .select({ key: loginThrottle.key })
      .from(loginThrottle)
      .all()
      .map((r) => r.key)
      .sort(),
  ).toEqual(["account:locked@example.org", "account:recent@example.org"]);
  expect(lockedFor(db, keysFor("locked@example.org"), now)).toBeGreaterThan(0); // still locked
  for (let i = 1; i < LIMITS.account; i++) recordFailure(db, keysFor("recent@example.org"), now); // its window still counts the first failure
  expect(lockedFor(db, keysFor("recent@example.org"), now)).toBeGreaterThan(0);
});

it("deletes audit entries older than AUDIT_KEEP_DAYS only when a deployment sets it", () => {
  const db = getDb();
  const now = Date.parse("2026-11-30T12:00:00Z");
  db.delete(auditLog).run();
  for (const daysAgo of [400, 366, 364, 10]) audit(db, { by: null, action: "org-add", detail: `${daysAgo} days ago`, at: new Date(now - daysAgo * DAY) });
  expect(tidy(db, new Date(now)).auditEntries).toBe(0); // kept for ever by default
  expect(tidy(db, new Date(now), { auditKeepDays: 365 }).auditEntries).toBe(2);
  expect(
    db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .all()
      .map((r) => r.detail)
      .sort(),
  ).toEqual(["10 days ago", "364 days ago"]);
});

it("runs when started, then on its timer, and stops", async () => {
  const db = getDb();
  const user = await createUser(db, { email: "timer@example.org", name: "Timer", password: "timer-password" });
  createSession(db, generateSessionToken(), user.id, Date.now() - SESSION_LIFETIME_MS - DAY);
  const started = startHousekeeping(() => db, {}, 20);
  expect(started.first.sessions).toBeGreaterThanOrEqual(1);
  createSession(db, generateSessionToken(), user.id, Date.now() - SESSION_LIFETIME_MS - DAY);
  await new Promise((r) => setTimeout(r, 80));
  expect(db.select({ n: count() }).from(sessions).get()!.n).toBe(0);
  started.stop();
  createSession(db, generateSessionToken(), user.id, Date.now() - SESSION_LIFETIME_MS - DAY);
  await new Promise((r) => setTimeout(r, 80));
  expect(db.select({ n: count() }).from(sessions).get()!.n).toBe(1);
});

it("campus db tidy says what it removed", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "campus-tidy-")), "x.db");
  const db = openDatabase(file);
  const user = await createUser(db, { email: "cli@example.org", name: "CLI", password: "cli-password" });
  createSession(db, generateSessionToken(), user.id, Date.now() - SESSION_LIFETIME_MS - DAY);
  createSession(db, generateSessionToken(), user.id);
  db.$client.close();
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "cli/campus.ts", "db", "tidy"], {
    env: { ...process.env, DATABASE_URL: file },
  });
  expect(stdout.trim()).toBe(
    "removed 1 expired session(s), 0 used or expired one-time code(s), 0 stale failed log-in counter(s) and 0 audit log entries older than AUDIT_KEEP_DAYS",
  );
});
