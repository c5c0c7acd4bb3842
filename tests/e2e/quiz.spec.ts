import { expect, test } from "@playwright/test";
import { answerDemoQuiz, DEMO_COURSE, expectAccessible, signUp } from "./helpers";

const MODULE = `/courses/${DEMO_COURSE.slug}/coops-working-for-health`;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`quiz with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("fail, read the explanations, pass on a retake, and the module turns complete", async ({ page }) => {
      await signUp(page, javaScriptEnabled ? "quiz-js" : "quiz-nojs");
      await page.goto(`/courses/${DEMO_COURSE.slug}`);
      await page.getByRole("button", { name: "Enrol in this course" }).click();
      // The enrolment lands (it opens the first module) before the test moves on.
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
      await page.goto(MODULE);
      const quiz = page.getByRole("region", { name: "Quiz" });
      await expect(quiz).toBeVisible();
      // Nothing about correctness before a submission.
      await expect(page.getByText(/Correct\.|Not correct\.|whose president agreed/)).toHaveCount(0);
      await expectAccessible(page, { javaScriptEnabled });

      // A missing answer is a clear message on the form, not an attempt.
      await quiz.getByLabel("Housing co-operatives").check();
      await quiz.getByRole("button", { name: "Submit answers" }).click();
      await expect(quiz.getByText("Some questions need an answer: see below.")).toBeVisible();
      await expect(quiz.getByText("Choose an answer.").first()).toBeVisible();
      await expect(quiz.getByText("Attempts so far")).toHaveCount(0);

      // With JavaScript the answers go to the module's attempts endpoint and come back as a small JSON reply;
      // the module's own data (its whole text) is loaded again only when the module turns complete.
      const sent: string[] = [];
      page.on("request", (r) => sent.push(`${r.method()} ${new URL(r.url()).pathname}`));
      if (javaScriptEnabled) {
        // A slow connection: the loaders' revalidation after the passing submission lags by seconds.
        // The retake must still count as a new attempt, never as a resend of the first.
        await page.route(/\.data(\?|$)/, async (route) => {
          if (route.request().method() === "GET") await new Promise((r) => setTimeout(r, 4000));
          await route.continue();
        });
      }
      await answerDemoQuiz(page, false);
      await expect(quiz.getByText(/Attempt 1: you scored 0%\. Not passed yet/)).toBeVisible();
      await expect(quiz.getByText("Not correct.")).toHaveCount(5);
      await expect(quiz.getByText(/whose president agreed that it would take the lead/)).toBeVisible();
      await expect(page.getByText("Pass the quiz to complete this module.")).toBeVisible();
      await expect(quiz.getByText(/Attempts so far: 1\. Best score: 0%/)).toBeVisible();
      if (javaScriptEnabled) {
        expect(sent).toContain(`POST ${MODULE}/attempts`);
        expect(
          sent.filter((r) => r.startsWith("GET ") && r.endsWith(".data")),
          "no reload of the module after a failed attempt",
        ).toEqual([]);
      } else {
        expect(sent).toContain(`POST ${MODULE}`);
      }
      await expectAccessible(page, { javaScriptEnabled });

      await answerDemoQuiz(page, true);
      await expect(quiz.getByText(/Attempt 2: you scored 100%\. Passed: this module is complete\./)).toBeVisible();
      await expect(quiz.getByText("Correct.")).toHaveCount(5);
      await expect(page.getByText("You have completed this module.")).toBeVisible();
      await expect(quiz.getByText(/Attempts so far: 2\. Best score: 100% \(passed\)/)).toBeVisible();
      await expectAccessible(page, { javaScriptEnabled });

      await page.goto(`/courses/${DEMO_COURSE.slug}`);
      await expect(page.getByRole("listitem").filter({ hasText: "Co-operatives working for health" })).toContainText("done");
    });
  });
}

test("a visitor sees the questions but cannot submit, and no answer key is in the page", async ({ page }) => {
  await page.goto(MODULE);
  await expect(page.getByRole("region", { name: "Quiz" })).toBeVisible();
  await expect(page.getByText("Enrol in the course to submit your answers.")).toBeVisible();
  // The quiz as rendered, and the module route's own data, say nothing of which answer is right.
  expect(await page.getByRole("region", { name: "Quiz" }).innerHTML()).not.toMatch(/correct|explanation/i);
  const data = await page.request.get(`${MODULE}.data?_routes=${encodeURIComponent("routes/courses.$course.$module")}`);
  expect(data.status()).toBe(200);
  const moduleData = await data.text();
  expect(moduleData).toContain("Savings and credit co-operatives (SACCOs)"); // the choices are there…
  expect(moduleData).not.toMatch(/correct|explanation/i); // …but no key and no explanation
  // No explanation of this quiz anywhere in the page (the interface's own words, such as "Correct.", may be).
  const html = await page.content();
  expect(html).not.toMatch(/whose president agreed|could expand into raising awareness|training and capacity building is one of the four/i);
});
