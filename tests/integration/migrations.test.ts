/**
 * Upgrading a database that already holds people keeps everything: a test
 * applies the migrations up to each step, writes data, then applies the rest.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase, sqliteConnection } from "~/db/client.server";

function migrationsUpTo(count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-migrations-"));
  fs.mkdirSync(path.join(dir, "meta"));
  const journal = JSON.parse(fs.readFileSync("drizzle/sqlite/meta/_journal.json", "utf8"));
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(`drizzle/sqlite/${e.tag}.sql`, path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe("migrations", () => {
  it("upgrade a database with users, sessions, memberships, progress and attempts without losing any", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "campus-upgrade-")), "old.db");
    const { migrate } = await import("drizzle-orm/better-sqlite3/migrator");
    const { drizzle } = await import("drizzle-orm/better-sqlite3");
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo(3) });
    old.exec(`
      insert into users (id, email, name, password_hash) values (1, 'a@example.org', 'A', 'x');
      insert into sessions (id, user_id, expires_at) values ('s1', 1, 9999999999999);
      insert into organisations (id, name, country, kind) values (1, 'Coop', 'KE', 'health');
      insert into memberships (user_id, organisation_id, role) values (1, 1, 'learner');
      insert into enrolments (id, user_id, course_slug, course_version) values (1, 1, 'c', '1');
      insert into module_progress (enrolment_id, module_slug, content_hash) values (1, 'm1', 'h'), (1, 'm2', 'h');
      insert into quiz_attempts (user_id, enrolment_id, course_slug, module_slug, quiz_id, attempt_number, answers, results, score, passed, content_hash, idempotency_key)
        values (1, 1, 'c', 'm2', 'q', 1, '{}', '[]', 0.5, 0, 'h', 'k1'), (1, 1, 'c', 'm2', 'q', 2, '{}', '[]', 0.9, 1, 'h', 'k2');
    `);
    old.close();

    const db = openDatabase(file);
    const sqlite = sqliteConnection(db);
    expect(sqlite.prepare("select count(*) n from sessions").get()).toEqual({ n: 1 });
    expect(sqlite.prepare("select count(*) n from memberships").get()).toEqual({ n: 1 });
    expect(sqlite.prepare("select email, username from users").get()).toEqual({ email: "a@example.org", username: null });
    expect(sqlite.prepare("select modules_done, quiz_score from enrolments").get()).toEqual({ modules_done: 2, quiz_score: 0.9 });
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    sqlite.close();
  });
});
