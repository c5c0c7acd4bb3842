import Database from "better-sqlite3";

/**
 * A read-only connection of its own, for long reads (exports, statistics, the reports' thread) that must not
 * hold the app's connection. A module of its own, so that the reports' worker loads nothing else of the app's
 * database code.
 */
export function openReadOnly(file: string): Database.Database {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  conn.pragma("busy_timeout = 5000");
  return conn;
}
