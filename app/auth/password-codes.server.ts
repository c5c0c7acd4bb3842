/** One-time codes to set a password, for accounts a coordinator created. Only their SHA-256 is stored. */
import { createHash } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { passwordCodes, users } from "~/db/schema";
import type { Tx } from "~/db/client.server";
import { hashPassword } from "./passwords.server";
import { invalidateUserSessions } from "./sessions.server";
import { beginAttempt, forgive, throttleKeys } from "./throttle.server";
import { findUserByLogin } from "./users.server";
import { audit } from "~/audit/audit.server";
import { randomFromAlphabet } from "~/utils/random";
import type { Language } from "~/i18n/language";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const PASSWORD_CODE_LIFETIME_MS = 60 * 24 * 60 * 60 * 1000;
const hash = (code: string) => createHash("sha256").update(code).digest("hex");
const canonical = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, "");

/** 12 characters (about 59 bits), shown as ABCD-EFGH-JKMN; valid for 60 days, once. Only the hash is to be stored. */
export function newPasswordCode(now = new Date()) {
  const code = randomFromAlphabet(ALPHABET, 12);
  return { code: code.match(/.{4}/g)!.join("-"), codeHash: hash(code), expiresAt: new Date(now.getTime() + PASSWORD_CODE_LIFETIME_MS) };
}

export async function issuePasswordCode(tx: Tx, userId: number, now = new Date()): Promise<string> {
  const c = newPasswordCode(now);
  await tx.insert(passwordCodes).values({ codeHash: c.codeHash, userId, expiresAt: c.expiresAt });
  return c.code;
}

/**
 * Sets the password if the code belongs to this account, is unused and unexpired; every session of the account
 * ends. The code is checked before the new password is hashed, so a wrong code costs the same little work whether
 * or not the login exists (only a right one pays for the hash).
 */
export async function redeemPasswordCode(db: Db, input: { userId: number; code: string; password: string; locale?: Language; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const live = and(
    eq(passwordCodes.codeHash, hash(canonical(input.code))),
    eq(passwordCodes.userId, input.userId),
    isNull(passwordCodes.usedAt),
    gt(passwordCodes.expiresAt, now),
  );
  if ((await db.select({ userId: passwordCodes.userId }).from(passwordCodes).where(live)).length === 0) return false;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Still unused: two tabs sending the same code set one password.
    const used = await tx.update(passwordCodes).set({ usedAt: now }).where(live).returning({ userId: passwordCodes.userId });
    if (used.length === 0) return false;
    // The language they chose on the form becomes theirs: people a coordinator added keep it from their first visit.
    await tx
      .update(users)
      .set(input.locale ? { passwordHash, locale: input.locale } : { passwordHash })
      .where(eq(users.id, input.userId));
    await invalidateUserSessions(tx, input.userId);
    await audit(tx, { by: input.userId, action: "password-change", subjectId: input.userId, detail: "one-time code", at: now });
    return true;
  });
}

export type CodeOutcome = { ok: true; userId: number } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * /set-password: a login, a one-time code and a new password. Guesses are limited per login and address, counted
 * before the code is checked; a login that does not exist is answered as a wrong code, after the same work.
 */
export async function setPasswordWithCode(
  db: Db,
  input: { login: string; code: string; password: string; locale?: Language; address?: string; now?: Date },
): Promise<CodeOutcome> {
  const keys = throttleKeys(`code:${input.login.trim().toLowerCase()}`, input.address);
  const attempt = await beginAttempt(db, keys);
  if (!attempt.ok) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  const user = await findUserByLogin(db, input.login);
  // Without an account the code is looked up all the same (for no one), so both answers take the same time.
  const ok = await redeemPasswordCode(db, { userId: user?.id ?? -1, code: input.code, password: input.password, locale: input.locale, now: input.now });
  if (!ok || !user) return { ok: false, reason: "invalid" };
  await forgive(db, keys);
  return { ok: true, userId: user.id };
}
