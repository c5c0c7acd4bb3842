/**
 * Request bodies are read here, whole, before a request costs the server
 * anything else: before admission control gives it one of the few places
 * pages are worked on in, before a route parses it. Each is bounded:
 *
 * - in size, counted as it streams (a declared Content-Length past the limit
 *   is refused at once; a chunked body is refused the moment it passes), 413;
 * - in time: a body that has not fully arrived in time is refused, 408, so
 *   a client that trickles a byte every few seconds holds only its own
 *   connection, and only for that long;
 * - in parts, for multipart forms (a cap on the number of fields and files), 413.
 *
 * A refused body's connection is closed after the answer: the rest of it is
 * never read. Routes that need more than a small form declare it in LIMITS.
 */
import type { IncomingMessage } from "node:http";
import { MAX_FORM_BYTES } from "~/utils/forms.server";

export type BodyLimits = { bytes: number; ms: number; parts: number };

/** An ordinary form: the largest any page's action takes (a quiz with long written answers is well under it). */
export const FORM_LIMITS: BodyLimits = { bytes: MAX_FORM_BYTES, ms: 20_000, parts: 100 };

/** Bulk enrolment: a spreadsheet of up to 50,000 rows, sent over a slow connection (8 MB at 2G speeds takes minutes). */
export const IMPORT_LIMITS: BodyLimits = { bytes: 8 * 1024 * 1024, ms: 180_000, parts: 8 };

const LIMITS: [RegExp, BodyLimits][] = [[/^\/dashboard\/coops\/[^/]+\/import(?:\.data)?$/, IMPORT_LIMITS]];

/** The longest any body may take to arrive: the server's request timeout is set just above it. */
export const LONGEST_BODY_MS = Math.max(FORM_LIMITS.ms, ...LIMITS.map(([, l]) => l.ms));

export function limitsFor(url: string | undefined): BodyLimits {
  const path = (url ?? "/").split("?", 1)[0]!;
  return LIMITS.find(([pattern]) => pattern.test(path))?.[1] ?? FORM_LIMITS;
}

/** Methods whose requests carry a body worth reading (GET and HEAD bodies are ignored, as browsers never send one). */
export const hasBody = (method: string | undefined) => method !== "GET" && method !== "HEAD" && method !== "OPTIONS";

export type BodyRefusal = { status: 408 | 413; reason: "too-large" | "too-slow" | "too-many-parts" };
export type BodyResult = { ok: true; body: Buffer } | ({ ok: false } & BodyRefusal);

// Kept on the request itself under a registered symbol: server.ts and the app's build are bundled apart, and each
// has its own copy of this module, so a module-level map would not be shared between them.
const BODY = Symbol.for("co-op-campus.body");
type WithBody = IncomingMessage & { [BODY]?: Buffer };
const bodies = {
  get: (req: IncomingMessage) => (req as WithBody)[BODY],
  set: (req: IncomingMessage, body: Buffer) => void ((req as WithBody)[BODY] = body),
};

/** The body read for this request (empty when it had none). */
export function bodyOf(req: IncomingMessage): Buffer {
  return bodies.get(req) ?? Buffer.alloc(0);
}

/** Reads the whole body within its limits and keeps it for bodyOf; a body already read is handed back as it is. */
export async function readBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  const kept = bodies.get(req);
  if (kept) return { ok: true, body: kept };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (Number.isFinite(declared) && declared > limits.bytes) return { ok: false, status: 413, reason: "too-large" };
  const result = await collect(req, limits);
  if (!result.ok) return result;
  if (tooManyParts(req.headers["content-type"], result.body, limits.parts)) return { ok: false, status: 413, reason: "too-many-parts" };
  bodies.set(req, result.body);
  return result;
}

function collect(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onError);
      // Whatever else arrives is not read: the answer says why, and the connection closes after it.
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.bytes) return finish({ ok: false, status: 413, reason: "too-large" });
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    // A client that went away: nothing to answer; the empty body is never handed on (the response is closed too).
    const onError = () => finish({ ok: false, status: 408, reason: "too-slow" });
    const timer = setTimeout(() => finish({ ok: false, status: 408, reason: "too-slow" }), limits.ms);
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onError);
    req.once("close", onError); // after "end" this changes nothing: the body is already settled
  });
}

/** A multipart body with more parts than allowed; counted by its boundary lines, before any parser sees it. */
export function tooManyParts(contentType: string | undefined, body: Buffer, max: number): boolean {
  const match = /^multipart\/form-data\b.*?;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? "");
  if (!match) return false;
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  let parts = -1; // the closing delimiter ends the last part
  for (let at = body.indexOf(delimiter); at >= 0; at = body.indexOf(delimiter, at + delimiter.length)) {
    if (++parts > max) return true;
  }
  return false;
}
