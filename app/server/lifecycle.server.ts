/**
 * Start-up and shut-down of the app inside the React Router build, so that the
 * server, the database connection and the catalog are one set of instances.
 */
import { formatProblem, getCatalog, reloadCatalog } from "~/catalog/catalog.server";
import { closeDb, getDb, migrate } from "~/db/client.server";
import { startHousekeeping, type Tidied } from "~/server/housekeeping.server";
import { seedDemo, type DemoAccount } from "~/demo/seed.server";
import { getEnv } from "~/env.server";
import { getIssuer } from "~/certificates/keys.server";
import { signPending } from "~/certificates/issue.server";

export type StartupReport = {
  databasePath: string;
  demo: boolean;
  demoAccounts: DemoAccount[] | null;
  courses: number;
  issuerProblem: string | null;
  problems: string[];
  catalog: { modules: number; compiled: number; cached: number; ms: number };
  /** What the start's housekeeping removed (expired sessions, spent codes, stale counters, old audit entries). */
  tidied: Tidied;
};

let housekeeping: { stop: () => void } | undefined;

export async function startup(): Promise<StartupReport> {
  const env = getEnv();
  const db = getDb(); // SQLite: opens the file and applies pending migrations
  await migrate(db); // PostgreSQL: applies pending migrations, once across processes starting together
  const catalog = await getCatalog();
  const demoAccounts = env.demo ? await seedDemo(db, { courses: catalog.courses }) : null;
  // What can never be used again (expired sessions, spent codes, stale counters) goes now and once a day.
  housekeeping?.stop();
  const started = await startHousekeeping(getDb, { auditKeepDays: env.auditKeepDays });
  housekeeping = started;
  // The issuer key is checked (and made, on a first start) now, and any certificate left unsigned is signed.
  let issuerProblem: string | null = null;
  try {
    await getIssuer();
    await signPending(db, catalog.courses);
  } catch (error) {
    issuerProblem = (error as Error).message;
  }
  return {
    databasePath: env.databasePath,
    demo: env.demo,
    demoAccounts,
    courses: catalog.courses.size,
    issuerProblem,
    problems: catalog.problems.map(formatProblem),
    catalog: catalog.stats,
    tidied: started.first,
  };
}

export async function shutdown() {
  housekeeping?.stop();
  await closeDb();
}

/** Development: called by server.ts when a file under the content folder changes. */
export async function contentChanged() {
  const catalog = await reloadCatalog();
  return { compiled: catalog.stats.compiled, problems: catalog.problems.map(formatProblem) };
}
