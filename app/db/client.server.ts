import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSync } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzleAsync, type SqliteRemoteResult } from "drizzle-orm/sqlite-proxy";
import { SQLiteAsyncDialect, type BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { is, sql, SQL } from "drizzle-orm";
import pg from "pg";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import { PgDatabase, PgTransaction } from "drizzle-orm/pg-core";
import { getEnv } from "~/env.server";
import * as schema from "./schema.sqlite";
import * as postgresSchema from "./schema.pg";
import type { Dialect } from "./dialect";

/**
 * The app's database as every domain function sees it: asynchronous, so that the same code runs on a
 * database server (issue 29). A transaction is `await db.transaction(async (tx) => …)`, and a function that may
 * run inside another's transaction takes `Tx` (the same type: an open transaction is a database handle).
 */
export type Db = BaseSQLiteDatabase<"async", SqliteRemoteResult, typeof schema>;
export type Tx = Db;

/** Migrations live in drizzle/sqlite and drizzle/postgres at the project root; the server and the CLI run from there. */
export const migrationsRoot = path.resolve(process.env.CAMPUS_MIGRATIONS_DIR ?? "drizzle");
export const migrationsFolder = path.join(migrationsRoot, "sqlite");
export const postgresMigrationsFolder = path.join(migrationsRoot, "postgres");

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

/** Which database a handle (or an open transaction's) is on. */
export function dialect(db: Db): Dialect {
  return is(db, PgDatabase) ? "postgres" : "sqlite";
}

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

/**
 * Makes transactions about the same thing (a person's attempts at a course, a throttle's counter) wait for one
 * another until they commit, as SQLite's single writer makes every transaction do. On PostgreSQL, a transaction
 * advisory lock per key (in a stable order, so two transactions never wait for each other in a circle); on SQLite,
 * nothing to do. Call it first in the transaction, with its `tx`.
 */
export async function lockFor(tx: Tx, ...keys: string[]): Promise<void> {
  if (dialect(tx) !== "postgres") return;
  for (const key of [...new Set(keys)].sort()) await rawAll(tx, sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** True when `db` is an open transaction's handle. */
export function isTransaction(db: Db): boolean {
  if (dialect(db) === "postgres") return is(db, PgTransaction);
  return runnerOf(db).gate === null;
}

/** Runs `fn` in `db`'s transaction if it is one, else in a transaction of its own. */
export function withinTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return isTransaction(db) ? fn(db) : db.transaction(fn);
}

/** An SQL text with `?` placeholders and its values: what the reports' hand-written queries are. */
export type RawQuery = { text: string; params: unknown[] };

const sqliteDialect = new SQLiteAsyncDialect();
const textOf = (q: RawQuery | SQL): RawQuery => (is(q, SQL) ? (({ sql, params }) => ({ text: sql, params }))(sqliteDialect.sqlToQuery(q)) : q);

/**
 * Runs a hand-written query (a text with `?` placeholders, or drizzle's sql`…`) and returns its rows as objects
 * named by its columns; a statement that returns no rows (an insert, an update) returns [].
 */
export async function rawAll<T>(db: Db, query: RawQuery | SQL): Promise<T[]> {
  if (dialect(db) === "postgres") {
    const result = await (db as unknown as { execute: (q: SQL) => Promise<{ rows: unknown[] }> }).execute(is(query, SQL) ? query : fromRaw(query));
    return result.rows as T[];
  }
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

/** A `?`-placeholder text as drizzle SQL, so that PostgreSQL gets `$1, $2…` and the values bound. */
function fromRaw(q: RawQuery): SQL {
  const parts = q.text.split("?");
  if (parts.length - 1 !== q.params.length) throw new Error(`${parts.length - 1} placeholders for ${q.params.length} values: ${q.text}`);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    chunks.push(sql.raw(part));
    if (i < q.params.length) chunks.push(sql`${q.params[i]}`);
  });
  return sql.join(chunks);
}

export async function rawGet<T>(db: Db, query: RawQuery | SQL): Promise<T | undefined> {
  return (await rawAll<T>(db, query))[0];
}

/** The SQLite connection under `db`, for what only SQLite has (online backup, checkpoints). */
export function sqliteConnection(db: Db): Database.Database {
  if (dialect(db) === "postgres") throw new Error("an SQLite connection was asked of a PostgreSQL database");
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
  migrateSqlite(drizzleSync(sqlite), { migrationsFolder });
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
    if (query === undefined) made.set(db, (query = dialect(db) === "postgres" ? (asSqlitePrepared(build(db)) as T) : build(db)));
    return query;
  };
}

/** PostgreSQL's prepared queries have one `execute`; the domain asks them as SQLite's are asked (`get`, `all`, `run`). */
function asSqlitePrepared(query: unknown) {
  const q = query as { execute: (values?: Record<string, unknown>) => Promise<unknown[]> };
  return {
    get: async (values?: Record<string, unknown>) => (await q.execute(values))[0],
    all: (values?: Record<string, unknown>) => q.execute(values),
    run: (values?: Record<string, unknown>) => q.execute(values),
  };
}

/**
 * A time as the driver takes it where drizzle cannot tell the column (an SQL placeholder, a value inside sql`…`):
 * UTC milliseconds on SQLite, a Date on PostgreSQL.
 */
export function driverTime(db: Db, time: Date): number | Date {
  return dialect(db) === "postgres" ? time : time.getTime();
}

const pools = new WeakMap<Db, pg.Pool>();

/**
 * A pool of connections to PostgreSQL and the app's handle on it. Counts (`count(*)`, bigint) and sums
 * (`numeric`) come back as numbers, as SQLite gives them; the app's figures stay far below 2^53.
 */
export function openPostgres(url: string, poolSize = 10): Db {
  // Set on the driver itself: drizzle passes its own type parsers with each query, which fall back to these.
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A connection lost while idle (the server restarted, or an administrator ended it) is dropped from the pool and
  // replaced on the next query: said, never a crash of the app (node-postgres throws it if no one listens).
  pool.on("error", (error) => console.warn(`database: an idle connection was lost (${error.message}); the pool opens another when needed`));
  const db = drizzlePostgres(pool, { schema: postgresSchema }) as unknown as Db;
  pools.set(db, pool);
  return db;
}

/**
 * Applies PostgreSQL's pending migrations, once however many app processes start together: each waits for an
 * advisory lock, and finds nothing left to do when another has done it. (SQLite's run when the file is opened.)
 */
export async function migrate(db: Db): Promise<void> {
  const pool = pools.get(db);
  if (!pool) return;
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('co-op campus migrations'))");
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: postgresMigrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock(hashtext('co-op campus migrations'))").catch(() => {});
    client.release();
  }
}

let instance: Db | undefined;

/** The process-wide database named by DATABASE_URL. On PostgreSQL, `await migrate(getDb())` before serving. */
export function getDb(): Db {
  if (!instance) {
    const env = getEnv();
    instance = env.databaseDialect === "postgres" ? openPostgres(env.databaseUrl, env.databasePoolSize) : openDatabase(env.databasePath);
  }
  return instance;
}

export async function closeDb() {
  const db = instance;
  instance = undefined;
  if (!db) return;
  const pool = pools.get(db);
  if (pool) await pool.end();
  else sqliteConnection(db).close();
}
