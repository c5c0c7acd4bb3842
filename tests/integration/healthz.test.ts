import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { invalidateCatalog } from "~/catalog/catalog.server";
import { resetEnvForTests } from "~/env.server";
import { loader } from "~/routes/healthz";

const contentDir = process.env.CONTENT_DIR!;
afterEach(() => {
  process.env.CONTENT_DIR = contentDir;
  resetEnvForTests();
  invalidateCatalog();
});

describe("/healthz", () => {
  it("answers 200 with the database reachable and the catalog loaded", async () => {
    const res = await loader();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: true, catalog: true });
  });

  it("answers 503 when the catalog has no course", async () => {
    process.env.CONTENT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "campus-empty-"));
    resetEnvForTests();
    invalidateCatalog();
    const res = await loader();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", database: true, catalog: false });
  });
});
