/**
 * Creating an account at /signup, with an optional join code. Sign-ups are
 * limited per email and per address (growing delays past 100 in 15 minutes
 * from one address, so a class signing up together in one room is only
 * slowed), join-code guesses per address; a duplicate email is found before
 * the password is hashed.
 */
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import type { Db } from "~/db/client.server";
import type { User } from "~/db/schema";
import { checkJoinCode, joinAnswer, joinCodeAttempts, redeemJoinCode } from "~/orgs/orgs.server";
import { beginAttempt, signUpKeys } from "./throttle.server";
import { createUser, DuplicateEmailError, findUserByEmail, normalizeEmail } from "./users.server";

export type SignUpOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "emailTaken" }
  | { ok: false; reason: "joinCode"; problem: ReturnType<typeof joinAnswer> };

export async function signUp(
  db: Db,
  input: { name: string; email: string; password: string; locale: Language; joinCode?: string; address?: string; courses: ReadonlyMap<string, CatalogCourse> },
): Promise<SignUpOutcome> {
  const attempt = await beginAttempt(db, signUpKeys(normalizeEmail(input.email), input.address));
  if (!attempt.ok) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  if (input.joinCode) {
    const guesses = joinCodeAttempts(db, { address: input.address });
    const guess = await guesses.begin();
    if (!guess.ok) return { ok: false, reason: "throttled", retryAfterSeconds: guess.retryAfterSeconds };
    const problem = await checkJoinCode(db, input.joinCode);
    if (problem) return { ok: false, reason: "joinCode", problem: joinAnswer(problem) };
    await guesses.right();
  }
  if (await findUserByEmail(db, input.email)) return { ok: false, reason: "emailTaken" };
  let user: User;
  try {
    user = await createUser(db, { name: input.name, email: input.email, password: input.password, locale: input.locale });
  } catch (error) {
    if (error instanceof DuplicateEmailError) return { ok: false, reason: "emailTaken" };
    throw error;
  }
  if (input.joinCode) await redeemJoinCode(db, { code: input.joinCode, user, courses: input.courses });
  return { ok: true, user };
}
