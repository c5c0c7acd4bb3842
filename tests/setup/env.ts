/**
 * Every test file gets its own fresh SQLite file (a copy of the run's
 * migrated template) and cache folder, so tests never share state and run in
 * parallel safely.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { fileEnvironment } from "./file-env";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), `campus-test-${process.env.VITEST_POOL_ID ?? "0"}-`));
process.env.DATABASE_URL = path.join(dir, "campus.db");
// A copy of the run's migrated database (tests/setup/global-setup.ts): opening it finds nothing left to migrate.
fs.copyFileSync(inject("templateDatabase"), process.env.DATABASE_URL);
fileEnvironment(dir);

afterAll(async () => {
  const { closeDb } = await import("~/db/client.server");
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
