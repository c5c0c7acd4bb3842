/**
 * Dashboard figures computed on a thread of their own. SQLite answers
 * synchronously, and a date range over 500,000 enrolments takes about a
 * second: on the server's thread that second would hold every learner's page.
 * One worker (started on first use, with its own read-only connection)
 * takes the reports in turn; the server's thread keeps serving meanwhile.
 * From the source tree (development, tests) it runs through tsx; from the
 * build, build/report-worker.js.
 */
import { Worker } from "node:worker_threads";
import { getDb, type Db } from "~/db/client.server";
import { getEnv } from "~/env.server";
import { jobs, type Answer, type Job } from "./report-worker.server";

type Pending = Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
let worker: { thread: Worker; pending: Pending } | undefined;
let next = 0;

function start(): { thread: Worker; pending: Pending } {
  getDb(); // the file exists and is migrated before the worker opens it read-only
  // The build bundles the app into build/server/index.js and the worker beside it (names kept in variables so
  // that Vite leaves these URLs alone).
  const built = import.meta.url.endsWith(".js");
  const file = built ? "../report-worker.js" : "./report-worker.server.ts";
  const url = new URL(file, import.meta.url);
  const workerData = { file: getEnv().databasePath };
  // From the sources, the worker first registers tsx (a worker's execArgv cannot carry --import on Node 20).
  // Its results are a few hundred rows: its heap is kept small (a runaway report stops the worker, not the server).
  const resourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };
  const w = built
    ? new Worker(url, { workerData, resourceLimits })
    : new Worker(`import("tsx/esm/api").then(({ register }) => (register(), import(${JSON.stringify(url.href)})));`, {
        eval: true,
        workerData,
        resourceLimits,
      });
  w.unref();
  const pending: Pending = new Map();
  w.on("message", ({ id, value, error }: Answer) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (error !== undefined) p.reject(new Error(error));
    else p.resolve(value);
  });
  const fail = (error: Error) => {
    if (worker?.thread === w) worker = undefined;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`report worker stopped (exit ${code})`)));
  return { thread: w, pending };
}

/** Runs one of the report functions on the reports' thread, with the same arguments but the database. */
export function offThread<J extends Job>(
  job: J,
  ...args: Parameters<(typeof jobs)[J]> extends [unknown, ...infer A] ? A : never
): Promise<Awaited<ReturnType<(typeof jobs)[J]>>> {
  // PostgreSQL does the work of a report in its own processes: the app's thread only waits for the rows.
  if (getEnv().databaseDialect === "postgres") {
    const run = jobs[job] as (db: Db, ...rest: unknown[]) => Promise<Awaited<ReturnType<(typeof jobs)[J]>>>;
    return run(getDb(), ...args);
  }
  const { thread, pending } = (worker ??= start());
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    thread.postMessage({ id, job, args });
  });
}

/** Stops the worker (tests, shutdown); the next report starts a new one. */
export async function stopReportWorker() {
  const w = worker;
  worker = undefined;
  await w?.thread.terminate();
}
