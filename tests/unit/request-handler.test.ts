/**
 * The express glue (app/server/request-handler.server.ts) writes a streamed
 * body no faster than the client reads it, behind compression() as in
 * server.ts, and a long download leaves no listeners behind.
 */
import crypto from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createExpressHandler } from "~/server/request-handler.server";

const CHUNK = 64 * 1024;
const CHUNKS = 800; // 50 MB: far more than the kernel's and the streams' buffers hold between them
let pulled = 0;
let server: http.Server;
let base = "";
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(w.message);

beforeAll(async () => {
  process.on("warning", onWarning);
  const app = express();
  app.use(compression());
  app.use(
    createExpressHandler({
      getLoadContext: () => ({}) as never,
      handle: () => async () => {
        pulled = 0;
        // Incompressible bytes, so that the compressed stream fills as fast as the plain one.
        const random = Buffer.alloc(CHUNK);
        return new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (pulled === CHUNKS) return controller.close();
              pulled++;
              crypto.randomFillSync(random);
              controller.enqueue(new Uint8Array(random));
            },
          }),
          { headers: { "Content-Type": "text/csv; charset=utf-8" } },
        );
      },
    }),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  process.off("warning", onWarning);
  server.close();
});

function download(encoding: string) {
  return new Promise<{ res: http.IncomingMessage; body: () => Promise<Buffer> }>((resolve, reject) => {
    http
      .get(`${base}/export`, { headers: { "accept-encoding": encoding } }, (res) => {
        res.pause();
        resolve({
          res,
          body: () =>
            new Promise((done) => {
              const parts: Buffer[] = [];
              res.on("data", (c: Buffer) => parts.push(c)).on("end", () => done(Buffer.concat(parts)));
              res.resume();
            }),
        });
      })
      .on("error", reject);
  });
}

for (const encoding of ["gzip", "identity"]) {
  it(`waits for a slow reader and sends the whole body (${encoding}), with no listener piling up`, async () => {
    const { res, body } = await download(encoding);
    await new Promise((r) => setTimeout(r, 300));
    // The reader has not read: only what fits the sockets' and streams' buffers has been made.
    expect(pulled).toBeLessThan(CHUNKS / 2);
    const bytes = await body();
    const plain = res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(bytes) : bytes;
    expect(plain.length).toBe(CHUNK * CHUNKS);
    expect(pulled).toBe(CHUNKS);
    expect(warnings.filter((w) => /listener/i.test(w))).toEqual([]);
  });
}
