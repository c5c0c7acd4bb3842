import path from "node:path";
import { dialectOf, sqliteFileOf, type Dialect } from "./db/dialect";
import { z } from "zod";

/**
 * Every setting the server and the CLI read from the environment, parsed once
 * and typed. Defaults are the ones that work on a laptop after a fresh clone.
 */
const boolish = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""]).transform((v) => ["1", "true", "yes", "on"].includes(v));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** An SQLite file (a path or a file: URL), or a postgres:// URL. */
  DATABASE_URL: z.string().min(1).default("./data/campus.db"),
  /** Connections each app process keeps to PostgreSQL (ignored for SQLite). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  CONTENT_DIR: z.string().min(1).default("./content"),
  CACHE_DIR: z.string().min(1).default("./.cache"),
  /** Demo data on an empty database. Defaults to on, except in production. */
  CAMPUS_DEMO: boolish.optional(),
  /** Public origin, e.g. https://campus.example.org; used in links that leave the site. */
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["silent", "error", "info", "debug"]).default("info"),
  /** The certificate signing key (Ed25519), kept outside the database. */
  ISSUER_KEY_FILE: z.string().min(1).default("./data/issuer-key.json"),
  ISSUER_NAME: z.string().min(1).default("Co-op Campus"),
  /** Allow a new signing key when the old one is lost and certificates were already signed. */
  CAMPUS_NEW_ISSUER_KEY: boolish.optional(),
  /** How long dashboard figures may be reused, in seconds (0: always fresh). */
  REPORT_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Requests worked on at once (0: no limit); the others wait their turn. */
  MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(0).max(10000).default(8),
  /** Requests that may wait for a turn before newcomers are answered 503. */
  MAX_QUEUED_REQUESTS: z.coerce.number().int().min(0).max(100000).default(1000),
  /** Requests one network address may have open at once (0: no limit); a class behind one router shares an address. */
  MAX_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(0).max(100000).default(256),
  /** How long an idle kept-alive connection stays open, in seconds; behind a reverse proxy, longer than the proxy's own. */
  KEEP_ALIVE_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  /** Days the audit log keeps an entry (0: for ever); housekeeping deletes older ones. */
  AUDIT_KEEP_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(36500)
    .refine((d) => d === 0 || d >= 90, "keep the audit log at least 90 days, or 0 for ever")
    .default(0),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  /** Which database DATABASE_URL names. */
  databaseDialect: Dialect;
  /** Absolute path of the SQLite file, or ":memory:"; on PostgreSQL, the URL. */
  databasePath: string;
  /** The postgres:// URL, on PostgreSQL. */
  databaseUrl: string;
  databasePoolSize: number;
  contentDir: string;
  cacheDir: string;
  demo: boolean;
  publicUrl: string | undefined;
  logLevel: "silent" | "error" | "info" | "debug";
  issuerKeyFile: string;
  issuerName: string;
  allowNewIssuerKey: boolean;
  reportCacheSeconds: number;
  maxConcurrentRequests: number;
  maxQueuedRequests: number;
  maxRequestsPerAddress: number;
  keepAliveSeconds: number;
  /** 0: audit entries are kept for ever. */
  auditKeepDays: number;
  /** The origin people reach the campus at: PUBLIC_URL, or http://localhost:PORT. */
  origin: string;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const isProduction = e.NODE_ENV === "production";
  const databaseDialect = dialectOf(e.DATABASE_URL);
  const dbUrl = sqliteFileOf(e.DATABASE_URL);
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    databaseDialect,
    databasePath: databaseDialect === "postgres" ? e.DATABASE_URL : dbUrl === ":memory:" ? dbUrl : path.resolve(dbUrl),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    contentDir: path.resolve(e.CONTENT_DIR),
    cacheDir: path.resolve(e.CACHE_DIR),
    demo: e.CAMPUS_DEMO ?? !isProduction,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ""),
    logLevel: e.LOG_LEVEL,
    issuerKeyFile: path.resolve(e.ISSUER_KEY_FILE),
    issuerName: e.ISSUER_NAME,
    allowNewIssuerKey: e.CAMPUS_NEW_ISSUER_KEY ?? false,
    reportCacheSeconds: e.REPORT_CACHE_SECONDS,
    maxConcurrentRequests: e.MAX_CONCURRENT_REQUESTS,
    maxQueuedRequests: e.MAX_QUEUED_REQUESTS,
    maxRequestsPerAddress: e.MAX_REQUESTS_PER_ADDRESS,
    keepAliveSeconds: e.KEEP_ALIVE_SECONDS,
    auditKeepDays: e.AUDIT_KEEP_DAYS,
    origin: e.PUBLIC_URL?.replace(/\/$/, "") ?? `http://localhost:${e.PORT}`,
  };
}

let cached: Env | undefined;

/** The environment, read and validated on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change the environment between files; this forgets the parsed copy. */
export function resetEnvForTests() {
  cached = undefined;
}
