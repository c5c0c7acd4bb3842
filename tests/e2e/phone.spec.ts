/**
 * A learner on a 360-pixel phone (issue 26): the quiz result where they are
 * looking, with and without JavaScript; the end of a course as a moment;
 * one language from end to end in French and Swahili, the certificate's PDF
 * included; every tap target at least 44 px; and screenshots of the pages a
 * learner sees, written to screenshots/ for people to look at.
 */
import { expect, test, type Page } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import { answerDemoQuiz, DEMO_COURSE, expectAccessible, screenshot, signUp, smallTapTargets, uniqueEmail } from "./helpers";

test.use({ viewport: { width: 360, height: 740 } });

/** Nothing is wider than the phone: no sideways scrolling of the whole page. */
async function expectNoOverflow(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(360);
}

async function expectBigTargets(page: Page) {
  expect(await smallTapTargets(page), `small tap targets on ${page.url()}`).toEqual([]);
  await expectNoOverflow(page);
}

/** Whether the element's box is within the visible part of the page. */
const inViewport = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top > -2 && r.top < window.innerHeight && r.height > 0;
  });

for (const javaScriptEnabled of [true, false]) {
  test(`the quiz result is where the learner looks, then the course completes (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    baseURL,
  }) => {
    test.slow();
    const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signUp(page, javaScriptEnabled ? "phone-js" : "phone-nojs");
    await page.goto(`/courses/${DEMO_COURSE.slug}`);
    await page.getByRole("button", { name: "Enrol in this course" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
    if (javaScriptEnabled) await screenshot(page, "module-360");
    await expectBigTargets(page);
    await page.getByRole("button", { name: "Mark this module complete" }).click();
    // Waited for as a learner sees it: with JavaScript, following "Next" before the answer came cancelled the
    // completion on a loaded machine, and the course then did not complete with the quiz.
    await expect(page.getByText("You have completed this module.")).toBeVisible();
    await page.getByRole("link", { name: /Next: Co-operatives working for health/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Co-operatives working for health");
    await expectBigTargets(page);

    // A failed attempt: the result card is in sight (and focused, with JavaScript), with its two ways on.
    await answerDemoQuiz(page, false);
    const card = page.locator("#quiz-coops-for-health-result");
    await expect(card).toContainText("Not passed yet");
    await expect.poll(() => inViewport(page, "#quiz-coops-for-health-result")).toBe(true);
    if (javaScriptEnabled) await expect(card).toBeFocused();
    else expect(page.url()).toMatch(/#quiz-coops-for-health-result$/);
    await expect(card.getByRole("link", { name: "Read the explanations" })).toBeVisible();
    await expect(card.getByRole("link", { name: "Try again" })).toBeVisible();
    if (javaScriptEnabled) await screenshot(page, "quiz-result-360");
    await expectAccessible(page, { javaScriptEnabled });
    await expectBigTargets(page);

    // Passed: the last module, so the course is complete: a card with the certificate and ways to share it.
    await answerDemoQuiz(page, true);
    await expect(card).toContainText("You passed");
    await expect.poll(() => inViewport(page, "#quiz-coops-for-health-result")).toBe(true);
    const complete = card.getByRole("region", { name: "Course complete" });
    await expect(complete).toBeVisible();
    await expect(complete.getByRole("link", { name: "See your certificate" })).toBeVisible();
    await expect(complete.getByRole("link", { name: "Share on WhatsApp" })).toHaveAttribute("href", /^https:\/\/wa\.me\/\?text=.*%2Fc%2F[0-9A-Z]{20}$/);
    await expect(complete.getByRole("link", { name: "Send by SMS" })).toHaveAttribute("href", /^sms:\?&body=/);
    await expectAccessible(page, { javaScriptEnabled });
    await expectBigTargets(page);

    // The short address opens the certificate.
    const short = (await complete.locator(".join-code").textContent())!;
    await page.goto(new URL(short).pathname);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificate");
    if (javaScriptEnabled) await screenshot(page, "certificate-360");
    await expectBigTargets(page);

    // A finished course offers no "Continue": its outline says completed, with the date and the certificate.
    await page.goto(`/courses/${DEMO_COURSE.slug}`);
    await expect(page.getByText(/Completed on \d+ \w+ \d{4}/)).toBeVisible();
    await expect(page.getByRole("link", { name: "See your certificate" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Continue:/ })).toHaveCount(0);
    await expectBigTargets(page);
    await context.close();
  });
}

test("home starts where the learner left off, and each role lands on its own page", async ({ page }) => {
  await signUp(page, "home");
  await page.goto(`/courses/${DEMO_COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
  await page.goto("/");
  const resume = page.getByRole("region", { name: "Continue where you left off" });
  await expect(resume).toContainText(DEMO_COURSE.title);
  await expect(resume.getByRole("link", { name: "Start: What is a co-operative?" })).toBeVisible();
  await screenshot(page, "home-360");
  await expectAccessible(page);
  await expectBigTargets(page);
  await page.goto(`/courses/${DEMO_COURSE.slug}`);
  await screenshot(page, "outline-360");
});

test("following Next while the completion is still on its way keeps the module completed", async ({ page }) => {
  await signUp(page, "next-early");
  await page.goto(`/courses/${DEMO_COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
  // A slow connection: the completion takes a second and a half to reach the server, and the learner does not wait.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.startsWith(`/courses/${DEMO_COURSE.slug}/`),
    async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      await held;
      await route.continue().catch(() => {}); // the browser may have given the request up: then nothing reaches the server
    },
  );
  await page.getByRole("button", { name: "Mark this module complete" }).click();
  await page.getByRole("link", { name: /Next: Co-operatives working for health/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Co-operatives working for health");
  const answered = page.waitForResponse((r) => r.request().method() === "POST", { timeout: 5_000 }).catch(() => null);
  release();
  await answered;
  // The learner stays where they went, and the module they left is recorded as completed.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Co-operatives working for health");
  await page.unroute(() => true);
  await page.goto(`/courses/${DEMO_COURSE.slug}/what-is-a-cooperative`);
  await expect(page.getByText("You have completed this module.")).toBeVisible();
});

test("every learner page has thumb-sized targets and no sideways scrolling", async ({ page }) => {
  await signUp(page, "targets");
  // A new learner lands on /learn with no course yet: the courses to choose from are right there, one tap away.
  await expect(page.getByText("You have not enrolled in a course yet. Choose one below to start.")).toBeVisible();
  await expectBigTargets(page);
  await expectAccessible(page);
  await page.getByRole("link", { name: DEMO_COURSE.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(DEMO_COURSE.title);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
  for (const path of [
    "/",
    "/learn",
    "/courses",
    `/courses/${DEMO_COURSE.slug}`,
    "/certificates",
    "/settings",
    "/join",
    `/courses/${DEMO_COURSE.slug}/glossary`,
  ]) {
    await page.goto(path);
    await expectBigTargets(page);
  }
});

test("a long module lists its sections at the top; a glossary term opens in place and closes again", async ({ page }) => {
  await page.goto("/courses/health-services-through-coops/why-coops-in-health");
  const toc = page.getByRole("navigation", { name: "In this module" });
  await expect(toc.getByRole("link").first()).toBeVisible();
  const first = toc.getByRole("link").nth(1);
  const target = (await first.getAttribute("href"))!;
  await first.click();
  await expect(page.locator(target)).toBeInViewport();
  const term = page.locator("a.term").first();
  await term.scrollIntoViewIfNeeded();
  const definition = page.locator((await term.getAttribute("href"))!);
  await expect(definition).toBeHidden();
  await term.click();
  await expect(definition).toBeVisible();
  await definition.getByRole("link").click();
  await expect(definition).toBeHidden();
  await expectAccessible(page);
  await expectBigTargets(page);
});

/** Completes the pilots course over HTTP as the page's own session (the quizzes answered right, from the catalog's key). */
async function completePilots(page: Page, language: "fr" | "sw") {
  const { loadCatalog, quizzesIn } = await import("../../app/catalog/catalog.server.ts");
  const { rightAnswers } = await import("../../app/quizzes/grading.ts");
  const course = (await loadCatalog({ contentDir: "content" })).courses.get("kenya-cameroon-pilots")!;
  for (const module of course.modules) {
    for (const quiz of quizzesIn(module, language)) {
      const form = new URLSearchParams({ intent: "quiz", quizId: quiz.id, language, attemptKey: `pilot-${language}-${module.slug}-${Date.now()}` });
      for (const [q, answers] of Object.entries(rightAnswers(quiz))) for (const a of answers) form.append(`q.${q}`, a);
      const r = await page.request.post(`/courses/kenya-cameroon-pilots/${module.slug}/attempts`, {
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        data: form.toString(),
      });
      expect((await r.json()).ok, `${module.slug} answered`).toBe(true);
    }
  }
}

for (const language of ["fr", "sw"] as const) {
  test(`a learner in ${language === "fr" ? "French" : "Swahili"} meets no English module or course title, certificate and its PDF included`, async ({
    browser,
    baseURL,
  }) => {
    test.slow();
    const context = await browser.newContext({
      baseURL,
      locale: language,
      extraHTTPHeaders: { "Accept-Language": language },
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    await page.goto("/signup");
    await page.locator("#field-name").fill(`Apprenant ${language}`);
    await page.locator("#field-email").fill(uniqueEmail(`lang-${language}`));
    await page.locator("#field-password").fill("a long pass phrase");
    await page.locator("#field-locale").selectOption(language);
    await page.locator('form.stack button[type="submit"]').click();
    await expect(page).toHaveURL(/\/learn$/);
    await page.goto("/courses/kenya-cameroon-pilots");
    await page.locator('form:has(input[name="intent"][value="enrol"]) button[type="submit"]').click();
    await expect(page.locator("article[lang]")).toHaveAttribute("lang", language);
    const { loadCatalog } = await import("../../app/catalog/catalog.server.ts");
    const course = (await loadCatalog({ contentDir: "content" })).courses.get("kenya-cameroon-pilots")!;
    const english = [course.meta.title, ...course.modules.map((m) => m.title)];

    // Before the end: the home page's "Continue" (course and module titles) and a module's breadcrumbs and neighbours.
    for (const [path, part] of [
      ["/", "section.continue"],
      [`/courses/kenya-cameroon-pilots/${course.modules[1]!.slug}`, "nav.breadcrumbs"],
    ] as const) {
      await page.goto(path);
      await expect(page.locator(part)).toBeVisible();
      const text = await page.locator("main").innerText();
      for (const title of english) expect(text, `English "${title}" on ${path}`).not.toContain(title);
      expect(text, `the translated course title on ${path}`).toContain(course.meta.translations[language]!.title);
    }
    await completePilots(page, language);

    for (const path of ["/learn", "/courses/kenya-cameroon-pilots", "/certificates"]) {
      await page.goto(path);
      const text = await page.locator("main").innerText();
      for (const title of english) expect(text, `English "${title}" on ${path}`).not.toContain(title);
    }
    await page.getByRole("link", { name: course.meta.translations[language]!.title }).click();
    await expect(page).toHaveURL(/\/certificates\/[0-9A-Z-]{24}$/);
    const code = page.url().split("/").pop()!;
    expect(await page.locator("main").innerText()).not.toContain(course.meta.title);
    const pdf = await page.request.get(`/certificates/${code}.pdf`);
    const text = (await new PDFParse({ data: new Uint8Array(await pdf.body()) }).getText()).text.replace(/\s+/g, " ");
    expect(text).toContain(course.meta.translations[language]!.title.replace(/\s+/g, " "));
    expect(text).not.toContain(course.meta.title);
    await context.close();
  });
}
