/**
 * A trainer's tools in a real browser: the trainer bar on a module page, the
 * answer-key preview, and the quiz statistics (page and CSV) after a learner's
 * wrong answers, each page checked by axe-core and used from the keyboard.
 */
import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { answerDemoQuiz, campus, DEMO_COURSE, expectAccessible, signUp, uniqueEmail } from "./helpers";

const quizModule = `/courses/${DEMO_COURSE.slug}/coops-working-for-health`;

test("a trainer previews the answer key and reads the quiz statistics; a learner sees neither", async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  // A learner answers the quiz wrongly, so the statistics have something to say.
  const learnerContext = await browser.newContext({ baseURL });
  const learner = await learnerContext.newPage();
  await signUp(learner, "stats-learner");
  await learner.goto(`/courses/${DEMO_COURSE.slug}`);
  await learner.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(learner.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
  await learner.goto(quizModule);
  await expect(learner.getByText("Trainer preview:")).toHaveCount(0);
  await answerDemoQuiz(learner, false);
  await expect(learner.getByText(/you scored/)).toBeVisible();
  // The learner is refused the statistics.
  const refused = await learner.goto(`/courses/${DEMO_COURSE.slug}/stats`);
  expect(refused?.status()).toBe(403);
  await learnerContext.close();

  const email = uniqueEmail("trainer");
  await campus("user", "add", "--email", email, "--name", "Trainer", "--password", "trainer pass phrase");
  await campus("trainer", "add", "--email", email, "--course", DEMO_COURSE.slug);
  await page.goto(`/login?redirectTo=${encodeURIComponent(quizModule)}`);
  await page.getByLabel("Email or username").fill(email);
  await page.getByLabel("Password").fill("trainer pass phrase");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(`${quizModule}$`));
  await expect(page.getByText("Trainer preview:")).toBeVisible();
  await expectAccessible(page);

  // The answer key, reached from the keyboard.
  const withKey = page.getByRole("link", { name: "with the answer key" });
  await withKey.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/preview=key/);
  await expect(page.getByRole("link", { name: "with the answer key" })).toHaveAttribute("aria-current", "page");
  const quiz = page.getByRole("region", { name: "Quiz" });
  await expect(quiz.getByText("(correct answer)").first()).toBeVisible();
  await expect(quiz).toContainText("Accepted answers:");
  await expectAccessible(page);

  // The statistics count the learner's wrong answers.
  await page.getByRole("link", { name: "quiz statistics" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiz statistics");
  const questions = page.getByRole("table").first();
  await expect(questions).toContainText("Housing co-operatives");
  await expectAccessible(page);

  // The same figures as a spreadsheet, from the page's link.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^campus-quiz-statistics-coops-and-health-first-look-.*\.csv$/);
  const csv = await fs.readFile((await download.path())!, "utf8");
  expect(csv).toMatch(/^\uFEFFmodule,quiz,/);
  expect(csv).toContain("Housing co-operatives");
});
