/** Every PostgreSQL test file gets a database of its own, made from the run's migrated template. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { fileEnvironment } from "./file-env";
import { admin, databaseUrl } from "./postgres";

const name = `campus_test_${process.pid}_${process.env.VITEST_POOL_ID ?? "0"}_${Math.random().toString(36).slice(2, 8)}`;
await admin(`create database ${name} template ${inject("templatePostgres")}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `campus-test-pg-`));
process.env.DATABASE_URL = databaseUrl(name);
process.env.DATABASE_POOL_SIZE = "4";
fileEnvironment(dir);

afterAll(async () => {
  const { closeDb } = await import("~/db/client.server");
  await closeDb();
  await admin(`drop database if exists ${name} with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
});
