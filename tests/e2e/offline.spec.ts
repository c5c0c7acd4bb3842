import { expect, test } from "@playwright/test";
import { answerDemoQuiz, DEMO_COURSE, expectAccessible, signUp } from "./helpers";
import { startServer, stopped, type TestServer } from "./servers";

/**
 * Offline for real: the test has its own server and stops it, and the
 * browser context goes offline too (Playwright's offline switch does not
 * reach a service worker's own requests, a stopped server does).
 */
const PORT = Number(process.env.E2E_OFFLINE_PORT ?? 3271);
let server: TestServer | undefined;
test.afterEach(async () => {
  if (server) {
    server.stop();
    await stopped(server.child);
    server = undefined;
  }
});

test("save a course, read it offline, answer its quiz offline, send once when back online; logout clears the saved pages", async ({ browser }) => {
  test.setTimeout(120_000);
  server = await startServer({ port: PORT });
  const dir = server.dir;
  const context = await browser.newContext({ baseURL: server.base });
  const page = await context.newPage();
  await signUp(page, "offline");
  await page.goto(`/courses/${DEMO_COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  // The enrolment lands (it opens the first module) before the test moves on.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
  await page.goto(`/courses/${DEMO_COURSE.slug}`);

  // One button, with the download size; once pressed, every module is on the phone.
  const save = page.getByRole("button", { name: /^Save this course for offline reading \(about \d+\sKB\)$/ });
  await expect(save).toBeVisible();
  await expectAccessible(page);
  const announced = Number(/about (\d+)\sKB/.exec((await save.textContent())!)![1]);
  await save.click();
  const done = page.getByText(/^Saved: \d+\sKB downloaded/);
  await expect(done).toBeVisible();
  // The size shown before saving is the size the phone then downloads, within a tenth.
  const downloaded = Number(/(\d+)\sKB/.exec((await done.textContent())!)![1]);
  expect(Math.abs(downloaded - announced) / downloaded, `announced ${announced} KB, downloaded ${downloaded} KB`).toBeLessThanOrEqual(0.1);
  await expect(page.getByText("Saved on this device: 2 of 2 modules open without a connection.")).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // No network at all.
  await context.setOffline(true);
  server.stop();
  await stopped(server.child);

  await page.goto(`/courses/${DEMO_COURSE.slug}/what-is-a-cooperative`);
  await expect(page.getByRole("heading", { level: 1, name: "What is a co-operative?" })).toBeVisible();
  // The course outline and "My learning" were saved with the modules.
  await page.goto(`/courses/${DEMO_COURSE.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: DEMO_COURSE.title })).toBeVisible();
  await page.goto("/learn");
  await expect(page.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
  // Anything else: the offline page, in the learner's language, listing what is saved here with links.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "What is a co-operative?" })).toBeVisible();
  await expect(page.getByRole("link", { name: "My learning" })).toBeVisible();
  // Links between saved modules work offline (as whole pages from the cache).
  await page.goto(`/courses/${DEMO_COURSE.slug}/what-is-a-cooperative`);
  await page.getByRole("link", { name: /Next/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Co-operatives working for health" })).toBeVisible();

  await answerDemoQuiz(page, true);
  await expect(page.getByText("You are offline. Your answers are kept on this device")).toBeVisible();
  await expect(page.getByText("1 quiz answer is waiting to be sent:")).toBeVisible();
  await expect(page.getByRole("status").getByText(/Co-operatives working for health, answered at/)).toBeVisible();

  // Back online: the same server, the same database.
  server = await startServer({ port: PORT, dir });
  await context.setOffline(false);
  await expect(page.getByText("Your answers given offline have been sent.")).toBeVisible();
  await page.reload();
  await expect(page.getByText(/Attempts so far: 1\. Best score: 100\s?% \(passed\)/)).toBeVisible();
  await expect(page.getByText("You have completed this module.")).toBeVisible();
  // A second visit sends nothing again.
  await page.reload();
  await expect(page.getByText(/Attempts so far: 1\./)).toBeVisible();

  // Logging out deletes the saved pages: offline, the module is no longer there for the next person.
  await page.getByRole("button", { name: /Log out/ }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith("campus-saved-")).length)).toBe(0);
  await context.setOffline(true);
  server.stop();
  await stopped(server.child);
  await page.goto(`/courses/${DEMO_COURSE.slug}/what-is-a-cooperative`);
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await context.close();
});
