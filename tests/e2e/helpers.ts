import { execFile } from "node:child_process";
import { promisify } from "node:util";
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
    const context = await page
      .context()
      .browser()!
      .newContext({
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

export const DEMO_COURSE = { slug: "coops-and-health-first-look", title: "Co-operatives and health: a first look" };

/** Signs a new learner up through the real form and returns their email. */
export async function signUp(page: Page, tag: string, password = "a long pass phrase") {
  const email = uniqueEmail(tag);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(`Learner ${tag}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/learn$/);
  return email;
}

/** Answers the demo course's quiz, every answer right or every answer wrong. */
export async function answerDemoQuiz(page: Page, right: boolean) {
  const quiz = page.getByRole("region", { name: "Quiz" });
  await quiz.getByLabel(right ? "Savings and credit co-operatives (SACCOs)" : "Housing co-operatives").check();
  await quiz.getByLabel(right ? "Mutuals that provide health and social care" : "Banks that lend to farmers").check();
  await quiz
    .getByRole("group", { name: /IHCO said it would provide training/ })
    .getByLabel(right ? "True" : "False")
    .check();
  const plans = quiz.getByRole("group", { name: /Which of these did IHCO say/ });
  for (const label of [
    "Promote partnerships with governments and communities",
    "Advocate for recognition of what co-operatives do for health",
    "Do research and share good practice",
  ]) {
    if (right) await plans.getByLabel(label).check();
    else await plans.getByLabel(label).uncheck();
  }
  if (right) await plans.getByLabel("Sell medicines to co-operatives").uncheck();
  else await plans.getByLabel("Sell medicines to co-operatives").check();
  await quiz.getByLabel("Your answer").fill(right ? " ihco " : "the ILO");
  await quiz.getByRole("button", { name: /Submit/ }).click();
}

/** Runs the CLI (`npm run campus -- …`) on the database of the server the tests drive; returns what it printed. */
export async function campus(...args: string[]) {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "cli/campus.ts", ...args], {
    env: { ...process.env, DATABASE_URL: "./.cache/e2e/campus.db" },
  });
  return stdout.trim();
}

/**
 * Every link and control a person taps, outside running text, is at least 44×44 CSS pixels of target: links,
 * buttons, inputs, selects and summaries that are visible. A checkbox or radio counts with its label (tapping the
 * label ticks it). Links inside a paragraph of text, a list item of prose or a table cell of prose are left out,
 * as WCAG 2.5.8 leaves them out. Returns the offenders, described, for the test to assert is empty.
 */
export async function smallTapTargets(page: Page, minimum = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const offenders: string[] = [];
    const inRunningText = (el: Element) => {
      if (el.tagName !== "A") return false;
      const block = el.closest("p, li, dd, td, figcaption, blockquote, .prose, .muted");
      if (!block || block.closest(".site-nav, .breadcrumbs, .module-nav, .toc, .actions, .links, .outline")) return false;
      // A link that is the whole of its block is a target of its own, not a word in a sentence.
      return (block.textContent ?? "").trim() !== (el.textContent ?? "").trim();
    };
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return style.visibility !== "hidden" && style.display !== "none" && r.width > 0 && r.height > 0 && !el.closest(".visually-hidden, [hidden]");
    };
    for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
      if (!visible(el) || inRunningText(el)) continue;
      let box = el.getBoundingClientRect();
      const input = el as HTMLInputElement;
      if (el.tagName === "INPUT" && (input.type === "checkbox" || input.type === "radio")) {
        const label = input.closest("label") ?? (input.id ? document.querySelector(`label[for="${input.id}"]`) : null);
        if (label) box = label.getBoundingClientRect();
      }
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = (el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").trim().slice(0, 40);
        offenders.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return offenders;
  }, minimum);
}

/** A screenshot of what the screen shows now, into screenshots/ (named in the README), for people to look at. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png` });
}
