/**
 * Sessions after Lucia's design (lucia-auth.com/sessions/basic): the browser
 * holds a random token; the database holds only its SHA-256 hash, so a leaked
 * database cannot be replayed as cookies. Expiry slides: a session used in its
 * second half is extended to a full 30 days again, but never past 90 days
 * from the log-in that began it: then the person logs in again, so that a
 * phone lost while signed in does not stay signed in for ever.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { eq, sql } from "drizzle-orm";
import { preparedOnce, type Db } from "~/db/client.server";
import { sessions, users, type User } from "~/db/schema";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
export const SESSION_RENEW_WITHIN_MS = 15 * DAY;
/** However often it is used, a session ends this long after the log-in that began it. */
export const SESSION_ABSOLUTE_MS = 90 * DAY;

/** 25 random bytes (200 bits), base32: 40 characters. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(25);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export type Session = { id: string; userId: number; expiresAt: Date };

export async function createSession(db: Db, token: string, userId: number, now = Date.now()): Promise<Session> {
  const session = { id: sessionIdFromToken(token), userId, expiresAt: new Date(now + SESSION_LIFETIME_MS) };
  await db.insert(sessions).values({ ...session, createdAt: new Date(now) });
  return session;
}

export type SessionValidation = { session: Session; user: User; renewed: boolean } | null;

/** Every request with a cookie asks this. */
const sessionLookup = preparedOnce((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

export async function validateSessionToken(db: Db, token: string, now = Date.now()): Promise<SessionValidation> {
  if (!/^[a-z2-7]{20,100}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const row = await sessionLookup(db).get({ id });
  if (!row) return null;
  const endOfLife = row.session.createdAt.getTime() + SESSION_ABSOLUTE_MS;
  const session: Session = { id: row.session.id, userId: row.session.userId, expiresAt: new Date(Math.min(row.session.expiresAt.getTime(), endOfLife)) };
  if (now >= session.expiresAt.getTime() || now >= endOfLife) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let renewed = false;
  if (now >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS && session.expiresAt.getTime() < endOfLife) {
    session.expiresAt = new Date(Math.min(now + SESSION_LIFETIME_MS, endOfLife));
    await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
    renewed = true;
  }
  return { session, user: row.user, renewed };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
