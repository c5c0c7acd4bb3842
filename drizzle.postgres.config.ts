import { defineConfig } from "drizzle-kit";

/** Migrations for PostgreSQL (`npm run db:generate`): the same schema in PostgreSQL's types, app/db/schema.pg.ts. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./app/db/schema.pg.ts",
  out: "./drizzle/postgres",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/campus" },
});
