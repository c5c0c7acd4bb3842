/**
 * Which database DATABASE_URL names: a `postgres://` or `postgresql://` URL is PostgreSQL; anything else (a file
 * path, or a `file:` URL) is an SQLite file, the embedded default.
 */
export type Dialect = "sqlite" | "postgres";

export function dialectOf(url: string | undefined): Dialect {
  return url && /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

/** The SQLite file a `file:` URL or a path names. */
export function sqliteFileOf(url: string): string {
  if (!url.startsWith("file:")) return url;
  return url.startsWith("file://") ? new URL(url).pathname : url.slice("file:".length);
}
