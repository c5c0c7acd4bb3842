/**
 * Page weight from a real browser (the reach issue's budgets): compressed
 * bytes over the wire for the page's own requests, counted by Chromium
 * (DevTools Network.loadingFinished, encodedDataLength), on the production
 * server over loopback.
 * - first visit: an empty cache;
 * - next visit: the page loaded after another page of the site, so the hashed
 *   assets come from the HTTP cache (they are immutable);
 * - data saver: the browser sends Save-Data: on (no script at all).
 */
import { chromium, type BrowserContext } from "@playwright/test";
import { chromiumArgs, systemChromium } from "../tests/e2e/browser";

export type WeightPage = { name: string; url: string; before: string };
type Budget = { first: number; next: number; saver: number };

async function bytesOf(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
  await page.goto(url, { waitUntil: "networkidle" });
  await page.close();
  return bytes;
}

export async function pageWeights(
  base: string,
  cookie: { name: string; value: string },
  pages: WeightPage[],
  budget: Budget,
  record: (name: string, value: number, unit: string, target: string, met: boolean) => void,
) {
  const browser = await chromium.launch({ executablePath: systemChromium(), args: chromiumArgs });
  const fresh = async (headers: Record<string, string> = {}) => {
    const context = await browser.newContext({ baseURL: base, extraHTTPHeaders: headers, serviceWorkers: "block" });
    await context.addCookies([{ ...cookie, url: base }]);
    return context;
  };
  try {
    for (const p of pages) {
      let context = await fresh();
      const first = (await bytesOf(context, p.url)) / 1024;
      await context.close();
      context = await fresh();
      await bytesOf(context, p.before);
      const next = (await bytesOf(context, p.url)) / 1024;
      await context.close();
      context = await fresh({ "Save-Data": "on" });
      const saver = (await bytesOf(context, p.url)) / 1024;
      await context.close();
      record(`page weight, ${p.name}, first visit`, first, "KB", `≤ ${budget.first}`, first <= budget.first);
      record(`page weight, ${p.name}, next visit`, next, "KB", `≤ ${budget.next}`, next <= budget.next);
      record(`page weight, ${p.name}, data saver`, saver, "KB", `≤ ${budget.saver}`, saver <= budget.saver);
    }
  } finally {
    await browser.close();
  }
}
