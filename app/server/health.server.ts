import { sql } from "drizzle-orm";
import { getCatalog } from "~/catalog/catalog.server";
import { getDb, rawGet } from "~/db/client.server";

/** Whether the database answers and the catalog holds courses: what /healthz reports, and nothing more. */
export async function healthChecks() {
  const checks = { database: false, catalog: false };
  try {
    await rawGet(getDb(), sql`select 1`);
    checks.database = true;
  } catch {
    /* reported as false */
  }
  try {
    checks.catalog = (await getCatalog()).courses.size > 0;
  } catch {
    /* reported as false */
  }
  return checks;
}
