/**
 * The lane for quiz answers sent with JavaScript (decision 0017).
 *
 * A class pressing "Submit" together is the one burst this server must
 * absorb, and one process works through simultaneous submissions one after
 * another. Through express and React Router a submission cost about 1.5 ms of
 * the server's main thread, of which grading and storing it were 0.35 ms: the
 * rest was express's request set-up, web Request and Response objects, the
 * framework's routing and a gzip stream. So server.ts hands a POST to
 * /courses/<course>/<module>/attempts to this lane once the perimeter every
 * request passes has let it through (the per-address cap, the body read whole
 * within its limits, app/server/bodies.server.ts) and admission control has
 * given it its turn; here the cross-site refusal (the same rule as express's,
 * app/server/origin.server.ts) and then the attempts route's own function
 * (app/quizzes/attempts-reply.server.ts) answer it. Every other method sent
 * to that address goes to the route, through express.
 *
 * This module is loaded by server.ts, outside the app's build: it gets the
 * reply function from the build (so the database and catalog are the app's).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { attemptsTarget, type QuizReply } from "~/quizzes/replies";
import type { AttemptAnswer, AttemptRequest } from "~/quizzes/attempts-reply.server";
import { gzipReply } from "~/utils/gzip.server";
import { bodyOf } from "./bodies.server";
import { CROSS_SITE_REFUSAL, isForeignOrigin } from "./origin.server";

type Reply = (request: AttemptRequest, target: { course: string; module: string }, body: string) => Promise<AttemptAnswer>;

/** Smaller replies go as they are: they fit one TCP segment either way (a graded reply is 0.5-1.5 KB). */
const GZIP_FROM_BYTES = 1024;
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;
const SERVER_ERROR = "Something went wrong on the server. Send your answers again: they will not be counted twice.";

/** The course and module of a POST this lane answers; null for anything else. */
export function attemptsPost(req: IncomingMessage): { course: string; module: string } | null {
  return req.method === "POST" && req.url ? attemptsTarget(req.url.split("?", 1)[0]!) : null;
}

export async function answerInLane(
  req: IncomingMessage,
  res: ServerResponse,
  target: { course: string; module: string },
  options: { publicUrl?: string; reply: () => Promise<Reply> | Reply },
) {
  const bare = (status: number, message: string): AttemptAnswer => ({
    status,
    reply: { ok: false, message },
    headers: { "Cache-Control": "no-store" },
    cookies: [],
  });
  try {
    const host = req.headers.host ?? "";
    let answer: AttemptAnswer;
    if (!HOST.test(host)) answer = bare(400, "The request named no valid host.");
    else if (isForeignOrigin(header(req, "origin") ?? undefined, host, options.publicUrl)) answer = bare(403, CROSS_SITE_REFUSAL);
    else answer = await (await options.reply())(view(req, host), target, bodyOf(req).toString("utf8"));
    send(req, res, answer);
  } catch (error) {
    console.error(error);
    if (res.headersSent) res.destroy();
    else send(req, res, bare(500, SERVER_ERROR));
  }
}

/** The node request as the session and language code read it: headers by name, and the URL with its scheme. */
function view(req: IncomingMessage, host: string): AttemptRequest {
  const secure = (req.socket as TLSSocket).encrypted === true;
  return { method: req.method ?? "POST", url: `${secure ? "https" : "http"}://${host}${req.url ?? "/"}`, headers: { get: (name) => header(req, name) } };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

function send(req: IncomingMessage, res: ServerResponse, { status, reply, headers: own, cookies }: AttemptAnswer) {
  let body: Buffer = Buffer.from(JSON.stringify(reply satisfies QuizReply));
  const headers: Record<string, string | string[]> = {
    ...own,
    "Content-Type": "application/json; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    Vary: "Accept-Encoding",
  };
  if (cookies.length) headers["Set-Cookie"] = cookies;
  if (body.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(header(req, "accept-encoding") ?? "")) {
    body = gzipReply(body);
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(body.length);
  res.writeHead(status, headers);
  res.end(body);
}
