import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";

describe("environment", () => {
  it("has defaults that work on a laptop", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ port: 3000, demo: true, isProduction: false });
    expect(env.databasePath).toBe(path.resolve("data/campus.db"));
    expect(env.contentDir).toBe(path.resolve("content"));
  });

  it("turns the demo off in production or when asked", () => {
    expect(parseEnv({ NODE_ENV: "production" }).demo).toBe(false);
    expect(parseEnv({ CAMPUS_DEMO: "0" }).demo).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", CAMPUS_DEMO: "1" }).demo).toBe(true);
  });

  it("accepts file: database URLs and refuses nonsense with a clear message", () => {
    expect(parseEnv({ DATABASE_URL: "file:/tmp/x.db" }).databasePath).toBe("/tmp/x.db");
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ CAMPUS_DEMO: "maybe" })).toThrow(/CAMPUS_DEMO/);
  });

  it("keeps the audit log for ever unless told a number of days, never fewer than 90", () => {
    expect(parseEnv({}).auditKeepDays).toBe(0);
    expect(parseEnv({ AUDIT_KEEP_DAYS: "730" }).auditKeepDays).toBe(730);
    expect(() => parseEnv({ AUDIT_KEEP_DAYS: "30" })).toThrow(/AUDIT_KEEP_DAYS: keep the audit log at least 90 days/);
    expect(() => parseEnv({ AUDIT_KEEP_DAYS: "a year" })).toThrow(/AUDIT_KEEP_DAYS/);
  });
});
