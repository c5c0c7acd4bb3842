/**
 * Start-up and shut-down of the app inside the Remix build, so that the
 * server, the database connection and the catalog are one set of instances.
 */
import { formatProblem, getCatalog, reloadCatalog } from "~/catalog/catalog.server";
import { closeDb, getDb } from "~/db/client.server";
import { seedDemo, type DemoAccount } from "~/db/seed.server";
import { getEnv } from "~/env.server";

export type StartupReport = {
  databasePath: string;
  demo: boolean;
  demoAccounts: DemoAccount[] | null;
  courses: number;
  problems: string[];
  catalog: { modules: number; compiled: number; cached: number; ms: number };
};

export async function startup(): Promise<StartupReport> {
  const env = getEnv();
  const db = getDb(); // opens the file and applies pending migrations
  const catalog = await getCatalog();
  const demoAccounts = env.demo ? await seedDemo(db, { trainerCourses: [...catalog.courses.keys()] }) : null;
  return {
    databasePath: env.databasePath,
    demo: env.demo,
    demoAccounts,
    courses: catalog.courses.size,
    problems: catalog.problems.map(formatProblem),
    catalog: catalog.stats,
  };
}

export function shutdown() {
  closeDb();
}

/** Development: called by server.ts when a file under the content folder changes. */
export async function contentChanged() {
  const catalog = await reloadCatalog();
  return { compiled: catalog.stats.compiled, problems: catalog.problems.map(formatProblem) };
}
