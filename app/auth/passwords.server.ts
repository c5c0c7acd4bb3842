import { hash, verify } from "@node-rs/argon2";

/** argon2id with OWASP's recommended minimum: 19 MiB, 2 iterations, 1 lane. */
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Checks a password against an account's hash; with no hash (no such account, or none set yet) it checks against
 * a dummy and says no, taking the same time, so timing does not reveal which accounts exist.
 */
export async function verifyOrDummy(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (passwordHash) return verifyPassword(passwordHash, password);
  await verifyPassword(await dummyHash(), password);
  return false;
}

/** A hash to verify against when the account does not exist, so timing does not reveal which emails are registered. */
let dummy: Promise<string> | undefined;
export function dummyHash() {
  dummy ??= hashPassword("not-a-real-password-" + Math.random());
  return dummy;
}
