import { devices, expect, test, type Page } from "@playwright/test";
import { answerDemoQuiz, expectAccessible, signUp, uniqueEmail, watchConsole } from "./helpers";

const COURSE = "Co-operatives and health: a first look";

for (const javaScriptEnabled of [true, false]) {
  // One learner's whole journey, in five steps run in order on one page, each with its own time budget: as one test
  // of about forty steps with axe on nine pages it needed its whole 60 s on a loaded 2-core machine, and failed
  // there at a different step each time with the right page on screen.
  test.describe(`learner journey with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.describe.configure({ mode: "serial" });
    let page: Page;
    let errors: string[];
    const email = uniqueEmail(javaScriptEnabled ? "js" : "nojs");
    const password = "a long pass phrase";

    test.beforeAll(async ({ browser, baseURL }) => {
      // The same phone as every other test (playwright.config.ts), in a context of the journey's own.
      const { defaultBrowserType: _, ...phone } = devices["Pixel 5"];
      page = await (await browser.newContext({ ...phone, javaScriptEnabled, baseURL })).newPage();
      errors = watchConsole(page);
    });
    test.afterAll(async () => {
      await page.context().close();
    });

    test("a visitor finds the course: home, catalogue, outline", async () => {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learning for co-operatives");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByRole("link", { name: "Browse the courses" }).click();
      await expect(page).toHaveURL(/\/courses$/);
      await expect(page.getByRole("heading", { name: COURSE })).toBeVisible();
      await expect(page.getByText("2 modules").first()).toBeVisible();
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByRole("link", { name: COURSE }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE);
      await expect(page.getByRole("listitem").filter({ hasText: "What is a co-operative?" })).toContainText("10 min");
      await expectAccessible(page, { javaScriptEnabled });
    });

    test("enrolling signed out leads through sign-up (a bad form first) and back to the course", async () => {
      await page.getByRole("button", { name: "Enrol in this course" }).click();
      await expect(page).toHaveURL(/\/login\?redirectTo=/);
      await expectAccessible(page, { javaScriptEnabled });
      await page.getByRole("link", { name: "Create an account" }).click();
      await expect(page).toHaveURL(/\/signup\?redirectTo=/);

      // A bad form comes back with its values and an error per field.
      await page.getByLabel("Your name").fill("Wanjiru Test");
      await page.getByLabel("Email").fill("not-an-email");
      await page.getByLabel("Password").fill("short");
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByText("Enter a valid email address")).toBeVisible();
      await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
      await expect(page.getByLabel("Your name")).toHaveValue("Wanjiru Test");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByLabel("Preferred language").selectOption("en");
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(COURSE);
    });

    test("enrol, read the first module, complete it, go on to the next", async () => {
      await page.getByRole("button", { name: "Enrol in this course" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
      await expect(page.getByRole("table")).toContainText("Democratic member control");
      await expectAccessible(page, { javaScriptEnabled });
      await page.getByRole("button", { name: "Mark this module complete" }).click();
      await expect(page.getByText("You have completed this module.")).toBeVisible();

      await page.getByRole("link", { name: /Next: Co-operatives working for health/ }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Co-operatives working for health");
      await expect(page.getByRole("link", { name: /Previous: What is a co-operative/ })).toBeVisible();
      await expectAccessible(page, { javaScriptEnabled });
    });

    test("progress shows half way; passing the quiz completes the module and the course", async () => {
      await page.goto("/learn");
      await expect(page.getByRole("progressbar", { name: `Progress in ${COURSE}` })).toHaveAttribute("value", "50");
      await expect(page.getByText("1 of 2 modules complete")).toBeVisible();
      await expectAccessible(page, { javaScriptEnabled });

      // The second module has a quiz: passing it completes the module.
      await page.getByRole("link", { name: /Continue: Co-operatives working for health/ }).click();
      await expect(page.getByRole("button", { name: "Mark this module complete" })).toHaveCount(0);
      await answerDemoQuiz(page, true);
      await expect(page.getByText("Passed: this module is complete.")).toBeVisible();
      await expect(page.getByText("You have completed this module.")).toBeVisible();

      await page.goto("/learn");
      await expect(page.getByText(/Completed on \d+ \w+ \d{4}/)).toBeVisible();
      await expect(page.getByRole("progressbar", { name: `Progress in ${COURSE}` })).toHaveAttribute("value", "100");
    });

    test("log out, and log back in (the email in capitals) to the same progress, with no console error on the way", async () => {
      await page.getByRole("button", { name: /Log out/ }).click();
      await expect(page).toHaveURL(/\/$/);
      await page.goto("/learn");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Flearn/);

      await page.getByLabel("Email").fill(email.toUpperCase());
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page).toHaveURL(/\/learn$/);
      await expect(page.getByText(/Completed on/)).toBeVisible();

      expect(errors, "console errors (CSP violations included)").toEqual([]);
    });
  });
}

test("unknown courses and modules get a 404 page, not a crash", async ({ page }) => {
  const course = await page.goto("/courses/no-such-course");
  expect(course?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  const module = await page.goto("/courses/coops-and-health-first-look/no-such-module");
  expect(module?.status()).toBe(404);
  await expectAccessible(page);
  const other = await page.goto("/no/such/page");
  expect(other?.status()).toBe(404);
});

test("a learner closes their account from settings: signed out, told so, and the login works no more", async ({ page }) => {
  const email = await signUp(page, "closing", "closing pass phrase");
  await page.goto("/settings");
  const close = page.getByRole("form", { name: "Close your account" });
  await close.getByLabel("Your password, to confirm").fill("closing pass phrase");
  await close.getByRole("button", { name: "Close my account" }).click();
  // The box was not ticked: the browser asks first (required); the keyboard ticks it.
  await expect(page).toHaveURL(/\/settings$/);
  await close.getByLabel(/I understand/).focus();
  await page.keyboard.press("Space");
  await expectAccessible(page);
  await close.getByRole("button", { name: "Close my account" }).click();
  await expect(page.getByRole("status")).toHaveText("Your account is closed and you are signed out. Thank you for learning with Co-op Campus.");
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await page.goto("/login");
  await page.getByLabel("Email or username").fill(email);
  await page.getByLabel("Password").fill("closing pass phrase");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("That email (or username) and password do not match an account.")).toBeVisible();
});

test("a tampered session cookie is treated as signed out", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "campus_session", value: "abcdefghijklmnopqrstuvwxyzabcdef", url: baseURL! }]);
  await page.goto("/learn");
  await expect(page).toHaveURL(/\/login/);
});

test("health check answers 200 with the database and catalog", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: true, catalog: true });
});
