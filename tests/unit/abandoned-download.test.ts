/**
 * A client that gives up halfway through a file (a phone on a weak signal, a
 * page left before its pictures arrived) must not stop the server. A body read
 * from a file through React Router's createReadableStreamFromReadable, when
 * cancelled with a reason, destroyed its file stream with that reason after
 * removing its own error listener: the 'error' event then had no listener and
 * Node stopped the process (found by the browser suite under load).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@react-router/node";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createExpressHandler } from "~/server/request-handler.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-abandon-"));
const file = path.join(dir, "big.bin");
let server: http.Server;
let base = "";
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  fs.writeFileSync(file, Buffer.alloc(32 * 1024 * 1024, 7));
  process.on("uncaughtException", onUncaught);
  const app = express();
  app.use(compression());
  app.use(
    createExpressHandler({
      getLoadContext: () => ({}) as never,
      handle: () => async () =>
        new Response(createReadableStreamFromReadable(fs.createReadStream(file)), { headers: { "Content-Type": "application/octet-stream" } }),
    }),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  process.off("uncaughtException", onUncaught);
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Reads the first bytes of the file, then drops the connection as a phone that lost its signal would. */
const abandon = () =>
  new Promise<void>((resolve, reject) => {
    const req = http.get(`${base}/file`, { headers: { "accept-encoding": "identity" } }, (res) => {
      res.once("data", () => {
        req.destroy();
        resolve();
      });
    });
    req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" ? resolve() : reject(e)));
  });

it("a download given up halfway leaves the server running, and the next one is served whole", async () => {
  for (let i = 0; i < 5; i++) await abandon();
  await new Promise((r) => setTimeout(r, 300));
  expect(uncaught).toEqual([]);
  const whole = await new Promise<number>((resolve, reject) => {
    http
      .get(`${base}/file`, { headers: { "accept-encoding": "identity" } }, (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length)).on("end", () => resolve(bytes));
      })
      .on("error", reject);
  });
  expect(whole).toBe(32 * 1024 * 1024);
});
