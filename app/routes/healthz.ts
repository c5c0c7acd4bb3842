import { healthChecks } from "~/server/health.server";

/** Public: 200 when the database answers and the catalog is loaded, 503 otherwise. No details that help an attacker. */
export async function loader() {
  const checks = await healthChecks();
  const ok = checks.database && checks.catalog;
  return new Response(JSON.stringify({ status: ok ? "ok" : "unavailable", ...checks }), {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
