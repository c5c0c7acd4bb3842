/**
 * Limits on guessing passwords and one-time codes, and on sign-ups, kept in
 * the database so that they survive restarts and hold across processes.
 *
 * - Per account (or login): after 5 failures within 15 minutes it locks for
 *   15 minutes, from any address (a guesser cannot spread over many).
 * - Per address: growing delays, not a lock: after 20 failures within 15
 *   minutes, each further one makes the next wait 1 s, 2 s, 4 s... up to a
 *   minute. A co-op office behind one router is slowed, never locked out,
 *   while a guesser from one address gets about a guess a minute.
 *
 * An attempt is counted before the password is checked, in the same
 * transaction as the check for a lock (`beginAttempt`), so parallel guesses
 * cannot all pass the check before any is recorded; a right one then clears
 * its account's counter (`forgive`).
 */
import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { lockFor, withinTransaction, type Db } from "~/db/client.server";
import { loginThrottle } from "~/db/schema";

const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;
const DELAY_MS = { first: 1000, max: 60_000 };
export const LIMITS = { account: 5, address: 20, signUpsPerAddress: 100 } as const;

/** A counter: past `limit` in its window it locks for 15 minutes, or (growing) makes each next try wait longer. */
export type ThrottleKey = { key: string; limit: number; growing?: boolean };

/** The account's counter first (the one a right password clears), then the address's. */
export function throttleKeys(login: string, address: string | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account:${login}`, limit: LIMITS.account }];
  if (address) keys.push({ key: `address:${address}`, limit: LIMITS.address, growing: true });
  return keys;
}

/** Sign-ups from one address: a class signing up together (40 to 60 in a room) is never slowed; past 100 in 15 minutes, a script is, more and more. */
export function signUpKeys(email: string, address: string | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `signup:${email}`, limit: LIMITS.account }];
  if (address) keys.push({ key: `signup-address:${address}`, limit: LIMITS.signUpsPerAddress, growing: true });
  return keys;
}

/**
 * Counts one attempt under every key before it is checked, unless one of them is locked: then nothing is counted
 * and the answer is how long to wait. One transaction, so that parallel attempts are counted one after another.
 */
export async function beginAttempt(db: Db, keys: ThrottleKey[], now = Date.now()): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  return withinTransaction(db, async (tx) => {
    await lockFor(tx, ...keys.map((k) => `throttle:${k.key}`));
    const wait = await lockedFor(tx, keys, now);
    if (wait > 0) return { ok: false as const, retryAfterSeconds: wait };
    await recordFailure(tx, keys, now);
    return { ok: true as const };
  });
}

/**
 * A right password or code: the account's counter starts afresh, and the attempt counted beforehand under the
 * other keys (the address's) is taken back, so that a class logging in from one router is never slowed by its
 * own successes.
 */
export async function forgive(db: Db, keys: ThrottleKey[]) {
  const [account, ...others] = keys;
  await withinTransaction(db, async (tx) => {
    await lockFor(tx, ...keys.map((k) => `throttle:${k.key}`));
    if (account) await clearFailures(tx, account.key);
    for (const { key, limit } of others) {
      await tx
        .update(loginThrottle)
        .set({
          failures: sql`case when ${loginThrottle.failures} > 0 then ${loginThrottle.failures} - 1 else 0 end`,
          lockedUntil: sql`case when ${loginThrottle.failures} - 1 >= ${limit} then ${loginThrottle.lockedUntil} else null end`,
        })
        .where(eq(loginThrottle.key, key));
    }
  });
}

/** Seconds until a log-in may be tried again, or 0 when it may be tried now. */
export async function lockedFor(db: Db, keys: ThrottleKey[], now = Date.now()): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    );
  let until = 0;
  for (const r of rows) if (r.lockedUntil && r.lockedUntil.getTime() > now) until = Math.max(until, r.lockedUntil.getTime());
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export async function recordFailure(db: Db, keys: ThrottleKey[], now = Date.now()) {
  await withinTransaction(db, async (tx) => {
    await lockFor(tx, ...keys.map((k) => `throttle:${k.key}`));
    for (const { key, limit, growing } of keys) {
      const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key));
      const fresh = !row || now - row.windowStartedAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const lockMs = growing ? Math.min(DELAY_MS.first * 2 ** (failures - limit), DELAY_MS.max) : LOCK_MS;
      const lockedUntil = failures >= limit ? new Date(now + lockMs) : null;
      await tx
        .insert(loginThrottle)
        .values({ key, failures, windowStartedAt: fresh ? new Date(now) : row.windowStartedAt, lockedUntil })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: { failures, windowStartedAt: fresh ? new Date(now) : row.windowStartedAt, lockedUntil },
        });
    }
  });
}

export async function clearFailures(db: Db, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/**
 * Wrong current passwords on a signed-in person's own forms (changing the
 * password, closing the account), counted per account and address as at
 * log-in: a session left open is no way to guess the password.
 */
export function ownPasswordAttempts(db: Db, userId: number, address: string | undefined) {
  const keys = throttleKeys(`change:${userId}`, address);
  return {
    /** Counts this try before the password is checked; how long to wait instead, if the limit is reached. */
    begin: () => beginAttempt(db, keys),
    right: () => forgive(db, keys),
  };
}

/**
 * Counters that no longer count: their window is over and any lock has
 * ended, so a next failure starts afresh whether the row is there or not.
 * Deleted by housekeeping: every mistyped or made-up email leaves one.
 */
export async function forgetStaleFailures(db: Db, now = Date.now()): Promise<number> {
  const gone = await db
    .delete(loginThrottle)
    .where(
      and(lt(loginThrottle.windowStartedAt, new Date(now - WINDOW_MS)), or(isNull(loginThrottle.lockedUntil), lte(loginThrottle.lockedUntil, new Date(now)))),
    )
    .returning({ key: loginThrottle.key });
  return gone.length;
}
