import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { admission } from "~/server/admission.server";

/** Just enough of a request and a response for the middleware. */
function exchange(url = "/courses") {
  const req = Object.assign(new EventEmitter(), { url, destroyed: false }) as unknown as IncomingMessage & { destroyed: boolean };
  const headers: Record<string, string> = {};
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    writableEnded: false,
    statusCode: 200,
    body: "",
    setHeader: (k: string, v: string) => void (headers[k] = v),
    end(this: { writableEnded: boolean; body: string; emit: (e: string) => void }, body = "") {
      this.writableEnded = true;
      this.body = body;
      this.emit("finish");
    },
    headers,
  });
  return { req, res: res as unknown as ServerResponse & typeof res };
}

describe("admission control", () => {
  it("works on at most `limit` requests at once and lets the others in first come, first served", () => {
    const gate = admission({ limit: 2, queue: 10 });
    const started: number[] = [];
    const xs = Array.from({ length: 5 }, () => exchange());
    xs.forEach((x, i) => gate(x.req, x.res, () => started.push(i)));
    expect(started).toEqual([0, 1]);
    expect(gate.stats()).toEqual({ active: 2, waiting: 3 });
    xs[1]!.res.end("done");
    expect(started).toEqual([0, 1, 2]);
    xs[0]!.res.emit("close"); // a client that went away frees its place too
    expect(started).toEqual([0, 1, 2, 3]);
    xs[0]!.res.emit("finish"); // and frees it only once
    expect(started).toEqual([0, 1, 2, 3]);
    xs[2]!.res.end();
    xs[3]!.res.end();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    xs[4]!.res.end();
    expect(gate.stats()).toEqual({ active: 0, waiting: 0 });
  });

  it("skips someone who gave up while waiting", () => {
    const gate = admission({ limit: 1, queue: 10 });
    const started: number[] = [];
    const [a, b, c] = [exchange(), exchange(), exchange()];
    gate(a.req, a.res, () => started.push(0));
    gate(b.req, b.res, () => started.push(1));
    gate(c.req, c.res, () => started.push(2));
    b.res.destroyed = true; // its connection closed

    a.res.end();
    expect(started).toEqual([0, 2]);
  });

  it("answers 503 with Retry-After once the queue is full, and never queues exempt paths", () => {
    const gate = admission({ limit: 1, queue: 1, exempt: (url) => url.startsWith("/healthz") });
    const started: string[] = [];
    const [a, b, c, health] = [exchange(), exchange(), exchange(), exchange("/healthz")];
    gate(a.req, a.res, () => started.push("a"));
    gate(b.req, b.res, () => started.push("b"));
    gate(c.req, c.res, () => started.push("c"));
    expect(c.res.statusCode).toBe(503);
    expect(c.res.headers["Retry-After"]).toBe("5");
    expect(c.res.body).toMatch(/busy/);
    gate(health.req, health.res, () => started.push("health"));
    expect(started).toEqual(["a", "health"]);
  });

  it("does nothing with a limit of 0", () => {
    const gate = admission({ limit: 0, queue: 0 });
    let n = 0;
    for (let i = 0; i < 50; i++) gate(exchange().req, exchange().res, () => n++);
    expect(n).toBe(50);
  });
});
