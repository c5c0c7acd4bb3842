import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase, sqliteConnection } from "~/db/client.server";

const exec = promisify(execFile);

describe("campus db backup", () => {
  it("takes a consistent online backup while another process keeps writing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-backup-"));
    const file = path.join(dir, "live.db");
    const sqlite = sqliteConnection(openDatabase(file));
    const seed = sqlite.prepare("insert into users (email, name) values (?, ?)");
    sqlite.transaction(() => {
      for (let i = 0; i < 20_000; i++) seed.run(`seed${i}@example.org`, "Seed");
    })();
    sqlite.close();
    const stop = path.join(dir, "stop");
    const writer = spawn(process.execPath, ["--import", "tsx", "tests/support/writer.ts", file, stop], { stdio: ["ignore", "pipe", "inherit"] });
    let written = "";
    writer.stdout.on("data", (d) => (written += d));
    await new Promise((r) => setTimeout(r, 800));
    const backup = path.join(dir, "backup.db");
    const { stdout } = await exec(process.execPath, ["--import", "tsx", "cli/campus.ts", "db", "backup", backup], {
      env: { ...process.env, DATABASE_URL: file },
    });
    expect(stdout).toMatch(/integrity_check: ok/);
    fs.writeFileSync(stop, "");
    await new Promise((r) => writer.once("exit", r));
    const total = Number(written.trim());
    expect(total).toBeGreaterThan(0);

    // The restored copy is whole and holds a count between the seed and everything written.
    const restored = new Database(backup, { readonly: true });
    expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    const inBackup = (restored.prepare("select count(*) n from users").get() as { n: number }).n;
    restored.close();
    const live = new Database(file, { readonly: true });
    const inLive = (live.prepare("select count(*) n from users").get() as { n: number }).n;
    live.close();
    expect(inBackup).toBeGreaterThanOrEqual(20_000);
    expect(inBackup).toBeLessThanOrEqual(inLive);
    expect(inLive).toBe(20_000 + total);
    expect((inBackup - 20_000) % 20).toBe(0); // whole transactions only
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
