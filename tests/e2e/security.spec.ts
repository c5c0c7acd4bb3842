/**
 * What a slow, greedy or crafty client can do to a running server (issue
 * 25), against the production build with a server of its own: trickling
 * bodies, oversized chunked bodies, multipart forms with many parts, many
 * requests from one address, redirect targets, and what signed-in answers
 * say about caching. Loopback only; bounded in time.
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { startServer, type TestServer } from "./servers";

const PORT = 3275;
const PER_ADDRESS = 24;
let server: TestServer;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  server = await startServer({ port: PORT, env: { MAX_REQUESTS_PER_ADDRESS: String(PER_ADDRESS), LOG_LEVEL: "info" } });
});
test.afterAll(() => server?.stop());

/** A POST that announces a body and then sends one byte of it every 500 ms, for as long as it is left open. */
function trickle(path: string) {
  const socket = net.connect(PORT, "127.0.0.1");
  socket.on("error", () => {});
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n`);
  const timer = setInterval(() => socket.write("a"), 500);
  socket.on("close", () => clearInterval(timer));
  return socket;
}

const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("eight clients trickling their bodies hold only their own connections: pages still answer at once", async () => {
  // Each page once before: a fresh server's first render (code still cold, on a machine busy with the other
  // tests) took 3 s in one CI run, which says nothing about trickling bodies.
  for (const path of ["/courses", "/login", "/healthz"]) expect((await fetch(`${server.base}${path}`)).status).toBe(200);
  const slow = Array.from({ length: 8 }, (_, i) => trickle(i % 2 ? "/login" : "/signup"));
  try {
    await sleep(1000);
    for (const path of ["/courses", "/login", "/healthz"]) {
      const started = Date.now();
      const response = await fetch(`${server.base}${path}`);
      expect(response.status).toBe(200);
      expect(Date.now() - started, `${path} answered while eight bodies trickle`).toBeLessThan(1000);
    }
  } finally {
    for (const s of slow) s.destroy();
  }
});

test("one address may hold only so many requests open; the next is told to wait", async () => {
  const slow = Array.from({ length: PER_ADDRESS }, () => trickle("/login"));
  try {
    await sleep(1000);
    const response = await fetch(`${server.base}/courses`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBeTruthy();
    expect(await response.text()).toMatch(/Too many requests from your network/);
  } finally {
    for (const s of slow) s.destroy();
  }
  await sleep(500);
  expect((await fetch(`${server.base}/courses`)).status).toBe(200);
});

test("a 30 MB chunked body is refused with 413 as soon as it passes the limit, and the server's memory stays flat", async () => {
  const before = rss(server.child.pid!);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port: PORT,
      path: "/login",
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode!);
      req.destroy();
    });
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < 30 * 1024 * 1024 && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
  expect(status).toBe(413);
  expect(rss(server.child.pid!) - before).toBeLessThan(20 * 1024 * 1024);
  await expect.poll(() => server.log()).toMatch(/refused 413 too-large: POST \/login from 127\.0\.0\.1/);
  // One line, not a stack trace.
  expect(server.log()).not.toMatch(/^\s+at /m);
});

test("a multipart form with more parts than allowed is refused before any parser reads it", async () => {
  const form = new FormData();
  for (let i = 0; i < 40; i++) form.append(`field${i}`, "x");
  const response = await fetch(`${server.base}/dashboard/coops/1/import`, { method: "POST", body: form });
  expect(response.status).toBe(413);
});

test("redirect targets stay on the site, and none answers 500", async () => {
  const email = `redirects-${Date.now()}@example.org`;
  const signup = await fetch(`${server.base}/signup`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ name: "Redirected", email, password: "long enough", locale: "en", redirectTo: "/\t/evil.example" }),
  });
  expect(signup.status).toBe(302);
  expect(signup.headers.get("location")).toBe("/learn");
  for (const target of [
    "/\t/evil.example",
    "/\\evil.example",
    "//evil.example",
    "/%2F%2Fevil.example",
    "/.//evil.example",
    "/learn\r\nX: y",
    "/caf\u00e9",
    "/\u2028",
    "https://evil.example",
  ]) {
    const response = await fetch(`${server.base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: "long enough", redirectTo: target }),
    });
    expect(response.status, JSON.stringify(target)).toBe(302);
    const location = response.headers.get("location")!;
    expect(new URL(location, "http://campus.test").host, JSON.stringify(target)).toBe("campus.test");
    expect(location.startsWith("//"), JSON.stringify(target)).toBe(false);
  }
});

test("every answer to a signed-in person says private, no-store; shared course files stay cacheable", async () => {
  const email = `cache-${Date.now()}@example.org`;
  const signup = await fetch(`${server.base}/signup`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ name: "Cached Not", email, password: "long enough", locale: "en" }),
  });
  expect(signup.headers.get("cache-control")).toBe("private, no-store");
  const cookie = signup.headers.get("set-cookie")!.split(";")[0]!;
  for (const path of ["/learn", "/learn.data", "/settings", "/courses", "/", "/settings/data.json"]) {
    const response = await fetch(`${server.base}${path}`, { headers: { cookie }, redirect: "manual" });
    expect(response.headers.get("cache-control"), path).toBe("private, no-store");
  }
  const anonymous = await fetch(`${server.base}/.well-known/did.json`);
  expect(anonymous.headers.get("cache-control")).toMatch(/^public/);
  const signedInDid = await fetch(`${server.base}/.well-known/did.json`, { headers: { cookie } });
  expect(signedInDid.headers.get("cache-control")).toMatch(/^public/);
});

test("quiz answers sent by the enhanced form pass the same perimeter as every action: cross-site 403, too large 413, a wrong method 405", async () => {
  const email = `attempts-${Date.now()}@example.org`;
  const signup = await fetch(`${server.base}/signup`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ name: "Perimeter", email, password: "long enough", locale: "en" }),
  });
  const cookie = signup.headers.get("set-cookie")!.split(";")[0]!;
  const url = `${server.base}/courses/coops-and-health-first-look/coops-working-for-health/attempts`;
  const form = { "Content-Type": "application/x-www-form-urlencoded", cookie };
  const crossSite = await fetch(url, {
    method: "POST",
    headers: { ...form, Origin: "https://evil.example" },
    body: "quizId=coops-for-health&attemptKey=cross-site-key-00001",
  });
  expect(crossSite.status).toBe(403);
  const huge = await fetch(url, { method: "POST", headers: form, body: `quizId=coops-for-health&attemptKey=huge-key-0000001&q.x=${"x".repeat(70_000)}` });
  expect(huge.status).toBe(413);
  const get = await fetch(url, { headers: { cookie } });
  expect(get.status).toBe(405);
  expect(get.headers.get("allow")).toBe("POST");
  expect(get.headers.get("x-content-type-options")).toBe("nosniff");
});
