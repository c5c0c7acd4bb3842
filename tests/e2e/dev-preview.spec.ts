/**
 * A trainer runs `npm run dev`, opens a module, and edits its file: the page
 * shows the change without a manual reload; a broken save shows the error in
 * the page while the last good version stays.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startServer } from "./servers";

test("editing a module in dev mode updates the open page", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-dev-"));
  fs.cpSync("content", path.join(dir, "content"), { recursive: true });
  const server = await startServer({ port: 3241, dev: true, dir, content: path.join(dir, "content") });
  const base = server.base;
  try {
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
    console.log(`dev server log:\n${server.log()}`);
    throw error;
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
