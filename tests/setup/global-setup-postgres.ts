/** Once per PostgreSQL test run: a template database with every migration applied (tests/setup/env-postgres.ts copies it). */
import type { TestProject } from "vitest/node";
import { admin, databaseUrl } from "./postgres";

export default async function setup(project: TestProject) {
  const template = `campus_template_${process.pid}`;
  await admin(`drop database if exists ${template}`, `create database ${template}`);
  const { openPostgres, migrate } = await import("../../app/db/client.server");
  const db = openPostgres(databaseUrl(template), 1);
  await migrate(db);
  // The template must have no connection open when databases are made from it.
  await (db as unknown as { $client: { end(): Promise<void> } }).$client.end();
  project.provide("templatePostgres", template);
  return async () => {
    await admin(`drop database if exists ${template}`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templatePostgres: string;
  }
}
