import { hash, verify } from "@node-rs/argon2";

/** argon2id with OWASP's recommended minimum: 19 MiB, 2 iterations, 1 lane. */
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/**
 * Password hashing is costly on purpose (about 20 ms of a core and 19 MiB
 * each), so it runs in a queue of its own, two at a time: thirty sign-ups
 * or a guesser's burst of log-ins wait their turn there, and never hold
 * more than two of libuv's threads or both cores. Pages do not wait behind
 * them (server.ts gives password forms their own admission lane).
 */
export const HASHING_AT_ONCE = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(job: () => Promise<T>): Promise<T> {
  if (running >= HASHING_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  work.mostAtOnce = Math.max(work.mostAtOnce, running);
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** How many hashes run and wait now, the most that ever ran at once, and how many were made and checked (tests, bench). */
export const hashingQueue = () => ({ running, waiting: waiting.length, ...work });
const work = { mostAtOnce: 0, hashed: 0, verified: 0 };

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => (work.hashed++, hash(password, options)));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await inTurn(() => (work.verified++, verify(passwordHash, password)));
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
