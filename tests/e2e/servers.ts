import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type TestServer = { child: ChildProcess; base: string; dir: string; log: () => string; stop: () => void };

/**
 * A production server of a test's own: its own database, cache, signing key
 * and (optionally) content folder in a temporary directory, on a loopback
 * port. One process (no npx wrapper), so that stopping it really stops it.
 */
export async function startServer(options: { port: number; dev?: boolean; content?: string; dir?: string; env?: Record<string, string> }): Promise<TestServer> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "campus-test-server-"));
  const child = spawn(process.execPath, options.dev ? ["--import", "tsx", "server.ts", "--dev"] : ["build/server.js"], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATABASE_URL: path.join(dir, "campus.db"),
      CACHE_DIR: path.join(dir, "cache"),
      ISSUER_KEY_FILE: path.join(dir, "issuer-key.json"),
      ...(options.content ? { CONTENT_DIR: options.content } : {}),
      CAMPUS_DEMO: "0",
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${options.port}`;
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base, dir, log: () => log, stop };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`server on ${options.port} did not start:\n${log}`);
}

/** A process killed by a signal has exitCode null and its signal in signalCode: either means it has exited. */
export const stopped = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));
