/**
 * The asynchronous data layer on SQLite (app/db/client.server.ts): a transaction whose callback awaits keeps
 * every statement of it inside, rolls all of them back when it throws, and other statements wait for it rather
 * than join it. Drizzle's own better-sqlite3 transaction commits when an async callback returns its promise and
 * rolls nothing back after (drizzle-orm#1472): each case here would fail on it.
 */
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { asyncDatabase, DatabaseBusyError, isTransaction, rawAll, withinTransaction, type Db } from "~/db/client.server";

const opened: Database.Database[] = [];
afterEach(() => {
  for (const conn of opened.splice(0)) conn.close();
});

function database(options: { waitMs?: number } = {}) {
  const conn = new Database(":memory:");
  conn.exec("create table t (name text not null unique)");
  opened.push(conn);
  const db = asyncDatabase(conn, options);
  const names = async (on: Db = db) => (await rawAll<{ name: string }>(on, sql`select name from t order by rowid`)).map((r) => r.name);
  const insert = (on: Db, name: string) => rawAll(on, sql`insert into t (name) values (${name})`);
  return { conn, db, names, insert };
}

const later = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe("asynchronous transactions on SQLite", () => {
  it("a callback that awaits between its statements and then throws leaves nothing behind", async () => {
    const { db, names, insert } = database();
    await expect(
      db.transaction(async (tx) => {
        await insert(tx, "a");
        await later();
        await insert(tx, "b");
        await later();
        throw new Error("refused after writing");
      }),
    ).rejects.toThrow("refused after writing");
    expect(await names()).toEqual([]);
  });

  it("commits what it wrote when the callback resolves, and returns its value", async () => {
    const { db, names, insert } = database();
    const value = await db.transaction(async (tx) => {
      await insert(tx, "a");
      await later();
      await insert(tx, "b");
      return "done";
    });
    expect(value).toBe("done");
    expect(await names()).toEqual(["a", "b"]);
  });

  it("a statement from elsewhere waits for an open transaction: it is neither rolled back with it nor reads what it has not committed", async () => {
    const { db, names, insert } = database();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const failing = db.transaction(async (tx) => {
      await insert(tx, "inside");
      await held;
      throw new Error("rolled back");
    });
    await later();
    // Issued while the transaction is open: both wait for it to end.
    const outsideWrite = insert(db, "outside");
    const outsideRead = names();
    let settled = false;
    void outsideRead.then(() => (settled = true));
    await later();
    expect(settled).toBe(false);
    release();
    await expect(failing).rejects.toThrow("rolled back");
    await outsideWrite;
    // Waiting statements run in the order they came, after the rollback: the read sees the write before it, never "inside".
    expect(await outsideRead).toEqual(["outside"]);
    expect(await names()).toEqual(["outside"]);
  });

  it("transactions run one after another, each seeing the ones before it", async () => {
    const { db, names } = database();
    const counter = (label: string) =>
      db.transaction(async (tx) => {
        const before = (await names(tx)).length;
        await later(1);
        await rawAll(tx, sql`insert into t (name) values (${`${label}${before}`})`);
      });
    await Promise.all([counter("x"), counter("y"), counter("z")]);
    expect(await names()).toEqual(["x0", "y1", "z2"]);
  });

  it("a nested transaction is a savepoint: its rollback keeps the outer one's writes", async () => {
    const { db, names, insert } = database();
    await db.transaction(async (tx) => {
      expect(isTransaction(tx)).toBe(true);
      await insert(tx, "outer");
      await expect(
        tx.transaction(async (inner) => {
          await insert(inner, "inner");
          throw new Error("inner refused");
        }),
      ).rejects.toThrow("inner refused");
      await withinTransaction(tx, (same) => insert(same, "joined"));
    });
    expect(await names()).toEqual(["outer", "joined"]);
  });

  it("a statement on the database handle inside its own transaction fails with a clear error instead of hanging", async () => {
    const { db, names, insert } = database({ waitMs: 50 });
    await expect(
      db.transaction(async (tx) => {
        await insert(tx, "a");
        await insert(db, "b"); // should have been tx
      }),
    ).rejects.toThrow(DatabaseBusyError);
    expect(await names()).toEqual([]);
  });
});
