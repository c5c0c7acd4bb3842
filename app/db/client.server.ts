import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSync } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzleAsync, type SqliteRemoteResult } from "drizzle-orm/sqlite-proxy";
import { SQLiteAsyncDialect, type BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { is, SQL } from "drizzle-orm";
import { getEnv } from "~/env.server";
import * as schema from "./schema";

/**
 * The app's database as every domain function sees it: asynchronous, so that the same code runs on a
 * database server (issue 29). A transaction is `await db.transaction(async (tx) => …)`, and a function that may
 * run inside another's transaction takes `Tx` (the same type: an open transaction is a database handle).
 */
export type Db = BaseSQLiteDatabase<"async", SqliteRemoteResult, typeof schema>;
export type Tx = Db;

/** Migrations live in drizzle/ at the project root; the server and the CLI run from there. */
export const migrationsFolder = path.resolve(process.env.CAMPUS_MIGRATIONS_DIR ?? "drizzle");

/** How long a statement or a transaction waits for another transaction to finish before it gives up. */
export const GATE_TIMEOUT_MS = 15_000;

/**
 * SQLite through better-sqlite3 is synchronous and has one connection, so that an asynchronous transaction
 * (one whose callback awaits) leaves the connection inside the transaction between its statements. Drizzle's
 * own better-sqlite3 transaction does not wait for an async callback at all: it commits when the callback
 * returns its promise, and a later throw rolls nothing back (drizzle-orm#1472). So the app reaches SQLite
 * through drizzle's asynchronous SQLite driver (`sqlite-proxy`) with this executor, and a gate:
 * - `db.transaction(fn)` waits until no other transaction is open, opens one (BEGIN IMMEDIATE), awaits `fn`
 *   with a handle of its own (`tx`), and commits, or rolls back if `fn` throws;
 * - a statement on `db` itself while a transaction is open waits until that transaction ends: it neither
 *   joins the transaction (and is rolled back with it) nor reads what it has not yet committed;
 * - `tx.transaction(fn)` inside is a savepoint.
 * Code inside a transaction must use its `tx`: a statement on `db` there would wait for the transaction it is
 * part of, and fails after GATE_TIMEOUT_MS with an error that says so (on PostgreSQL it would run on another
 * connection, outside the transaction).
 */
type Gate = { open: Promise<void> | null; release: () => void; waitMs: number };

type Runner = {
  conn: Database.Database;
  /** null for a transaction's own handle, which never waits. */
  gate: Gate | null;
};

const runners = new WeakMap<object, Runner>();

function runnerOf(db: Db): Runner {
  const runner = runners.get(db);
  if (!runner) throw new Error("not a database handle opened by openDatabase");
  return runner;
}

/** Statements are prepared once per connection and text (the texts are the app's, so there are few). */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(conn: Database.Database, text: string): Database.Statement {
  let cache = statements.get(conn);
  if (!cache) statements.set(conn, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) {
    if (cache.size >= 1000) cache.clear();
    cache.set(text, (stmt = conn.prepare(text)));
  }
  return stmt;
}

/**
 * Waits until no transaction is open on the gate. Callers loop (`while (blocked(gate)) await pass(gate, …)`) and
 * then act without awaiting in between, so that nothing can open a transaction between the check and the act.
 */
async function pass(gate: Gate, what: string) {
  const open = gate.open;
  if (!open) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([open.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), gate.waitMs)))]);
  clearTimeout(timer);
  // Read again: the transaction may have ended while the timer fired.
  if (timedOut && gate.open === open)
    throw new DatabaseBusyError(`${what} waited ${gate.waitMs} ms for a transaction to finish (inside a transaction, use its tx, not db)`);
}

const blocked = (gate: Gate | null): boolean => gate !== null && gate.open !== null;

export class DatabaseBusyError extends Error {}

function execute(runner: Runner) {
  return async (text: string, params: unknown[], method: "run" | "all" | "values" | "get") => {
    while (blocked(runner.gate)) await pass(runner.gate!, "a statement");
    const stmt = statement(runner.conn, text);
    if (method === "run") {
      if (stmt.reader) return { rows: stmt.raw(true).all(...params) };
      const info = stmt.run(...params);
      return { rows: [], changes: info.changes, lastInsertRowid: info.lastInsertRowid };
    }
    if (!stmt.reader) {
      stmt.run(...params);
      return { rows: method === "get" ? undefined : [] } as { rows: unknown[] };
    }
    if (method === "get") return { rows: stmt.raw(true).get(...params) } as { rows: unknown[] };
    return { rows: stmt.raw(true).all(...params) };
  };
}

