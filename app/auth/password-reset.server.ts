/**
 * Passwords after the first one.
 *
 * - A signed-in person changes their own, by giving the current one. Every
 *   session of theirs ends (a phone left signed in somewhere is signed out);
 *   the route starts a new one for the browser that made the change.
 * - A person who has forgotten theirs gets a new one-time code from the
 *   coordinator of their co-op (or an admin) and sets a new password with it
 *   at /set-password, as after a bulk enrolment. Many co-op staff have no
 *   email to receive a reset link, so the code is handed over in person, as
 *   Kolibri's coaches reset learners' passwords. A new code voids the ones
 *   issued before; a redeemed code ends every session of the account.
 *
 * A coordinator may do this only for plain learners in their scope: never for
 * an admin, a trainer or a coordinator, whose accounts open more than a
 * learner's (a coordinator could otherwise take over an admin who is also a
 * member of their co-op). Admins may do it for anyone.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { passwordCodes, users } from "~/db/schema";
import { issuePasswordCode, PASSWORD_CODE_LIFETIME_MS } from "./password-codes.server";
import { hashPassword, verifyOrDummy } from "./passwords.server";
import { invalidateUserSessions } from "./sessions.server";
import { audit } from "~/audit/audit.server";

/** Sets a new password if `current` is the present one, and ends every session of the account. False if it is not. */
export async function changePassword(db: Db, input: { userId: number; current: string; next: string }): Promise<boolean> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!(await verifyOrDummy(row?.passwordHash, input.current))) return false;
  const passwordHash = await hashPassword(input.next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId));
    await invalidateUserSessions(tx, input.userId);
    await audit(tx, { by: input.userId, action: "password-change", subjectId: input.userId, detail: "settings" });
  });
  return true;
}

/**
 * A new one-time code for the account, given by `by` (null: the server's command line); codes issued before and
 * not yet used stop working. Shown once: only its hash is kept.
 */
export async function issueResetCode(db: Db, userId: number, by: number | null, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    await tx.delete(passwordCodes).where(and(eq(passwordCodes.userId, userId), isNull(passwordCodes.usedAt)));
    await audit(tx, { by, action: "password-code", subjectId: userId, at: now });
    return { code: await issuePasswordCode(tx, userId, now), expiresAt: new Date(now.getTime() + PASSWORD_CODE_LIFETIME_MS) };
  });
}
