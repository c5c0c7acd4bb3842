/**
 * The attempts route (POST /courses/<course>/<module>/attempts), a resource
 * route answering the enhanced quiz form with JSON: the same grading and
 * messages as the module page's action, and nothing stored by a refused
 * request. What the server does before any route (cross-site refusal, body
 * limits, compression) is tested against a running server in
 * tests/e2e/security.spec.ts and resilience.spec.ts.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { getCatalog } from "~/catalog/catalog.server";
import { certificates, quizAttempts, sessions, users } from "~/db/schema";
import { recordModuleComplete } from "~/learning/enrolment.server";
import { action as enrolAction } from "~/routes/courses.$course._index";
import { action as moduleAction } from "~/routes/courses.$course.$module";
import { action as attemptsAction, loader as attemptsLoader } from "~/routes/courses.$course.$module.attempts";
import { sessionIdFromToken } from "~/auth/sessions.server";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { sampleQuizAnswers, sampleQuizChoices, type SampleQuizChoices } from "../support/sample-quiz";

type Person = Awaited<ReturnType<typeof signedIn>>;
const PATH = "/courses/sample-course/second/attempts";

let ids: SampleQuizChoices;
beforeAll(async () => {
  ids = await sampleQuizChoices();
});
const fields = (key: string) => sampleQuizAnswers(ids, key);
const cookieOf = (p: Person) => p.request("/").headers.get("Cookie")!;

type Reply = { status: number; headers: Record<string, string>; body: Record<string, unknown> };
/** One request to the route, as React Router hands it over: its action for a POST, its loader for anything else. */
async function send(options: { path?: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; person?: Person }): Promise<Reply> {
  const path = options.path ?? PATH;
  const [, course, module] = /^\/courses\/([^/]+)\/([^/]+)\/attempts/.exec(path)!;
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", ...options.headers });
  if (options.person) headers.set("cookie", cookieOf(options.person));
  const method = options.method ?? "POST";
  const request = new Request(new URL(path, "http://localhost"), {
    method,
    headers,
    body: method === "GET" ? undefined : (options.body as BodyInit | undefined),
  });
  const handler = method === "GET" ? attemptsLoader : attemptsAction;
  const response = (await handler(routeArgs(request, { course: course!, module: module! }))) as Response;
  const text = await response.text();
  const out: Record<string, string> = {};
  response.headers.forEach((v, k) => (out[k] = k === "set-cookie" ? response.headers.getSetCookie().join(", ") : v));
  return { status: response.status, headers: out, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
const post = (person: Person | undefined, f: [string, string][], extra: Parameters<typeof send>[0] = {}) =>
  send({ person, body: new URLSearchParams(f).toString(), ...extra });

async function enrolled(course = "sample-course") {
  const p = await signedIn();
  const request = p.request(`/courses/${course}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "enrol" }),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect((await statusOf(() => enrolAction(routeArgs(request, { course })))).status).toBe(302);
  return p;
}
const stored = async (p: Person) => (await getDb().select({ n: count() }).from(quizAttempts).where(eq(quizAttempts.userId, p.user.id)))[0]!.n;
const allAttempts = async () => (await getDb().select({ n: count() }).from(quizAttempts))[0]!.n;

describe("attempts endpoint: a learner's submission", () => {
  it("is graded, stored once, and answered with the result and the standing after it, as JSON never cached", async () => {
    const p = await enrolled();
    const r = await post(p, fields("endpoint-good-key-1"));
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(r.body).toMatchObject({
      ok: true,
      quizId: "sample-quiz",
      result: { score: 0.875, passed: true, attemptNumber: 1, moduleCompleted: true },
      standing: { attempts: 1, best: 0.875, passed: true, remaining: null },
      nextAttemptKey: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
    });
    // The same key again is a resend: the stored attempt, not a second one.
    const again = await post(p, fields("endpoint-good-key-1"));
    expect(again.body).toMatchObject({ ok: true, result: { attemptNumber: 1 } });
    expect(await stored(p)).toBe(1);
  });

  it("submissions arriving at once are each stored once, a second send of the same key among them included", async () => {
    const learners = await Promise.all(Array.from({ length: 12 }, () => enrolled()));
    const before = await allAttempts();
    // Sent together, each in a transaction of its own; each reply says its own.
    const replies = await Promise.all([
      ...learners.map((p, i) => post(p, fields(`at-once-key-${String(i).padStart(4, "0")}`))),
      post(learners[0]!, fields("at-once-key-0000")),
    ]);
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(replies.map((r) => (r.body.result as { attemptNumber: number }).attemptNumber)).toEqual(replies.map(() => 1));
    expect((await allAttempts()) - before).toBe(learners.length);
    for (const p of learners) expect(await stored(p)).toBe(1);
  });

  it("passing the course's last quiz issues the certificate, whose credential is then signed in the background", async () => {
    const p = await enrolled();
    const course = (await getCatalog()).courses.get("sample-course")!;
    await recordModuleComplete(getDb(), { userId: p.user.id, course, module: course.modules[0]! });
    const r = await post(p, fields("completes-course-key-1"));
    expect(r.body).toMatchObject({ ok: true, result: { passed: true, moduleCompleted: true } });
    const certificate = async () => (await getDb().select().from(certificates).where(eq(certificates.userId, p.user.id)))[0];
    expect(await certificate()).toBeDefined(); // in the submission's own transaction
    await expect.poll(async () => (await certificate())?.credential ?? null, { timeout: 10_000 }).not.toBeNull();
  });

  it("gets the same reply as the module page's action gives a form posted without JavaScript", async () => {
    const a = await enrolled();
    const b = await enrolled();
    const viaEndpoint = (await post(a, fields("parity-endpoint-key-1"))).body;
    const request = b.request("/courses/sample-course/second", {
      method: "POST",
      body: new URLSearchParams(fields("parity-action-key-1")),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const viaAction = (await statusOf(() => moduleAction(routeArgs(request, { course: "sample-course", module: "second" })))).body as Record<string, unknown>;
    const { nextAttemptKey: k1, ...endpointRest } = viaEndpoint;
    const { nextAttemptKey: k2, ...actionRest } = viaAction;
    expect(k1).not.toBe(k2);
    expect(endpointRest).toEqual(actionRest);
  });

  it("tells a refusal in the learner's language: not enrolled is 403 in French", async () => {
    const p = await signedIn();
    await getDb().update(users).set({ locale: "fr" }).where(eq(users.id, p.user.id));
    const r = await post(p, fields("endpoint-french-key-1"));
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ ok: false, quizId: "sample-quiz", message: "Inscrivez-vous au cours pour répondre à ses quiz." });
    expect(await stored(p)).toBe(0);
  });

  it("says which answers are missing, keeps the same key good, and shows no explanation before grading", async () => {
    const p = await enrolled();
    const r = await post(
      p,
      fields("endpoint-missing-key-1").filter(([k]) => k !== "q.name-it"),
    );
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, errors: { "name-it": "Write an answer." }, nextAttemptKey: "endpoint-missing-key-1" });
    expect(JSON.stringify(r.body)).not.toMatch(/explanation|credit|correct/);
    // A long written answer comes back with its message.
    const long = await post(p, [...fields("endpoint-long-key-1").filter(([k]) => k !== "q.name-it"), ["q.name-it", "a".repeat(900)]]);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ errors: { "name-it": expect.stringMatching(/under 500 characters/) } });
    expect(await stored(p)).toBe(0);
  });

  it("renews a session in its second half, with the cookie's flags", async () => {
    const p = await enrolled();
    const token = cookieOf(p).split("=")[1]!;
    await getDb()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 24 * 3600 * 1000) })
      .where(eq(sessions.id, sessionIdFromToken(token)));
    const r = await post(p, fields("endpoint-renew-key-1"));
    expect(r.status).toBe(200);
    const cookie = String(r.headers["set-cookie"]);
    expect(cookie).toMatch(/^campus_session=[a-z2-7]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; over HTTPS it would be Secure
    expect(cookie).toMatch(/Expires=/);
  });
});

describe("attempts endpoint: bad requests get a 4xx with a message and store nothing", () => {
  it("nobody signed in, or a forged session: 401 with where to sign in (and the forged cookie cleared)", async () => {
    const before = await allAttempts();
    const anonymous = await post(undefined, fields("anonymous-key-1234"));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({
      ok: false,
      message: expect.stringMatching(/signed in/),
      login: "/login?redirectTo=%2Fcourses%2Fsample-course%2Fsecond",
    });
    const forged = await send({
      body: new URLSearchParams(fields("forged-key-12345678")).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "campus_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
    });
    expect(forged.status).toBe(401);
    expect(String(forged.headers["set-cookie"])).toMatch(/^campus_session=;.*Max-Age=0/);
    expect(await allAttempts()).toBe(before);
  });

  it("a wrong method: 405 with Allow; not a form: 415 (a cross-site origin and a body too large never reach it: tests/e2e/security.spec.ts)", async () => {
    const p = await enrolled();
    const get = await send({ method: "GET", person: p });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
    const json = await send({
      person: p,
      body: JSON.stringify(Object.fromEntries(fields("json-body-key-12345"))),
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
    expect(await stored(p)).toBe(0);
  });

  it("an unknown course, module or quiz: 404; a draft course a learner cannot see: 404", async () => {
    const p = await enrolled();
    expect((await post(p, fields("no-course-key-12345"), { path: "/courses/no-such-course/second/attempts" })).status).toBe(404);
    expect((await post(p, fields("no-module-key-12345"), { path: "/courses/sample-course/no-such-module/attempts" })).status).toBe(404);
    expect((await post(p, fields("draft-course-key-1234"), { path: "/courses/draft-course/only/attempts" })).status).toBe(404);
    const noQuiz = await post(
      p,
      fields("no-quiz-key-12345").map(([k, v]) => [k, k === "quizId" ? "no-such-quiz" : v] as [string, string]),
    );
    expect(noQuiz.status).toBe(404);
    expect(await stored(p)).toBe(0);
  });

  it("forged keys, wrong types and invalid UTF-8: 400, never 500", async () => {
    const p = await enrolled();
    const forgedKey = await post(p, fields("<script>alert(1)</script>"));
    expect(forgedKey.status).toBe(400);
    const noQuizId = await post(p, [["attemptKey", "no-quiz-id-key-1234"]]);
    expect(noQuizId.status).toBe(400);
    const bytes = Buffer.concat([Buffer.from("quizId=sample-quiz&attemptKey=utf8-broken-key-1234&q.name-it="), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]);
    const broken = await send({ person: p, body: bytes });
    expect(broken.status).toBe(400);
    expect(await stored(p)).toBe(0);
  });
});
