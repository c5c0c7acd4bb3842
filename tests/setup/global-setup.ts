/**
 * Once per test run: a database with every migration applied, which each
 * test file copies (tests/setup/env.ts) instead of replaying the migrations.
 * tests/integration/migrations.test.ts still upgrades a populated database
 * step by step.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-template-"));
  const file = path.join(dir, "template.db");
  const { openDatabase, sqliteConnection } = await import("../../app/db/client.server");
  const conn = sqliteConnection(openDatabase(file));
  // One file, no write-ahead log beside it: a plain copy is then the whole database.
  conn.pragma("journal_mode = DELETE");
  conn.close();
  project.provide("templateDatabase", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
