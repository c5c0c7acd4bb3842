/**
 * Failed log-in limits, per account and per address, kept in SQLite so they
 * survive restarts. An account locks for 15 minutes after 5 failures within
 * 15 minutes; an address after 30 (a co-op office shares one address).
 */
import { and, eq, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { loginThrottle } from "~/db/schema";

const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;
export const LIMITS = { account: 5, address: 30 } as const;

export type ThrottleKey = { key: string; limit: number };

export function throttleKeys(email: string, address: string | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account:${email}`, limit: LIMITS.account }];
  if (address) keys.push({ key: `address:${address}`, limit: LIMITS.address });
  return keys;
}

/** Seconds until a log-in may be tried again, or 0 when it may be tried now. */
export function lockedFor(db: Db, keys: ThrottleKey[], now = Date.now()): number {
  if (keys.length === 0) return 0;
  const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys.map((k) => k.key))).all();
  let until = 0;
  for (const r of rows) if (r.lockedUntil && r.lockedUntil.getTime() > now) until = Math.max(until, r.lockedUntil.getTime());
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export function recordFailure(db: Db, keys: ThrottleKey[], now = Date.now()) {
  db.transaction((tx) => {
    for (const { key, limit } of keys) {
      const row = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
      const fresh = !row || now - row.windowStartedAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const lockedUntil = failures >= limit ? new Date(now + LOCK_MS) : null;
      tx.insert(loginThrottle)
        .values({ key, failures, windowStartedAt: fresh ? new Date(now) : row.windowStartedAt, lockedUntil })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: { failures, windowStartedAt: fresh ? new Date(now) : row.windowStartedAt, lockedUntil },
        })
        .run();
    }
  });
}

export function clearFailures(db: Db, key: string) {
  db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}

/**
 * Wrong current passwords on a signed-in person's own forms (changing the
 * password, closing the account), counted per account and address as at
 * log-in: a session left open is no way to guess the password.
 */
export function ownPasswordAttempts(db: Db, userId: number, address: string | undefined) {
  const keys = throttleKeys(`change:${userId}`, address);
  return {
    /** Seconds before another try, or 0. */
    wait: () => lockedFor(db, keys),
    wrong: () => recordFailure(db, keys),
    right: () => clearFailures(db, keys[0]!.key),
  };
}

/**
 * Counters that no longer count: their window is over and any lock has
 * ended, so a next failure starts afresh whether the row is there or not.
 * Deleted by housekeeping: every mistyped or made-up email leaves one.
 */
export function forgetStaleFailures(db: Pick<Db, "delete">, now = Date.now()): number {
  return db
    .delete(loginThrottle)
    .where(and(lt(loginThrottle.windowStartedAt, new Date(now - WINDOW_MS)), or(isNull(loginThrottle.lockedUntil), lte(loginThrottle.lockedUntil, new Date(now)))))
    .run().changes;
}
