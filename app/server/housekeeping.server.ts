/**
 * Housekeeping: rows that can never be used again are deleted, so tables
 * hold only what is live.
 *
 * - Sessions past their expiry. Validation already refuses them and deletes
 *   the one it is shown (after Lucia's design), but a session whose cookie is
 *   never sent again (a shared computer, a cleared browser, a lost phone)
 *   would otherwise stay for ever.
 * - One-time password codes that were used or have expired. Redeeming needs
 *   an unused, unexpired row, so deleting these reopens nothing; the audit
 *   log keeps who gave each code and when.
 * - Failed log-in counters whose window and lock are over
 *   (`forgetStaleFailures`): a next failure would start afresh anyway.
 * - Audit log entries older than `AUDIT_KEEP_DAYS`, when a deployment sets
 *   it (at least 90; by default the log is kept for ever).
 *
 * The server tidies when it starts and then once a day; `campus db tidy`
 * does it on demand and says what it removed.
 */
import { isNotNull, lt, lte, or } from "drizzle-orm";
import { forgetStaleFailures } from "~/auth/throttle.server";
import type { Db } from "~/db/client.server";
import { auditLog, passwordCodes, sessions } from "~/db/schema";

export type Tidied = { sessions: number; passwordCodes: number; loginCounters: number; auditEntries: number };
export type TidyOptions = { /** 0 or unset: audit entries are kept for ever. */ auditKeepDays?: number };

export async function tidy(db: Db, now = new Date(), options: TidyOptions = {}): Promise<Tidied> {
  const keep = options.auditKeepDays ?? 0;
  return db.transaction(async (tx) => ({
    sessions: (await tx.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ id: sessions.id })).length,
    passwordCodes: (
      await tx
        .delete(passwordCodes)
        .where(or(isNotNull(passwordCodes.usedAt), lte(passwordCodes.expiresAt, now)))
        .returning({ codeHash: passwordCodes.codeHash })
    ).length,
    loginCounters: await forgetStaleFailures(tx, now.getTime()),
    auditEntries:
      keep > 0
        ? (
            await tx
              .delete(auditLog)
              .where(lt(auditLog.at, new Date(now.getTime() - keep * 86_400_000)))
              .returning({ id: auditLog.id })
          ).length
        : 0,
  }));
}

export const TIDY_EVERY_MS = 24 * 60 * 60 * 1000;

/** Tidies now and then every `every` ms until stopped; the timer never keeps the process alive. */
export async function startHousekeeping(db: () => Db, options: TidyOptions = {}, every = TIDY_EVERY_MS): Promise<{ first: Tidied; stop: () => void }> {
  const first = await tidy(db(), new Date(), options);
  const timer = setInterval(async () => {
    try {
      await tidy(db(), new Date(), options);
    } catch (error) {
      // A busy or read-only disk must not stop the server; the next day tries again.
      console.error(`housekeeping: ${(error as Error).message}`);
    }
  }, every);
  timer.unref();
  return { first, stop: () => clearInterval(timer) };
}
