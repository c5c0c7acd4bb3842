/**
 * POST /courses/<course>/<module>/attempts: where the quiz form sends its
 * answers when JavaScript runs (and where answers kept offline are sent when
 * the connection returns). server.ts hands it these requests before express
 * and Remix see them; everything else goes the usual way.
 *
 * Why outside Remix (decision 0011): a class of 200 learners pressing
 * "Submit" together is the one burst this server must absorb, and one
 * process works through simultaneous submissions one after another. Through
 * express and Remix a submission cost about 1.8 ms of server time, of which
 * grading and storing it was about 0.25 ms: the rest was building web
 * Request and Response objects, single fetch's encoding, streams and gzip on
 * the thread pool. Here the same checks run on the node request directly.
 *
 * The checks are those of any action: the method (405), a cross-site Origin
 * (403), a form body (415) of bounded size (413), a signed-in learner (401,
 * with where to sign in), the course and module as this person may see them
 * (404), then `answerQuiz`, which the module page's action also calls, for
 * the schema, grading, storing and every refusal in the learner's language.
 * The reply is JSON, gzipped when it is worth it (with zlib's state sized to
 * it: app/utils/gzip.server.ts), never cached.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { getSignedIn, toViewer } from "~/auth/auth.server";
import { findCourse, getCatalog, visibleModules } from "~/catalog/catalog.server";
import { getEnv } from "~/env.server";
import { messages } from "~/i18n/i18n";
import { negotiateLanguage } from "~/i18n/locale.server";
import { attemptsTarget, type QuizReply } from "~/quizzes/replies";
import { answerQuiz } from "~/quizzes/submission.server";
import { FORM_LIMITS, readBody } from "./bodies.server";
import { gzipReply } from "~/utils/gzip.server";
import type { RequestLike } from "~/utils/request-like";
import { CROSS_SITE_REFUSAL, isForeignOrigin } from "./origin.server";

/** Smaller replies go as they are: they fit one TCP segment either way (a graded reply is 0.5-1.5 KB). */
const GZIP_FROM_BYTES = 1024;
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** True for the paths this endpoint answers (any method: the wrong ones get a 405 here, not a page). */
export function isAttemptsRequest(url: string | undefined): boolean {
  return targetOf(url) !== null;
}

const targetOf = (url: string | undefined) => (url ? attemptsTarget(url.split("?", 1)[0]!) : null);

export async function handleAttempt(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const { status, reply, cookies } = await respond(req);
    send(req, res, status, reply, cookies);
  } catch (error) {
    console.error(error);
    if (res.headersSent) res.destroy();
    else send(req, res, 500, { ok: false, message: "Something went wrong on the server. Send your answers again: they will not be counted twice." });
  }
}

type Answer = { status: number; reply: QuizReply; cookies?: string[] };

async function respond(req: IncomingMessage): Promise<Answer> {
  const en = messages.en.quizErrors;
  const host = req.headers.host ?? "";
  if (!HOST.test(host)) return { status: 400, reply: { ok: false, message: en.notTheForm } };
  const request = view(req, host);
  // The language of the messages: the signed-in person's, else the browser's. Known before the session only
  // from the browser, so the first refusals use that.
  const early = () => messages[negotiateLanguage(request, null)].quizErrors; // read only when refusing
  if (req.method !== "POST") return { status: 405, reply: { ok: false, message: early().notTheForm } };
  if (isForeignOrigin(header(req, "origin") ?? undefined, host, getEnv().publicUrl)) return { status: 403, reply: { ok: false, message: CROSS_SITE_REFUSAL } };
  const type = (header(req, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return { status: 415, reply: { ok: false, message: early().notTheForm } };
  // server.ts has read the body already, within its limits; read here only when called on its own (tests).
  const read = await readBody(req, FORM_LIMITS);
  if (!read.ok) return { status: read.status, reply: { ok: false, message: read.status === 413 ? early().tooLarge : early().notTheForm } };
  const body = read.body;

  const context = { setCookies: [] as string[] };
  const user = getSignedIn(request, context)?.user ?? null;
  const language = negotiateLanguage(request, user);
  const target = targetOf(req.url)!;
  const modulePath = `/courses/${encodeURIComponent(target.course)}/${encodeURIComponent(target.module)}`;
  if (!user) {
    const reply: QuizReply = { ok: false, message: messages[language].quizErrors.signIn, login: `/login?redirectTo=${encodeURIComponent(modulePath)}` };
    return { status: 401, reply, cookies: context.setCookies };
  }
  const viewer = toViewer(user);
  const course = findCourse(await getCatalog(), target.course, viewer);
  const module = course ? visibleModules(course, viewer).find((m) => m.slug === target.module) : undefined;
  if (!course || !module) {
    const reply: QuizReply = { ok: false, message: messages[language].serverErrors[course ? "noModule" : "noCourse"] };
    return { status: 404, reply, cookies: context.setCookies };
  }
  // Invalid UTF-8 becomes U+FFFD, which no choice id matches and the schema and grading then refuse or mark wrong.
  const fields = new URLSearchParams(body.toString("utf8"));
  const { status, reply } = await answerQuiz({ userId: user.id, course, module, fields, language });
  return { status, reply, cookies: context.setCookies };
}

/** The node request as the session and language code read it: headers by name, and the URL with its scheme. */
function view(req: IncomingMessage, host: string): RequestLike {
  const secure = (req.socket as TLSSocket).encrypted === true;
  return { url: `${secure ? "https" : "http"}://${host}${req.url ?? "/"}`, headers: { get: (name) => header(req, name) } };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, reply: QuizReply, cookies: string[] = []) {
  let body: Buffer = Buffer.from(JSON.stringify(reply));
  const headers: Record<string, string | string[]> = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    Vary: "Accept-Encoding",
  };
  if (status === 405) headers.Allow = "POST";
  if (cookies.length) headers["Set-Cookie"] = cookies;
  if (body.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(header(req, "accept-encoding") ?? "")) {
    body = gzipReply(body);
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(body.length);
  // A body refused unread (too large, wrong type or method) would otherwise be read to its end first.
  if (!req.complete) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(body);
}
