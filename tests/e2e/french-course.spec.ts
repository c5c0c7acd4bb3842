import { expect, test, type Page } from "@playwright/test";
import { courseModules, moduleKey, type KeyedQuestion } from "./course-key";
import { expectAccessible, signUp } from "./helpers";

const COURSE = { slug: "kenya-cameroon-pilots", title: "Co-ops for community health: the Kenya and Cameroon pilots" };

async function answerRight(page: Page, questions: KeyedQuestion[]) {
  const quiz = page.getByRole("region", { name: "Quiz" });
  for (const q of questions) {
    const group = quiz.getByRole("group", { name: q.prompt });
    if (q.kind === "text") await group.getByLabel("Votre réponse").fill(q.answers[0]!);
    else if (q.kind === "truefalse") await group.getByLabel(q.answer ? "Vrai" : "Faux", { exact: true }).check();
    else for (const label of q.correct) await group.getByLabel(label, { exact: true }).check();
  }
  await quiz.getByRole("button", { name: "Envoyer mes réponses" }).click();
}

test.describe("a real course from start to certificate, in French", () => {
  test.use({ locale: "fr-CM" });

  test("the Kenya and Cameroon pilots course: four modules read and passed in French, then a certificate", async ({ page }) => {
    test.setTimeout(120_000);
    await signUp(page, "francais");
    // The learner picks French with the switcher (Chromium drops a test's Accept-Language after a form's redirect).
    await page.getByLabel("Language", { exact: true }).selectOption("fr");
    await page.getByRole("button", { name: "Change" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    const modules = courseModules(COURSE.slug, "fr");
    expect(modules).toHaveLength(4);

    await page.goto(`/courses/${COURSE.slug}/${modules[0]!.slug}`);
    await page.getByRole("button", { name: "S'inscrire à ce cours" }).click();
    for (const [index, module] of modules.entries()) {
      await page.goto(`/courses/${COURSE.slug}/${module.slug}`);
      // The French text itself, labelled as French, with its components in French.
      await expect(page.locator("article[lang]")).toHaveAttribute("lang", "fr");
      await expect(page.getByText("Ce module n'existe pas encore")).toHaveCount(0);
      await expect(page.getByText(/Étude de cas/).first()).toBeVisible();
      await expect(page.getByRole("heading", { name: "Points clés" })).toBeVisible();
      const key = moduleKey(module.file);
      expect(key.length).toBeGreaterThanOrEqual(5);
      await answerRight(page, key);
      await expect(page.getByText("Réussi : ce module est terminé.")).toBeVisible();
      if (index === 0) await expectAccessible(page);
    }

    await page.goto("/certificates");
    await expect(page.getByRole("link", { name: COURSE.title })).toBeVisible();
  });
});
