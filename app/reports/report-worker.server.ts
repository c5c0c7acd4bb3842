/**
 * The reports' own thread (see off-thread.server.ts): runs dashboard queries
 * on a read-only connection of its own, so a slow one (a date range over
 * hundreds of thousands of enrolments) never holds the server's thread.
 * `npm run build` bundles this file into build/report-worker.js.
 */
import { parentPort, workerData } from "node:worker_threads";
import { asyncDatabase, type Db } from "~/db/client.server";
import { openReadOnly } from "~/db/read-only.server";
import { overview, table, weeklyCompletions } from "./reports.server";

export const jobs = { overview, table, weeklyCompletions };
export type Job = keyof typeof jobs;
export type Request = { id: number; job: Job; args: unknown[] };
export type Answer = { id: number; value?: unknown; error?: string };

// Only as the reports' thread (started with the database file): imported elsewhere (off-thread.server.ts reads `jobs`), it does nothing.
if (parentPort && typeof (workerData as { file?: unknown } | null)?.file === "string") {
  const conn = openReadOnly((workerData as { file: string }).file);
  // Reports scan rather than revisit: a 2 MB page cache instead of better-sqlite3's 16 MB, a connection's worth
  // of memory saved (the operating system caches the file anyway).
  conn.pragma("cache_size = -2000");
  const db = asyncDatabase(conn);
  const port = parentPort;
  const answer = async ({ id, job, args }: Request) => {
    try {
      const run = jobs[job] as (db: Db, ...args: unknown[]) => Promise<unknown>;
      port.postMessage({ id, value: await run(db, ...args) } satisfies Answer);
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message } satisfies Answer);
    }
  };
  // One report at a time, in the order asked, as when the report functions answered synchronously.
  let previous = Promise.resolve();
  port.on("message", (request: Request) => {
    previous = previous.then(() => answer(request));
  });
}
