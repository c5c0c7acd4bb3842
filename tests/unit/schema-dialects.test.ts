/**
 * The SQLite schema (app/db/schema.ts) and the PostgreSQL one (app/db/schema.pg.ts) describe the same database:
 * the same tables, columns (each in its dialect's type for the same meaning), nullability, defaults, primary keys,
 * foreign keys, unique constraints and indexes. A column added to one and not the other fails here.
 */
import { describe, expect, it } from "vitest";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { is } from "drizzle-orm";
import * as sqliteSchema from "~/db/schema";
import * as pgSchema from "~/db/schema.pg";

/** What a column holds, whatever the dialect stores it as. */
const MEANING: Record<string, string> = {
  SQLiteTimestamp: "time",
  PgTimestamp: "time",
  SQLiteBoolean: "boolean",
  PgBoolean: "boolean",
  SQLiteTextJson: "json",
  PgJsonb: "json",
  SQLiteReal: "real",
  PgDoublePrecision: "real",
  SQLiteInteger: "integer",
  PgInteger: "integer",
  PgBigInt53: "integer",
  SQLiteText: "text",
  PgText: "text",
};

type Shape = {
  columns: Record<string, { meaning: string; notNull: boolean; hasDefault: boolean; primary: boolean; enum?: readonly string[] }>;
  primaryKeys: string[][];
  indexes: string[];
  foreignKeys: string[];
};

function meaning(columnType: string) {
  const m = MEANING[columnType];
  if (!m) throw new Error(`no meaning known for column type ${columnType}: add it to MEANING`);
  return m;
}

function shapeOf(config: ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>): Shape {
  const columns: Shape["columns"] = {};
  for (const c of config.columns) {
    columns[c.name] = {
      meaning: meaning(c.columnType),
      notNull: c.notNull,
      // An identity column (PostgreSQL) is the autoincrement primary key (SQLite): both give a value when none is sent.
      hasDefault: c.hasDefault || (c.primary && meaning(c.columnType) === "integer" && c.name === "id"),
      primary: c.primary,
      ...(c.enumValues ? { enum: c.enumValues } : {}),
    };
  }
  return {
    columns,
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: config.indexes
      .map((i) => `${i.config.unique ? "unique " : ""}${i.config.name}(${i.config.columns.map((c) => ("name" in c ? c.name : "?")).join(",")})`)
      .sort(),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        const table = (ref.foreignTable as unknown as Record<symbol, string>)[Symbol.for("drizzle:Name")];
        return `${ref.columns.map((c) => c.name).join(",")} -> ${table}(${ref.foreignColumns.map((c) => c.name).join(",")}) on delete ${fk.onDelete ?? "no action"}`;
      })
      .sort(),
  };
}

const sqliteTables = Object.fromEntries(
  (Object.values(sqliteSchema) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable)).map((t) => [sqliteConfig(t).name, shapeOf(sqliteConfig(t))]),
);
const pgTables = Object.fromEntries(
  (Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, PgTable)).map((t) => [pgConfig(t).name, shapeOf(pgConfig(t))]),
);

describe("the SQLite and PostgreSQL schemas", () => {
  it("have the same tables", () => {
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(15);
  });

  for (const name of Object.keys(sqliteTables)) {
    it(`${name}: same columns by meaning, keys, foreign keys and indexes`, () => {
      expect(pgTables[name]).toEqual(sqliteTables[name]);
    });
  }

  it("would notice a difference (a column's meaning, a missing index)", () => {
    const users = structuredClone(sqliteTables.users!);
    users.columns.created_at!.meaning = "integer";
    expect(users).not.toEqual(pgTables.users);
    const enrolments = structuredClone(sqliteTables.enrolments!);
    enrolments.indexes.pop();
    expect(enrolments).not.toEqual(pgTables.enrolments);
  });
});
