import { describe, expect, it } from "vitest";
import { RouterContextProvider } from "react-router";
import { getSignedIn, sessionMiddleware, startSession } from "~/auth/auth.server";
import { SESSION_COOKIE } from "~/auth/cookies.server";
import { createSession, generateSessionToken, invalidateSession, SESSION_LIFETIME_MS, sessionIdFromToken, validateSessionToken } from "~/auth/sessions.server";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db/client.server";
import { sessions } from "~/db/schema";
import { eq } from "drizzle-orm";

const DAY = 86_400_000;

async function user(email: string) {
  return createUser(getDb(), { email, name: "Test", password: "long enough password" });
}

describe("sessions", () => {
  it("stores only the SHA-256 of a long random token", async () => {
    const u = await user("s1@example.org");
    const token = generateSessionToken();
    expect(token.length).toBeGreaterThanOrEqual(32); // ≥ 20 bytes of entropy
    await createSession(getDb(), token, u.id);
    const rows = await getDb().select().from(sessions).where(eq(sessions.userId, u.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sessionIdFromToken(token));
    expect(rows[0]!.id).not.toContain(token);
    expect((await validateSessionToken(getDb(), token))?.user.id).toBe(u.id);
  });

  it("treats tampered and unknown tokens as signed out", async () => {
    const u = await user("s2@example.org");
    const token = generateSessionToken();
    await createSession(getDb(), token, u.id);
    const tampered = (token[0] === "a" ? "b" : "a") + token.slice(1);
    expect(await validateSessionToken(getDb(), tampered)).toBeNull();
    expect(await validateSessionToken(getDb(), "not a token; drop table users")).toBeNull();
  });

  it("expires after 30 days and deletes the row", async () => {
    const u = await user("s3@example.org");
    const token = generateSessionToken();
    const now = Date.now();
    await createSession(getDb(), token, u.id, now);
    expect(await validateSessionToken(getDb(), token, now + SESSION_LIFETIME_MS + 1)).toBeNull();
    expect(
      (
        await getDb()
          .select()
          .from(sessions)
          .where(eq(sessions.id, sessionIdFromToken(token)))
      )[0],
    ).toBeUndefined();
  });

  it("slides: a session used in its second half gets a full 30 days again", async () => {
    const u = await user("s4@example.org");
    const token = generateSessionToken();
    const now = Date.now();
    await createSession(getDb(), token, u.id, now);
    const early = (await validateSessionToken(getDb(), token, now + 2 * DAY))!;
    expect(early.renewed).toBe(false);
    const later = now + 20 * DAY;
    const renewed = (await validateSessionToken(getDb(), token, later))!;
    expect(renewed.renewed).toBe(true);
    expect(renewed.session.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
  });

  it("rotates: a log-in ends the session the browser held and starts a new one", async () => {
    const u = await user("s5@example.org");
    const oldToken = generateSessionToken();
    await createSession(getDb(), oldToken, u.id);
    const request = new Request("http://localhost/login", { headers: { Cookie: `${SESSION_COOKIE}=${oldToken}` } });
    const cookie = await startSession(request, u.id);
    const newToken = /campus_session=([^;]+)/.exec(cookie)![1]!;
    expect(newToken).not.toBe(oldToken);
    expect(await validateSessionToken(getDb(), oldToken)).toBeNull();
    expect((await validateSessionToken(getDb(), newToken))?.user.id).toBe(u.id);
    await invalidateSession(getDb(), sessionIdFromToken(newToken));
    expect(await validateSessionToken(getDb(), newToken)).toBeNull();
  });

  it("sets HttpOnly and SameSite always, and Secure over HTTPS, a proxy's word included", async () => {
    const { id } = await user("s6@example.org");
    const plain = await startSession(new Request("http://campus.lan/login"), id);
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Lax/);
    expect(plain).not.toMatch(/Secure/);
    expect(await startSession(new Request("https://campus.example.org/login"), id)).toMatch(/Secure/);
    expect(await startSession(new Request("http://127.0.0.1/login", { headers: { "X-Forwarded-Proto": "https" } }), id)).toMatch(/Secure/);
  });

  /** A request's context as server.ts makes it, run through the root's middleware around `inside`. */
  async function throughMiddleware(request: Request, inside: (context: RouterContextProvider) => Response | Promise<Response>) {
    const context = Object.assign(new RouterContextProvider(), { db: getDb() });
    const response = await sessionMiddleware({ request, context, params: {}, unstable_pattern: "" } as never, () => Promise.resolve(inside(context)));
    return response as Response;
  }

  it("is looked up once per request, by the root's middleware, and again for the loaders that follow an action", async () => {
    const u = await user("s7@example.org");
    const token = generateSessionToken();
    await createSession(getDb(), token, u.id);
    const headers = { Cookie: `${SESSION_COOKIE}=${token}` };
    const page = "http://localhost/courses/c/m";
    // React Router hands the root's loader and the route's a copy of the request each, and one context.
    await throughMiddleware(new Request(page, { headers }), async (context) => {
      await invalidateSession(getDb(), sessionIdFromToken(token));
      expect((await getSignedIn(new Request(page, { headers }), context))?.user.id).toBe(u.id);
      expect((await getSignedIn(new Request(page, { headers }), context))?.user.id).toBe(u.id);
      return new Response("page");
    });
    // The next request has a context of its own, and asks again.
    await throughMiddleware(new Request(page, { headers }), async (context) => {
      expect(await getSignedIn(new Request(page, { headers }), context)).toBeNull();
      return new Response("page");
    });

    // An action (which may sign someone out) does not answer for the loaders after it in the same request.
    const again = generateSessionToken();
    await createSession(getDb(), again, u.id);
    const withAgain = { Cookie: `${SESSION_COOKIE}=${again}` };
    await throughMiddleware(new Request(page, { method: "POST", headers: withAgain }), async (context) => {
      expect((await getSignedIn(new Request(page, { method: "POST", headers: withAgain }), context))?.user.id).toBe(u.id);
      await invalidateSession(getDb(), sessionIdFromToken(again));
      expect(await getSignedIn(new Request(page, { headers: withAgain }), context)).toBeNull();
      return new Response("page");
    });
  });

  it("never answers one person's request with another's, whatever context it comes with", async () => {
    const [a, b] = [await user("s8@example.org"), await user("s9@example.org")];
    const [ta, tb] = [generateSessionToken(), generateSessionToken()];
    await createSession(getDb(), ta, a.id);
    await createSession(getDb(), tb, b.id);
    const as = (token: string | null) => new Request("http://localhost/learn", { headers: token ? { Cookie: `${SESSION_COOKIE}=${token}` } : {} });
    await throughMiddleware(as(ta), async (shared) => {
      expect((await getSignedIn(as(ta), shared))?.user.id).toBe(a.id);
      expect((await getSignedIn(as(tb), shared))?.user.id).toBe(b.id);
      expect(await getSignedIn(as(null), shared)).toBeNull();
      expect((await getSignedIn(as(ta), shared))?.user.id).toBe(a.id);
      return new Response("page");
    });
  });

  it("puts a renewed cookie on any answer, a file's too; clears a cookie that is not a session; leaves an answer's own session cookie alone", async () => {
    const u = await user("s10@example.org");
    const token = generateSessionToken();
    await createSession(getDb(), token, u.id);
    // Half-way through its life: the session is renewed, and the browser must hear of the new expiry.
    const halfWay = Date.now() - SESSION_LIFETIME_MS / 2 - DAY;
    await getDb()
      .update(sessions)
      .set({ expiresAt: new Date(halfWay + SESSION_LIFETIME_MS) })
      .where(eq(sessions.id, sessionIdFromToken(token)));
    const headers = { Cookie: `${SESSION_COOKIE}=${token}` };
    const csv = await throughMiddleware(
      new Request("http://localhost/dashboard/export", { headers }),
      () => new Response("a,b", { headers: { "Content-Type": "text/csv" } }),
    );
    const renewed = csv.headers.getSetCookie();
    expect(renewed).toHaveLength(1);
    expect(renewed[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=${token};.*HttpOnly`));

    const tampered = await throughMiddleware(
      new Request("http://localhost/learn", { headers: { Cookie: `${SESSION_COOKIE}=forged` } }),
      () => new Response("page"),
    );
    expect(tampered.headers.getSetCookie()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));

    // Logging out answers with its own cleared cookie: the renewal does not come after it and undo it.
    const loggedOut = await throughMiddleware(
      new Request("http://localhost/logout", { method: "POST", headers }),
      () => new Response(null, { status: 302, headers: { Location: "/", "Set-Cookie": `${SESSION_COOKIE}=; Path=/; Max-Age=0` } }),
    );
    expect(loggedOut.headers.getSetCookie()).toEqual([`${SESSION_COOKIE}=; Path=/; Max-Age=0`]);

    // A session that needs nothing said about it adds no header.
    const fresh = generateSessionToken();
    await createSession(getDb(), fresh, u.id);
    const quiet = await throughMiddleware(
      new Request("http://localhost/learn", { headers: { Cookie: `${SESSION_COOKIE}=${fresh}` } }),
      () => new Response("page"),
    );
    expect(quiet.headers.getSetCookie()).toEqual([]);
  });
});
