/**
 * Requests refused before they reach a page: too many open from one address
 * (429), a body too large or with too many parts (413), or too slow to
 * arrive (408). The answer is one short sentence in the asker's language
 * (from their language cookie or browser; nobody is looked up), and the
 * server's log gets one line, not a stack: these are the server doing its
 * job. A body that was not read to its end is drained for a moment, then
 * its connection is cut.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getEnv } from "~/env.server";
import { messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";

export type Refusal = {
  status: 408 | 413 | 429;
  reason: "too-large" | "too-slow" | "too-many-parts" | "too-many-open";
  address: string;
};

export function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal) {
  logRefusal(req, refusal);
  if (res.headersSent || res.destroyed) return;
  const language = negotiateLanguage({ url: "http://localhost/", headers: { get: (name) => header(req, name) } }, null);
  const t = messages[language].requestErrors;
  const text = { "too-large": t.tooLarge, "too-many-parts": t.tooLarge, "too-slow": t.tooSlow, "too-many-open": t.tooManyOpen }[refusal.reason];
  const body = Buffer.from(text + "\n");
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(body.length),
    "Content-Language": language,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (refusal.status === 429) headers["Retry-After"] = "5";
  res.writeHead(refusal.status, headers);
  res.end(body);
  if (!req.complete) linger(req);
}

/**
 * The rest of a refused body is read and thrown away for a short while (up to 64 MB, or 5 s), so that the client,
 * still sending, reads the answer before the connection closes: closing at once with its data unread would
 * reset the connection and lose the answer on the client's side. Past that, the connection is cut.
 */
const LINGER_BYTES = 64 * 1024 * 1024;
const LINGER_MS = 5000;
function linger(req: IncomingMessage) {
  let discarded = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) cut();
  });
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

export function logRefusal(req: Pick<IncomingMessage, "method" | "url">, refusal: Pick<Refusal, "status" | "reason" | "address">) {
  const level = getEnv().logLevel;
  if (level === "silent" || level === "error") return;
  const path = (req.url ?? "/").split("?", 1)[0]!.slice(0, 200);
  console.warn(`refused ${refusal.status} ${refusal.reason}: ${req.method} ${path} from ${refusal.address}`);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
