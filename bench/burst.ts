/**
 * Many requests sent at the same moment, each timed from the moment it is
 * issued (its connection not yet open) to the moment its whole answer has
 * arrived, with node's own HTTP
 * client.
 *
 * Why not fetch: Node's fetch (undici) costs the *client* about half a
 * millisecond of CPU per request, and a burst queues those costs in the one
 * bench process. Two hundred fetches at once to a server that answers "ok"
 * and nothing else measured a p95 of 80-170 ms on this machine: the bench was
 * timing itself. `http.request` costs a fraction of that (p95 30-55 ms for
 * the same trivial server, connections opened fresh). `burstFloor` runs the
 * same burst against such a server, in a process of its own, so the table
 * shows what the harness itself adds.
 *
 * Each request opens its own connection, as 200 phones would: none is kept
 * from an earlier page (a learner reads for minutes, and the server closes
 * idle connections after 5 s).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import zlib from "node:zlib";

export type BurstRequest = { url: string; method?: string; headers?: Record<string, string>; body?: string };
export type BurstResult = { ms: number; status: number; text: string };

function send(request: BurstRequest, agent: http.Agent): Promise<BurstResult> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const headers: Record<string, string> = { "accept-encoding": "gzip", ...request.headers };
    if (body) headers["content-length"] = String(body.length);
    const started = performance.now();
    const req = http.request(request.url, { method: request.method ?? (body ? "POST" : "GET"), headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const ms = performance.now() - started;
        // Decoded after the clock stops: a phone's unzipping is not the server's latency.
        const raw = Buffer.concat(chunks);
        const text = (res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(raw) : raw).toString("utf8");
        resolve({ ms, status: res.statusCode ?? 0, text });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends every request at once, each on a connection of its own; answers in the order asked. */
export async function burst(requests: BurstRequest[]): Promise<BurstResult[]> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  try {
    return await Promise.all(requests.map((r) => send(r, agent)));
  } finally {
    agent.destroy();
  }
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
      if (i > 0) p95s.push(percentile(results.map((r) => r.ms), 0.95)); // the first round warms both sides up
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
