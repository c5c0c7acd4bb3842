/** One-time codes to set a password, for accounts a coordinator created. Only their SHA-256 is stored. */
import { createHash } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { passwordCodes, users } from "~/db/schema";
import type { Tx } from "~/learning/enrolment.server";
import { hashPassword } from "./passwords.server";
import { invalidateUserSessions } from "./sessions.server";
import { audit } from "~/audit/audit.server";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const PASSWORD_CODE_LIFETIME_MS = 60 * 24 * 60 * 60 * 1000;
const hash = (code: string) => createHash("sha256").update(code).digest("hex");
const canonical = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, "");

/** 12 characters (about 59 bits), shown as ABCD-EFGH-JKMN; valid for 60 days, once. Only the hash is to be stored. */
export function newPasswordCode(now = new Date()) {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let code = "";
  for (const b of bytes) code += ALPHABET[b % ALPHABET.length];
  return { code: code.match(/.{4}/g)!.join("-"), codeHash: hash(code), expiresAt: new Date(now.getTime() + PASSWORD_CODE_LIFETIME_MS) };
}

export function issuePasswordCode(tx: Tx, userId: number, now = new Date()): string {
  const c = newPasswordCode(now);
  tx.insert(passwordCodes).values({ codeHash: c.codeHash, userId, expiresAt: c.expiresAt }).run();
  return c.code;
}

/** Sets the password if the code belongs to this account, is unused and unexpired; every session of the account ends. */
export async function redeemPasswordCode(db: Db, input: { userId: number; code: string; password: string; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const used = tx
      .update(passwordCodes)
      .set({ usedAt: now })
      .where(and(eq(passwordCodes.codeHash, hash(canonical(input.code))), eq(passwordCodes.userId, input.userId), isNull(passwordCodes.usedAt), gt(passwordCodes.expiresAt, now)))
      .run();
    if (used.changes === 0) return false;
    tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId)).run();
    invalidateUserSessions(db, input.userId); // on the one connection, so in this transaction
    audit(db, { by: input.userId, action: "password-change", subjectId: input.userId, detail: "one-time code", at: now });
    return true;
  });
}
