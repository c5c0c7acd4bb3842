/**
 * The PostgreSQL test run (vitest project "postgres"): TEST_POSTGRES_URL names a server and a database to connect
 * to for creating others (default postgres://postgres@127.0.0.1:5432/postgres, the trust-auth server CI starts).
 * Once per run a template database is migrated; each test file gets a database of its own, made from it.
 */
import pg from "pg";

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The same server, another database. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Whether the server answers within a few seconds. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs statements on the administrative connection (database creation cannot run inside a transaction). */
export async function admin(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}
