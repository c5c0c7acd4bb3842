import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type { RunResult } from "better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { getEnv } from "~/env.server";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A database handle or an open transaction: what a function that may run inside another's transaction takes. */
export type Tx = BaseSQLiteDatabase<"sync", RunResult, typeof schema>;

/** Migrations live in drizzle/ at the project root; the server and the CLI run from there. */
export const migrationsFolder = path.resolve(process.env.CAMPUS_MIGRATIONS_DIR ?? "drizzle");

/** Opens an SQLite file with the pragmas the app relies on and applies pending migrations. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") privateFile(file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // What is deleted is overwritten, not left in free pages: a closed account's name and email do not linger in the file.
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema }) as Db;
  // SQLite changes some columns by rebuilding the table; with foreign keys on, dropping the old
  // table would cascade into the tables that refer to it. The pragma is a no-op inside the
  // migration's transaction, so it is set around it, and the keys are checked after.
  sqlite.pragma("foreign_keys = OFF");
  migrate(db, { migrationsFolder });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length > 0) throw new Error(`database ${file}: ${broken.length} broken foreign key(s) after migration`);
  sqlite.pragma("foreign_keys = ON");
  return db;
}

/**
 * The database holds people's names, emails and answers: its folder is made
 * readable by its owner only (0700), the file 0600 (new or not), and SQLite
 * gives its write-ahead log and shared-memory files the same mode as the
 * database file. Backups are made the same way (`privateFile`).
 */
export function privateFile(file: string) {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
}

/**
 * A drizzle query built once per database and then run with placeholders:
 * building one costs more than running it, so the queries every page asks
 * (session, enrolment, progress) are built this way.
 */
export function preparedOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let query = made.get(db);
    if (query === undefined) made.set(db, (query = build(db)));
    return query;
  };
}

let instance: Db | undefined;

/** The process-wide database named by DATABASE_URL. */
export function getDb(): Db {
  instance ??= openDatabase(getEnv().databasePath);
  return instance;
}

export function closeDb() {
  instance?.$client.close();
  instance = undefined;
}
