import { sql } from "drizzle-orm";
import { getCatalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";

/** Public: 200 when the database answers and the catalog is loaded, 503 otherwise. No details that help an attacker. */
export async function loader() {
  const checks = { database: false, catalog: false };
  try {
    getDb().get(sql`select 1`);
    checks.database = true;
  } catch {
    /* reported below */
  }
  try {
    const catalog = await getCatalog();
    checks.catalog = catalog.courses.size > 0;
  } catch {
    /* reported below */
  }
  const ok = checks.database && checks.catalog;
  return new Response(JSON.stringify({ status: ok ? "ok" : "unavailable", ...checks }), {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
