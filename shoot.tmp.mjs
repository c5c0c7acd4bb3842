import { chromium } from "@playwright/test";
const base = process.env.BASE ?? "http://127.0.0.1:3400";
const [, , who, pw, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"] });
for (const width of [360, 1366]) {
  const ctx = await browser.newContext({ viewport: { width, height: width === 360 ? 740 : 900 }, locale: process.env.LOCALE ?? "en" });
  const page = await ctx.newPage();
  if (who !== "-") {
    await page.goto(base + "/login");
    await page.getByLabel(/Email/).fill(who);
    await page.getByLabel("Password").fill(pw);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForLoadState("networkidle");
  }
  for (const p of paths) {
    await page.goto(base + p);
    const name = p.replace(/[^a-z0-9]+/gi, "_") || "home";
    await page.screenshot({ path: `/tmp/shots/${name}-${width}.png`, fullPage: process.env.FULL === "1" });
  }
  await ctx.close();
}
await browser.close();
