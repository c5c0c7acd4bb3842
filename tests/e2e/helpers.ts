import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/**
 * Fails the test when axe-core finds any WCAG A/AA violation on the page as
 * it is now. axe runs as a script; on a page with JavaScript disabled it
 * checks the very HTML the page holds, loaded (without its scripts) into a
 * scripted twin page with the same styles and viewport.
 */
export async function expectAccessible(page: Page, options: { javaScriptEnabled?: boolean } = {}) {
  let target = page;
  let cleanup = async () => {};
  if (options.javaScriptEnabled === false) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
    const url = page.url();
    const context = await page.context().browser()!.newContext({
      javaScriptEnabled: true, // Playwright Test would otherwise apply the test's own `use` options
      viewport: page.viewportSize() ?? undefined,
    });
    target = await context.newPage();
    await target.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await target.goto(url);
    cleanup = () => context.close();
  }
  const results = await new AxeBuilder({ page: target }).withTags(tags).analyze();
  await cleanup();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Collects console errors (CSP violations show up there) for the test to assert on. */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on("console", (msg) => {
    // A 4xx answer to a bad form is the app doing its job; the browser logs it all the same.
    if (msg.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
      errors.push(msg.text());
    }
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

export function uniqueEmail(tag: string) {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}
