import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);

async function campus(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await exec(process.execPath, ["--import", "tsx", "cli/campus.ts", ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout + err.stderr };
  }
}

describe("campus CLI", () => {
  it("content check exits 0 on good content and prints a summary", async () => {
    const r = await campus(["content", "check"], { CONTENT_DIR: "tests/fixtures/content-good" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 course\(s\), 6 module file\(s\): 0 error\(s\), 0 warning\(s\)/);
  });

  it("content check exits 1 on broken content, one compiler-style line per problem, all of them", async () => {
    const r = await campus(["content", "check"], { CONTENT_DIR: "tests/fixtures/content-broken" });
    expect(r.code).toBe(1);
    const expected = fs.readFileSync("tests/fixtures/broken-expected.txt", "utf8").trim().split("\n");
    const lines = r.stdout.trim().split("\n");
    expect(lines.slice(0, expected.length)).toEqual(expected);
    expect(lines.at(-1)).toBe("5 course(s), 14 module file(s): 20 error(s), 2 warning(s)");
  });

  it("content check --json is for tools", async () => {
    const r = await campus(["content", "check", "--json", "tests/fixtures/content-broken/courses/bad-mdx"], { CONTENT_DIR: "tests/fixtures/content-broken" });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.errors).toBe(1);
    expect(json.problems[0]).toMatchObject({ file: "tests/fixtures/content-broken/courses/bad-mdx/02-broken.mdx", line: 8, severity: "error" });
  });

  it("content new scaffolds a course and numbered modules that pass content check", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-new-"));
    const env = { CONTENT_DIR: dir, CACHE_DIR: path.join(dir, ".cache") };
    const made = await campus(["content", "new", "course", "board-basics"], env);
    expect(made.code).toBe(0);
    // The trainer is told the course is a draft and how to see it.
    expect(made.stdout).toMatch(/draft/);
    expect(made.stdout).toMatch(/npm run dev, then open http:\/\/localhost:\d+\/courses\/board-basics/);
    expect((await campus(["content", "new", "module", "board-basics", "the-chair"], env)).stdout).toMatch(/02-the-chair\.mdx/);
    expect(fs.readdirSync(path.join(dir, "courses/board-basics")).sort()).toEqual(["01-introduction.mdx", "02-the-chair.mdx", "course.yaml", "images"]);
    const dup = await campus(["content", "new", "module", "board-basics", "the-chair"], env);
    expect(dup.code).toBe(2);
    expect(dup.stdout).toMatch(/already has a module "the-chair"/);
    const bad = await campus(["content", "new", "course", "Bad Name"], env);
    expect(bad.code).toBe(2);
    // Valid, but the example text the scaffold wrote is pointed out until the trainer replaces it.
    const check = await campus(["content", "check"], env);
    expect(check.stdout).toMatch(/0 error\(s\), [1-9]\d* warning\(s\)/);
    expect(check.stdout).toMatch(/02-the-chair\.mdx:\d+:\d+ warning scaffold text still here: "Write the question here\."/);
    expect(check.code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("content check --db reports a renamed module that learners have progress on", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-db-check-"));
    const db = path.join(dir, "x.db");
    await campus(["user", "add", "--email", "l@example.org", "--name", "L", "--password", "long enough"], { DATABASE_URL: db });
    const { default: Database } = await import("better-sqlite3");
    const sqlite = new Database(db);
    sqlite.prepare("insert into enrolments (user_id, course_slug, course_version) values (1, 'sample-course', '2')").run();
    sqlite.prepare("insert into module_progress (enrolment_id, module_slug, content_hash) values (1, 'old-name', 'x'), (1, 'first', 'y')").run();
    sqlite.close();
    const r = await campus(["content", "check", "--db"], { DATABASE_URL: db, CONTENT_DIR: "tests/fixtures/content-good" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'tests/fixtures/content-good/courses/sample-course/course.yaml:1:1 warning module "old-name" was renamed or removed, but 1 learner(s) have progress on it',
    );
    expect(r.stdout).not.toContain('"first"');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("trainer add attaches a trainer to a course that exists", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-cli-"));
    const env = { DATABASE_URL: path.join(dir, "x.db"), CONTENT_DIR: "tests/fixtures/content-good" };
    await campus(["user", "add", "--email", "t@example.org", "--name", "Tess", "--password", "long enough"], env);
    expect((await campus(["trainer", "add", "--email", "t@example.org", "--course", "draft-course"], env)).stdout).toMatch(/Tess now trains draft-course/);
    const bad = await campus(["trainer", "add", "--email", "t@example.org", "--course", "no-such-course"], env);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/there is no course "no-such-course"/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("user add creates an account in the database DATABASE_URL names", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-cli-"));
    const env = { DATABASE_URL: path.join(dir, "x.db") };
    const r = await campus(["user", "add", "--email", "Admin@Example.org", "--name", "Ada", "--password", "long enough", "--admin"], env);
    expect(r.stdout).toMatch(/created user 1 <admin@example.org> \(admin\)/);
    const again = await campus(["user", "add", "--email", "admin@example.org", "--name", "Ada", "--password", "long enough"], env);
    expect(again.code).toBe(2);
    expect(again.stdout).toMatch(/already exists/);
    // Locked out: an admin at the server gives a one-time code for /set-password.
    const code = await campus(["user", "code", "--login", "ADMIN@example.org"], env);
    expect(code.code).toBe(0);
    expect(code.stdout).toMatch(/one-time code for Ada <admin@example.org>: [2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    const nobody = await campus(["user", "code", "--login", "nobody@example.org"], env);
    expect(nobody.code).toBe(2);
    expect(nobody.stdout).toMatch(/there is no account "nobody@example.org"/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
