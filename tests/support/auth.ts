import { RouterContextProvider } from "react-router";
import { createUser } from "~/auth/users.server";
import { createSession, generateSessionToken } from "~/auth/sessions.server";
import { SESSION_COOKIE } from "~/auth/cookies.server";
import { getDb } from "~/db/client.server";
import { courseTrainers } from "~/db/schema";

let n = 0;

/** A user with a live session, and a request builder that carries its cookie. */
export async function signedIn(options: { admin?: boolean; trainerOf?: string[] } = {}) {
  const user = await createUser(getDb(), {
    email: `person${++n}-${Date.now()}@example.org`,
    name: `Person ${n}`,
    password: "password123",
    isAdmin: options.admin,
  });
  for (const slug of options.trainerOf ?? []) await getDb().insert(courseTrainers).values({ userId: user.id, courseSlug: slug });
  const token = generateSessionToken();
  await createSession(getDb(), token, user.id);
  const request = (url: string, init: RequestInit = {}) =>
    new Request(new URL(url, "http://localhost"), { ...init, headers: { ...(init.headers ?? {}), Cookie: `${SESSION_COOKIE}=${token}` } });
  return { user, request };
}

export const anonymous = (url: string, init: RequestInit = {}) => new Request(new URL(url, "http://localhost"), init);

/** Runs a loader or action and returns its status, whether it returned or threw a response. */
export async function statusOf(run: () => Promise<unknown>): Promise<{ status: number; location?: string; body?: unknown }> {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") ?? undefined };
    const r = result as { type?: string; init?: { status?: number }; data?: unknown } | null;
    if (r && r.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, body: r.data };
    return { status: 200, body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") ?? undefined };
    const r = thrown as { type?: string; init?: { status?: number }; data?: unknown };
    if (r && r.type === "DataWithResponseInit") return { status: r.init?.status ?? 500, body: r.data };
    throw thrown;
  }
}

/**
 * What React Router hands a loader or action (the request, the route's params, the load context, the URL and
 * the route's pattern), for calling one directly in a test.
 */
export function routeArgs(request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}) {
  // The context server.ts makes (app/context.ts); the root's middleware has not run, so who is asking is looked up.
  const provider = Object.assign(new RouterContextProvider(), { db: getDb(), ...context });
  return { request, params, context: provider, url: new URL(request.url), pattern: "" } as never;
}
