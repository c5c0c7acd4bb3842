import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import { answerDemoQuiz, campus, DEMO_COURSE, expectAccessible, signUp } from "./helpers";

const exec = promisify(execFile);

async function verify(credential: string, didJson: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-e2e-verify-"));
  fs.writeFileSync(path.join(dir, "c.json"), credential);
  fs.writeFileSync(path.join(dir, "did.json"), didJson);
  try {
    const r = await exec(process.execPath, [
      "--import",
      "tsx",
      "cli/campus.ts",
      "cert",
      "verify",
      path.join(dir, "c.json"),
      "--did",
      path.join(dir, "did.json"),
    ]);
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("complete a course, get a certificate anyone can check: page, PDF, signed credential, revocation", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await signUp(page, "cert");
  await page.goto(`/courses/${DEMO_COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await page.getByRole("button", { name: "Mark this module complete" }).click();
  await expect(page.getByText("You have completed this module.")).toBeVisible();
  await page.goto(`/courses/${DEMO_COURSE.slug}/coops-working-for-health`);
  await answerDemoQuiz(page, true);
  await expect(page.getByText("You have completed this module.")).toBeVisible();

  await page.goto("/learn");
  await page.getByRole("link", { name: "Your certificate" }).click();
  await expect(page).toHaveURL(/\/certificates\/[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  const code = page.url().split("/").pop()!;
  await page.goto("/certificates");
  await expect(page.getByRole("link", { name: DEMO_COURSE.title })).toBeVisible();
  await expect(page.getByText(code)).toBeVisible();

  // An anonymous visitor (an employer) with only the PDF: its printed address is the QR code's target.
  const visitor = await browser.newContext({ baseURL });
  const anon = await visitor.newPage();
  const pdfResponse = await anon.request.get(`/certificates/${code}.pdf`);
  expect(pdfResponse.status()).toBe(200);
  expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");
  const pdf = await pdfResponse.body();
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/\s+/g, " ");
  expect(text).toContain("Learner cert");
  expect(text).toContain(code);
  const target = /(http:\/\/\S+\/certificates\/[0-9A-Z-]+)/.exec(text)![1]!;
  expect(target).toBe(`${baseURL}/certificates/${code}`);

  await anon.goto(target);
  await expect(anon.getByRole("heading", { level: 1 })).toHaveText("Certificate");
  await expect(anon.getByRole("status")).toContainText("Valid.");
  await expect(anon.getByText(DEMO_COURSE.title)).toBeVisible();
  await expect(anon.locator('meta[property="og:description"]')).toHaveAttribute("content", /completed "Co-operatives and health: a first look"/);
  expect(await anon.locator("script").count()).toBe(0);
  await expectAccessible(anon);

  const credential = await (await anon.request.get(`/certificates/${code}/credential.json`)).text();
  const did = await (await anon.request.get("/.well-known/did.json")).text();
  // A one-element proof set (1EdTech's strict AchievementCredential schema accepts only an array).
  expect(JSON.parse(credential).proof[0].cryptosuite).toBe("eddsa-rdfc-2022");
  const good = await verify(credential, did);
  expect(good.out).toMatch(/^valid: signature verified/);
  expect(good.code).toBe(0);
  const oneCharChanged = credential.replace("Co-operatives and health", "Co-operatives and health!");
  const bad = await verify(oneCharChanged, did);
  expect(bad.code).toBe(1);
  expect(bad.out).toMatch(/^invalid:/);

  const unknown = await anon.goto("/certificates/0000-0000-0000-0000-0000");
  expect(unknown?.status()).toBe(404);
  await expect(anon.getByText("No certificate has this code")).toBeVisible();

  // Revoked: the page says so at once.
  await campus("cert", "revoke", code, "--reason", "Issued in error during a test");
  await anon.goto(`/certificates/${code}`);
  await expect(anon.getByRole("status")).toContainText("Revoked");
  await expect(anon.getByRole("status")).toContainText("Issued in error during a test");
  await expectAccessible(anon);
  await visitor.close();
});
