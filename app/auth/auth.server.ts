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
export function lookUpSession(request: RequestLike): { signedIn: SignedIn | null; cookie: string | null } {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return { signedIn: null, cookie: null };
  const validation = validateSessionToken(getDb(), token);
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
  const { signedIn, cookie } = lookUpSession(request);
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
export function getSignedIn(request: RequestLike, context?: Readonly<RouterContextProvider>): SignedIn | null {
  const provider = context instanceof RouterContextProvider ? context : null;
  const token = readCookie(request, SESSION_COOKIE);
  const known = provider?.get(sessionContext);
  const method = (request as { method?: string }).method ?? "GET";
  const reading = method === "GET" || method === "HEAD";
  if (known && known.token === token) {
    if (!reading) provider!.set(sessionContext, null);
    return known.signedIn;
  }
  const { signedIn } = lookUpSession(request);
  if (provider) provider.set(sessionContext, reading ? { token, signedIn } : null);
  return signedIn;
}

export function getUser(request: RequestLike, context?: Readonly<RouterContextProvider>): User | null {
  return getSignedIn(request, context)?.user ?? null;
}

/** Sends a signed-out visitor to the log-in page, coming back here afterwards. */
export function requireUser(request: Request, context?: Readonly<RouterContextProvider>): User {
  const user = getUser(request, context);
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

/**
 * What the catalog needs to decide about drafts. The courses the person
 * trains are read when a draft is first in question: most requests (a
 * learner's page, a quiz submission) never ask, and are spared the query.
 */
export function toViewer(user: User | null): Viewer {
  if (!user) return null;
  let trains: ReadonlySet<string> | undefined;
  return {
    isAdmin: user.isAdmin,
    get trainerOf() {
      return (trains ??= new Set(
        coursesTrained(getDb())
          .all({ userId: user.id })
          .map((r) => r.slug),
      ));
    },
  };
}

/**
 * Where a person lands after logging in when no page was asked for: each role on its own page (an admin on
 * /admin, a coordinator on the dashboard, a trainer on their courses, everyone else on their learning).
 */
export function landingFor(user: Pick<User, "id" | "isAdmin">): string {
  if (user.isAdmin) return "/admin";
  if (scopeOf(getDb(), user)) return "/dashboard";
  if (coursesTrained(getDb()).all({ userId: user.id }).length > 0) return "/teach";
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
  const attempt = beginAttempt(db, keys);
  if (!attempt.ok) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  const user = findUserByLogin(db, normalized);
  const valid = await verifyOrDummy(user?.passwordHash, password);
  if (!user || !valid) {
    // The failure that reached the limit says so at once, rather than on the next try.
    const after = lockedFor(db, keys);
    return after > 0 ? { ok: false, reason: "throttled", retryAfterSeconds: after } : { ok: false, reason: "invalid" };
  }
  forgive(db, keys);
  return { ok: true, user, cookie: startSession(request, user.id) };
}

/** A new session for every log-in; the old one, if any, ends. */
export function startSession(request: Request, userId: number): string {
  const db = getDb();
  const old = readCookie(request, SESSION_COOKIE);
  if (old) invalidateSession(db, sessionIdFromToken(old));
  const token = generateSessionToken();
  const session = createSession(db, token, userId);
  return sessionCookie(request, token, session.expiresAt);
}

export function logOut(request: Request): string {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) invalidateSession(getDb(), sessionIdFromToken(token));
  return clearSessionCookie(request);
}