function handle(runner: Runner): Db {
  const db = drizzleAsync(execute(runner), { schema });
  runners.set(db, runner);
  return db;
}

/** The asynchronous handle on an open better-sqlite3 connection (the reports' thread opens its own). */
export function asyncDatabase(conn: Database.Database, options: { waitMs?: number } = {}): Db {
  const gate: Gate = { open: null, release: () => {}, waitMs: options.waitMs ?? GATE_TIMEOUT_MS };
  const db = handle({ conn, gate });
  const tx = handle({ conn, gate: null });
  let depth = 0;
  const savepoint = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const name = `sp${++depth}`;
    conn.exec(`savepoint ${name}`);
    try {
      const result = await fn(tx);
      conn.exec(`release ${name}`);
      return result;
    } catch (error) {
      conn.exec(`rollback to ${name}`);
      conn.exec(`release ${name}`);
      throw error;
    } finally {
      depth--;
    }
  };
  const transaction = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    while (blocked(gate)) await pass(gate, "a transaction");
    let release!: () => void;
    gate.open = new Promise<void>((resolve) => (release = resolve));
    gate.release = release;
    try {
      conn.exec("begin immediate");
      try {
        const result = await fn(tx);
        conn.exec("commit");
        return result;
      } catch (error) {
        if (conn.inTransaction) conn.exec("rollback");
        throw error;
      }
    } finally {
      gate.open = null;
      release();
    }
  };
  Object.assign(db, { transaction });
  Object.assign(tx, { transaction: savepoint });
  return db;
}

/**
 * True when a statement failed on a unique constraint (a row with the same key exists), on either database:
 * SQLite's SQLITE_CONSTRAINT_UNIQUE or PRIMARYKEY, PostgreSQL's 23505. Drizzle wraps the driver's error in its
 * own (DrizzleQueryError, the driver's as its cause).
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505") return true;
  }
  return false;
}

/** True when `db` is an open transaction's handle. */
export function isTransaction(db: Db): boolean {
  return runnerOf(db).gate === null;
}

/** Runs `fn` in `db`'s transaction if it is one, else in a transaction of its own. */
export function withinTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return isTransaction(db) ? fn(db) : db.transaction(fn);
}

/** An SQL text with `?` placeholders and its values: what the reports' hand-written queries are. */
export type RawQuery = { text: string; params: unknown[] };

const dialect = new SQLiteAsyncDialect();
const textOf = (q: RawQuery | SQL): RawQuery => (is(q, SQL) ? (({ sql, params }) => ({ text: sql, params }))(dialect.sqlToQuery(q)) : q);

/**
 * Runs a hand-written query (a text with `?` placeholders, or drizzle's sql`…`) and returns its rows as objects
 * named by its columns; a statement that returns no rows (an insert, an update) returns [].
 */
export async function rawAll<T>(db: Db, query: RawQuery | SQL): Promise<T[]> {
  const runner = runnerOf(db);
  while (blocked(runner.gate)) await pass(runner.gate!, "a query");
  const q = textOf(query);
  const stmt = statement(runner.conn, q.text);
  if (!stmt.reader) {
    stmt.run(...q.params);
    return [];
  }
  return stmt.raw(false).all(...q.params) as T[];
}

export async function rawGet<T>(db: Db, query: RawQuery | SQL): Promise<T | undefined> {
  return (await rawAll<T>(db, query))[0];
}

/** The SQLite connection under `db`, for what only SQLite has (online backup, checkpoints). */
export function sqliteConnection(db: Db): Database.Database {
  return runnerOf(db).conn;
}

/** Opens an SQLite file with the pragmas the app relies on and applies pending migrations. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") privateFile(file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // What is deleted is overwritten, not left in free pages: a closed account's name and email do not linger in the file.
  sqlite.pragma("secure_delete = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // SQLite changes some columns by rebuilding the table; with foreign keys on, dropping the old
  // table would cascade into the tables that refer to it. The pragma is a no-op inside the
  // migration's transaction, so it is set around it, and the keys are checked after.
  sqlite.pragma("foreign_keys = OFF");
  migrate(drizzleSync(sqlite), { migrationsFolder });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length > 0) throw new Error(`database ${file}: ${broken.length} broken foreign key(s) after migration`);
  sqlite.pragma("foreign_keys = ON");
  return asyncDatabase(sqlite);
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
 * A drizzle query built once per database handle and then run with placeholders:
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
  if (instance) sqliteConnection(instance).close();
  instance = undefined;
}
