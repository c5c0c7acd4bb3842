/** What every test file sets besides its database (tests/setup/env.ts, env-postgres.ts): its own folder for caches and keys. */
import path from "node:path";

export function fileEnvironment(dir: string) {
  process.env.CACHE_DIR = path.join(dir, "cache");
  process.env.ISSUER_KEY_FILE = path.join(dir, "issuer-key.json");
  process.env.CONTENT_DIR ??= path.resolve("tests/fixtures/content-good");
  process.env.NODE_ENV = "test";
  process.env.LOG_LEVEL = "error";
  process.env.REPORT_CACHE_SECONDS = "0";
}
