import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { asyncDatabase, type Db } from "~/db/client.server";
import { inGroupCommit as inGroup, MAX_GROUP, MAX_WAIT_MS } from "~/db/group-commit.server";

/** The queue takes the app's asynchronous handle; these writes are better-sqlite3's own, on the same connection. */
const handles = new WeakMap<Database.Database, Db>();
const inGroupCommit = <T>(writer: Database.Database, work: () => T) => {
  let db = handles.get(writer);
  if (!db) handles.set(writer, (db = asyncDatabase(writer)));
  return inGroup(db, async () => work());
};

const opened: Database.Database[] = [];
let dir: string | undefined;

/** A WAL file with a table, and a second connection that sees only what was committed. */
function files() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "group-commit-"));
  const file = path.join(dir, "db.sqlite");
  const writer = new Database(file);
  writer.pragma("journal_mode = WAL");
  writer.pragma("busy_timeout = 50");
  writer.exec("create table t (name text not null unique)");
  const reader = new Database(file);
  opened.push(writer, reader);
  const insert = (name: string) => () => writer.prepare("insert into t (name) values (?)").run(name).lastInsertRowid;
  const committed = () => reader.prepare("select name from t order by rowid").pluck().all() as string[];
  return { file, writer, reader, insert, committed };
}

/** Resolves after `n` turns of the event loop (each setImmediate runs in the turn after the one that asked). */
const turns = (n: number): Promise<void> => new Promise((resolve) => (n <= 0 ? resolve() : setImmediate(() => void turns(n - 1).then(resolve))));

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("group commit", () => {
  it("writes queued together share one transaction and settle after its commit", async () => {
    const { writer, insert, committed } = files();
    const seenMidway: string[][] = [];
    const inTransaction: boolean[] = [];
    const a = inGroupCommit(writer, insert("a"));
    const look = inGroupCommit(writer, () => {
      inTransaction.push(writer.inTransaction);
      seenMidway.push(committed());
    });
    const c = inGroupCommit(writer, insert("c"));
    expect(committed()).toEqual([]); // nothing runs before the loop's turn ends
    await Promise.all([a, look, c]);
    expect(inTransaction).toEqual([true]);
    expect(seenMidway).toEqual([[]]); // "a" was written but not yet committed when the second write ran
    expect(committed()).toEqual(["a", "c"]);
    expect(writer.inTransaction).toBe(false);
  });

  it("a write that throws is undone alone and rejects alone", async () => {
    const { writer, insert, committed } = files();
    const failing = () => {
      insert("b")();
      throw new Error("refused after writing");
    };
    const results = await Promise.allSettled([inGroupCommit(writer, insert("a")), inGroupCommit(writer, failing), inGroupCommit(writer, insert("c"))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("refused after writing");
    expect(committed()).toEqual(["a", "c"]);
  });

  it("later writes see earlier ones of the same group (a second send of the same key counts once)", async () => {
    const { writer, committed } = files();
    const once = (name: string) => () => {
      const exists = writer.prepare("select 1 from t where name = ?").get(name);
      if (!exists) writer.prepare("insert into t (name) values (?)").run(name);
      return exists ? "already stored" : "stored";
    };
    expect(await Promise.all([inGroupCommit(writer, once("k")), inGroupCommit(writer, once("k"))])).toEqual(["stored", "already stored"]);
    expect(committed()).toEqual(["k"]);
  });

  it("when the transaction cannot commit, every write of the group is rejected and none is stored", async () => {
    const { file, writer, insert, committed } = files();
    const other = new Database(file);
    opened.push(other);
    other.exec("begin immediate"); // another connection holds the write lock past the busy timeout
    const results = await Promise.allSettled([inGroupCommit(writer, insert("a")), inGroupCommit(writer, insert("b"))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect((results[0] as PromiseRejectedResult).reason.code).toBe("SQLITE_BUSY");
    other.exec("rollback");
    expect(committed()).toEqual([]);
    // The queue is not stuck: the next write commits.
    await inGroupCommit(writer, insert("after"));
    expect(committed()).toEqual(["after"]);
  });

  it("a connection closed before the group runs (a shutdown) rejects every write of it", async () => {
    const { writer, insert } = files();
    const pending = [inGroupCommit(writer, insert("a")), inGroupCommit(writer, insert("b"))];
    writer.close();
    const results = await Promise.allSettled(pending);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  it("writes that arrive in successive turns of the loop share one transaction while each turn brings more", async () => {
    // As under a burst: node accepts one connection per turn, so submissions reach the queue one turn apart.
    const { writer, insert, committed } = files();
    const committedBefore: number[] = [];
    const write = (name: string) =>
      inGroupCommit(writer, () => {
        committedBefore.push(committed().length);
        return insert(name)();
      });
    const all: Promise<unknown>[] = [];
    for (const name of ["a", "b", "c", "d"]) {
      all.push(write(name));
      await turns(1);
    }
    await Promise.all(all);
    expect(committedBefore).toEqual([0, 0, 0, 0]); // committed one by one, they would have seen 0, 1, 2, 3
    expect(committed()).toEqual(["a", "b", "c", "d"]);
  });

  it("a write alone commits after one quiet turn, without waiting for others", async () => {
    const { writer, insert, committed } = files();
    const outcome = await Promise.race([inGroupCommit(writer, insert("alone")).then(() => "committed"), turns(3).then(() => "still waiting")]);
    expect(outcome).toBe("committed");
    expect(committed()).toEqual(["alone"]);
  });

  it(`a stream that brings a write every turn commits at least every ${MAX_WAIT_MS} ms`, async () => {
    const { writer, insert, committed } = files();
    const committedBefore = new Set<number>();
    const all: Promise<unknown>[] = [];
    const started = performance.now();
    let firstSettled = false;
    let i = 0;
    while (performance.now() - started < MAX_WAIT_MS * 4) {
      // Each turn busy for 2 ms, as a server's is under a burst: fewer than MAX_GROUP writes in all.
      for (const until = performance.now() + 2; performance.now() < until;);
      const name = `s${i++}`;
      const done = inGroupCommit(writer, () => {
        committedBefore.add(committed().length);
        return insert(name)();
      });
      if (all.length === 0) void done.then(() => (firstSettled = true));
      all.push(done);
      await turns(1);
    }
    const settledWhileStreaming = firstSettled;
    await Promise.all(all);
    expect(settledWhileStreaming).toBe(true); // the first write did not wait for the stream to end
    expect(i).toBeLessThan(MAX_GROUP);
    expect(committedBefore.size).toBeGreaterThan(1); // several transactions
    expect(committed()).toHaveLength(i);
  });

  it(`a queue longer than ${MAX_GROUP} commits in several transactions, in order`, async () => {
    const { writer, insert, committed } = files();
    const names = Array.from({ length: MAX_GROUP * 2 + 5 }, (_, i) => `n${String(i).padStart(4, "0")}`);
    // What the reader sees committed when each write runs: one value per transaction (0, then 100, then 200 rows).
    const committedBefore = new Set<number>();
    let ran = 0;
    const results = await Promise.all(
      names.map((name) =>
        inGroupCommit(writer, () => {
          committedBefore.add(committed().length);
          ran++;
          return insert(name)();
        }),
      ),
    );
    expect(ran).toBe(names.length);
    expect(committedBefore).toEqual(new Set([0, MAX_GROUP, MAX_GROUP * 2]));
    expect(results).toEqual(names.map((_, i) => i + 1));
    expect(committed()).toEqual(names);
  });
});
