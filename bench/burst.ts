/**
 * Many requests sent at the same moment, each timed from the moment it is
 * issued (its connection not yet open) to the moment the last byte of its
 * answer has arrived.
 *
 * The client is the measuring instrument, and on this two-core machine it
 * shares the cores with the server it measures: what it spends is taken from
 * the server. Node's fetch (undici) costs about half a millisecond of CPU per
 * request (200 fetches at once to a server that only answers "ok": p95 80-170
 * ms, the bench timing itself); node's `http.request` about 0.3-0.5 ms. This
 * client writes each request as bytes on a plain TCP socket and reads the
 * answer with no more parsing than it needs (the status, the headers it uses,
 * a body by length or in chunks): half of `http.request`'s CPU again.
 * `burstFloor` runs the same burst against a server that only answers "ok",
 * in a process of its own, so the table shows what the harness itself adds.
 *
 * Each request opens its own connection and asks the server to close it, as
 * 200 phones would: none is kept from an earlier page (a learner reads for
 * minutes, and the server closes idle connections after 5 s).
 */
import { spawn } from "node:child_process";
import net from "node:net";
import zlib from "node:zlib";

export type BurstRequest = { url: string; method?: string; headers?: Record<string, string>; body?: string };
export type BurstResult = { ms: number; status: number; text: string };
/** An answer as it arrived: its body decoded only once the whole burst is in. */
type Arrived = { ms: number; status: number; gzip: boolean; body: Buffer };

/** The request as it goes on the wire: HTTP/1.1, Connection: close, the body's length declared. */
function wire(request: BurstRequest): { host: string; port: number; bytes: Buffer } {
  const url = new URL(request.url);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = { host: url.host, "accept-encoding": "gzip", connection: "close", ...request.headers };
  if (body) headers["content-length"] = String(body.length);
  const head = `${request.method ?? (body ? "POST" : "GET")} ${url.pathname}${url.search} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;
  return { host: url.hostname, port: Number(url.port || 80), bytes: body ? Buffer.concat([Buffer.from(head), body]) : Buffer.from(head) };
}

type Parsed = { status: number; gzip: boolean; body: Buffer };

/** The response once it is whole (null until then): a body by Content-Length, in chunks, or up to the close. */
function parse(raw: Buffer, closed: boolean): Parsed | null {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const lines = raw.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(lines[0]!.split(" ")[1]);
  const header = (name: string) =>
    lines
      .find((l) => l.toLowerCase().startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim()
      .toLowerCase();
  const gzip = header("content-encoding") === "gzip";
  const rest = raw.subarray(end + 4);
  const length = header("content-length");
  if (length !== undefined) return rest.length >= Number(length) ? { status, gzip, body: rest.subarray(0, Number(length)) } : null;
  if (header("transfer-encoding") === "chunked") {
    const chunks: Buffer[] = [];
    for (let at = 0; ;) {
      const eol = rest.indexOf("\r\n", at);
      if (eol < 0) return null;
      const size = parseInt(rest.subarray(at, eol).toString("latin1"), 16);
      if (size === 0) return { status, gzip, body: Buffer.concat(chunks) };
      if (rest.length < eol + 2 + size + 2) return null;
      chunks.push(rest.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
  }
  return closed ? { status, gzip, body: rest } : null;
}

function send(request: BurstRequest): Promise<Arrived> {
  const { host, port, bytes } = wire(request);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      const parsed = parse(Buffer.concat(chunks), closed);
      if (!parsed) {
        if (closed) reject(new Error(`${request.url}: the connection closed before a whole answer`));
        return;
      }
      done = true;
      const ms = performance.now() - started;
      socket.destroy();
      resolve({ ms, ...parsed });
    };
    const socket = net.connect({ host, port }, () => socket.write(bytes));
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      finish(false);
    });
    socket.on("end", () => finish(true));
    socket.on("error", (error) => done || reject(error));
  });
}

/**
 * Sends every request at once, each on a connection of its own; answers in the order asked.
 * Bodies are unzipped once every answer is in: 200 phones each unzip their own, in parallel, while this one
 * client unzipping each answer as it came would hold up its reading of the others, and their clocks with it.
 */
export async function burst(requests: BurstRequest[]): Promise<BurstResult[]> {
  const arrived = await Promise.all(requests.map(send));
  return arrived.map(({ ms, status, gzip, body }) => ({ ms, status, text: (gzip ? zlib.gunzipSync(body) : body).toString("utf8") }));
}

/**
 * What the harness alone costs: the same burst against a server (a process of
 * its own, as the app's is) that reads the body and answers "ok".
 */
export async function burstFloor(size: number, rounds: number): Promise<number[]> {
  const code = `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => s.end("ok")); }).listen(0, "127.0.0.1", function () { console.log(this.address().port); });`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<string>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())));
    const url = `http://127.0.0.1:${port}/`;
    const p95s: number[] = [];
    for (let i = 0; i < rounds + 1; i++) {
      const results = await burst(Array.from({ length: size }, () => ({ url, body: "intent=quiz" })));
      if (results.some((r) => r.status !== 200 || r.text !== "ok")) throw new Error("harness floor: the trivial server did not answer ok");
      if (i > 0)
        p95s.push(
          percentile(
            results.map((r) => r.ms),
            0.95,
          ),
        ); // the first round warms both sides up
    }
    return p95s;
  } finally {
    child.kill();
  }
}

export function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
}
