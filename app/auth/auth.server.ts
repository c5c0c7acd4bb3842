/**
 * What routes call to learn who is asking: getViewer, requireUser, logIn, logOut.
 * Every loader and action states its rule with one of these.
 */
import { createContext, redirect, RouterContextProvider, type MiddlewareFunction } from "react-router";
import { eq, sql } from "drizzle-orm";
import { getDb, preparedOnce } from "~/db/client.server";
import { courseTrainers, type User } from "~/db/schema";
import type { Viewer } from "~/catalog/catalog.server";
import { clearSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from "./cookies.server";
import { verifyOrDummy } from "./passwords.server";
import { createSession, generateSessionToken, invalidateSession, sessionIdFromToken, validateSessionToken } from "./sessions.server";
import { beginAttempt, forgive, lockedFor, throttleKeys } from "./throttle.server";
import { findUserByLogin, normalizeEmail } from "./users.server";
import type { RequestLike } from "~/utils/request-like";
import { scopeOf } from "~/access/scope.server";

export type SignedIn = { user: User; sessionId: string };

/** The session as the request's cookie gave it, and the Set-Cookie the answer must carry (renewed or cleared), if any. */
export async function lookUpSession(request: RequestLike): Promise<{ signedIn: SignedIn | null; cookie: string | null }> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return { signedIn: null, cookie: null };
  const validation = await validateSessionToken(getDb(), token);
  // A tampered, unknown or expired cookie counts as signed out, and is cleared.
  if (!validation) return { signedIn: null, cookie: clearSessionCookie(request) };
  return {
    signedIn: { user: validation.user, sessionId: validation.session.id },
    cookie: validation.renewed ? sessionCookie(request, token, validation.session.expiresAt) : null,
  };
}

/** The answer for a request, with the cookie it was for: handed another cookie, it is not someone else's answer. */
type Known = { token: string | undefined; signedIn: SignedIn | null };
const sessionContext = createContext<Known | null>(null);

/**
 * The root's middleware (app/root.tsx): the session is looked up once per request, for the root's loader and
 * the route's, and a renewed or cleared cookie goes on whatever answer the request gets (a page, its data, a
 * file), unless the answer sets the session cookie itself (logging in or out).
 */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const { signedIn, cookie } = await lookUpSession(request);
  context.set(sessionContext, { token: readCookie(request, SESSION_COOKIE), signedIn });
  const response = await next();
  const ownCookie = response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (cookie && !ownCookie) response.headers.append("Set-Cookie", cookie);
  return response;
};

/**
 * The signed-in person, or null: the middleware's answer for this request when there is one. An action may
 * sign someone in or out, so after it has asked, the loaders that follow it in the same request (handed GET
 * copies of the request) ask again. Called without the framework's context (a test, the attempts lane), it asks.
 */
export async function getSignedIn(request: RequestLike, context?: Readonly<RouterContextProvider>): Promise<SignedIn | null> {
  const provider = context instanceof RouterContextProvider ? context : null;
  const token = readCookie(request, SESSION_COOKIE);
  const known = provider?.get(sessionContext);
  const method = (request as { method?: string }).method ?? "GET";
  const reading = method === "GET" || method === "HEAD";
  if (known && known.token === token) {
    if (!reading) provider!.set(sessionContext, null);
    return known.signedIn;
  }
  const { signedIn } = await lookUpSession(request);
  if (provider) provider.set(sessionContext, reading ? { token, signedIn } : null);
  return signedIn;
}

export async function getUser(request: RequestLike, context?: Readonly<RouterContextProvider>): Promise<User | null> {
  return (await getSignedIn(request, context))?.user ?? null;
}

/** Sends a signed-out visitor to the log-in page, coming back here afterwards. */
export async function requireUser(request: Request, context?: Readonly<RouterContextProvider>): Promise<User> {
  const user = await getUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    // Single-fetch and index markers are Remix's, not part of where the person was.
    for (const key of ["index", "_data", "_routes"]) url.searchParams.delete(key);
    const back = url.pathname.replace(/\.data$/, "").replace(/\/_root$/, "/") + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

const coursesTrained = preparedOnce((db) =>
  db
    .select({ slug: courseTrainers.courseSlug })
    .from(courseTrainers)
    .where(eq(courseTrainers.userId, sql.placeholder("userId")))
    .prepare(),
);

/** What the catalog needs to decide about drafts: whether the person is an admin, and the courses they train. */
export async function toViewer(user: User | null): Promise<Viewer> {
  if (!user) return null;
  if (user.isAdmin) return { isAdmin: true, trainerOf: new Set() };
  const rows = await coursesTrained(getDb()).all({ userId: user.id });
  return { isAdmin: false, trainerOf: new Set(rows.map((r) => r.slug)) };
}

/**
 * Where a person lands after logging in when no page was asked for: each role on its own page (an admin on
 * /admin, a coordinator on the dashboard, a trainer on their courses, everyone else on their learning).
 */
export async function landingFor(user: Pick<User, "id" | "isAdmin">): Promise<string> {
  if (user.isAdmin) return "/admin";
  if (await scopeOf(getDb(), user)) return "/dashboard";
  if ((await coursesTrained(getDb()).all({ userId: user.id })).length > 0) return "/teach";
  return "/learn";
}

/** Only same-site paths: never an open redirect (app/utils/safe-redirect.ts). */
export { safeRedirect } from "~/utils/safe-redirect";

export type LoginOutcome =
  { ok: true; user: User; cookie: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function logIn(request: Request, email: string, password: string, address?: string): Promise<LoginOutcome> {
  const db = getDb();
  const normalized = normalizeEmail(email);
  const keys = throttleKeys(normalized, address);
  // Counted before the password is checked, so that parallel guesses cannot all get past the limit.
  const attempt = await beginAttempt(db, keys);
  if (!attempt.ok) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  const user = await findUserByLogin(db, normalized);
  const valid = await verifyOrDummy(user?.passwordHash, password);
  if (!user || !valid) {
    // The failure that reached the limit says so at once, rather than on the next try.
    const after = await lockedFor(db, keys);
    return after > 0 ? { ok: false, reason: "throttled", retryAfterSeconds: after } : { ok: false, reason: "invalid" };
  }
  await forgive(db, keys);
  return { ok: true, user, cookie: await startSession(request, user.id) };
}

/** A new session for every log-in; the old one, if any, ends. */
export async function startSession(request: Request, userId: number): Promise<string> {
  const db = getDb();
  const old = readCookie(request, SESSION_COOKIE);
  if (old) await invalidateSession(db, sessionIdFromToken(old));
  const token = generateSessionToken();
  const session = await createSession(db, token, userId);
  return sessionCookie(request, token, session.expiresAt);
}

export async function logOut(request: Request): Promise<string> {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await invalidateSession(getDb(), sessionIdFromToken(token));
  return clearSessionCookie(request);
}
