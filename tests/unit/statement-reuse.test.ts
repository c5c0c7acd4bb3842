import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { reuseStatements } from "~/db/client.server";

function db() {
  const sqlite = new Database(":memory:");
  reuseStatements(sqlite, 3);
  sqlite.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b'), ('c')");
  return sqlite;
}

describe("statements are compiled once per SQL text", () => {
  it("hands out the same statement for the same text", () => {
    const sqlite = db();
    expect(sqlite.prepare("select name from t where id = ?")).toBe(sqlite.prepare("select name from t where id = ?"));
  });

  it("resets the row mode a previous caller chose", () => {
    const sqlite = db();
    expect(sqlite.prepare("select id, name from t where id = ?").raw().get(1)).toEqual([1, "a"]);
    expect(sqlite.prepare("select id, name from t where id = ?").get(1)).toEqual({ id: 1, name: "a" });
    expect(sqlite.prepare("select name from t where id = ?").pluck().get(2)).toBe("b");
    expect(sqlite.prepare("select name from t where id = ?").get(2)).toEqual({ name: "b" });
  });

  it("gives a fresh statement while the kept one is being iterated", () => {
    const sqlite = db();
    const names: string[] = [];
    for (const row of sqlite.prepare("select name from t order by id").iterate() as Iterable<{ name: string }>) {
      // The same query inside the loop: the kept statement is busy, so this one is compiled anew.
      names.push(row.name, (sqlite.prepare("select name from t order by id").all() as { name: string }[]).length.toString());
    }
    expect(names).toEqual(["a", "3", "b", "3", "c", "3"]);
  });

  it("keeps at most the given number of statements, oldest out first", () => {
    const sqlite = db();
    const first = sqlite.prepare("select 1");
    sqlite.prepare("select 2");
    sqlite.prepare("select 3");
    sqlite.prepare("select 4");
    expect(sqlite.prepare("select 1")).not.toBe(first);
  });

  it("runs writes again and again through one statement", () => {
    const sqlite = db();
    for (const name of ["d", "e"]) sqlite.prepare("insert into t (name) values (?)").run(name);
    expect(sqlite.prepare("select count(*) n from t").get()).toEqual({ n: 5 });
  });
});
