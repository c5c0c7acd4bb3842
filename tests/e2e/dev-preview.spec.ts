/**
 * A trainer runs `npm run dev`, opens a module, and edits its file: the page
 * shows the change without a manual reload; a broken save shows the error in
 * the page while the last good version stays.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

test("editing a module in dev mode updates the open page", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-dev-"));
  fs.cpSync("content", path.join(dir, "content"), { recursive: true });
  const port = 3241;
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts", "--dev"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: path.join(dir, "campus.db"),
      CONTENT_DIR: path.join(dir, "content"),
      CACHE_DIR: path.join(dir, "cache"),
      ISSUER_KEY_FILE: path.join(dir, "issuer-key.json"),
      CAMPUS_DEMO: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const url = `${base}/courses/coops-and-health-first-look/what-is-a-cooperative`;
    // Vite may reload once while it discovers dependencies on the first visit.
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const file = path.join(dir, "content/courses/coops-and-health-first-look/01-what-is-a-cooperative.mdx");
    const original = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, original.replace("Co-operatives are everywhere", "Co-operatives are truly everywhere"));
    await expect(page.getByText("Co-operatives are truly everywhere")).toBeVisible({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), "updated in place, not by a reload").toBe(true);

    fs.writeFileSync(file, original.replace("## The values", "<Callout>never closed\n\n## The values"));
    await expect(page.getByRole("alert")).toContainText("This module has problems", { timeout: 20_000 });
    await expect(page.getByRole("alert")).toContainText("01-what-is-a-cooperative.mdx");
    await expect(page.getByText("Co-operatives are truly everywhere")).toBeVisible();

    fs.writeFileSync(file, original);
    await expect(page.getByRole("alert")).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByText("Co-operatives are everywhere")).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  } catch (error) {
    console.log(`dev server log:\n${log}`);
    throw error;
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
