import { expect, test, type Page } from "@playwright/test";
import { courseModules, moduleKey, moduleTitle, type KeyedQuestion } from "./course-key";
import { expectAccessible, uniqueEmail } from "./helpers";

const COURSE = {
  slug: "kenya-cameroon-pilots",
  title: "Co-ops for community health: the Kenya and Cameroon pilots",
  /** course.yaml's French title: a French learner's certificates say it in French. */
  frenchTitle: "Des coopératives pour la santé communautaire : les projets pilotes du Kenya et du Cameroun",
};

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
  test.use({ locale: "fr-CM", extraHTTPHeaders: { "Accept-Language": "fr-CM,fr;q=0.9" } });

  test("the Kenya and Cameroon pilots course: four modules read and passed in French, then a certificate", async ({ page }) => {
    test.setTimeout(120_000);
    // A browser in French gets the sign-up form in French, with French already chosen.
    await page.goto("/signup");
    await page.getByLabel("Votre nom").fill("Apprenante");
    await page.getByLabel("Adresse e-mail").fill(uniqueEmail("francais"));
    await page.getByLabel("Mot de passe").fill("une longue phrase de passe");
    await expect(page.getByLabel("Langue préférée")).toHaveValue("fr");
    await page.getByRole("button", { name: "S'inscrire" }).click();
    await expect(page).toHaveURL(/\/learn$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes cours");
    const modules = courseModules(COURSE.slug, "fr");
    expect(modules).toHaveLength(4);

    await page.goto(`/courses/${COURSE.slug}/${modules[0]!.slug}`);
    await page.getByRole("button", { name: "S'inscrire à ce cours" }).click();
    await expect(page.getByRole("button", { name: "Envoyer mes réponses" })).toBeVisible();
    for (const [index, module] of modules.entries()) {
      await page.goto(`/courses/${COURSE.slug}/${module.slug}`);
      // The French text itself, labelled as French, with its components in French.
      await expect(page.locator("article[lang]")).toHaveAttribute("lang", "fr");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(moduleTitle(module.file)!);
      await expect(page.getByText("Ce module n'existe pas encore")).toHaveCount(0);
      await expect(page.getByText(/Étude de cas/).first()).toBeVisible();
      await expect(page.getByRole("heading", { name: "Points clés" })).toBeVisible();
      const key = moduleKey(module.file);
      expect(key.length).toBeGreaterThanOrEqual(5);
      await answerRight(page, key);
      await expect(page.getByText("Réussi : ce module est terminé.")).toBeVisible();
      // A passed module before the last offers the next one as the big way on, titled in French.
      const next = modules[index + 1];
      if (next) {
        const button = page.getByRole("link", { name: /^Module suivant\s*:/ });
        await expect(button).toBeVisible();
        await expect(button).toContainText(moduleTitle(next.file)!);
        await expect(button).toHaveClass(/\bbig\b/);
      }
      if (index === 0) await expectAccessible(page);
    }

    await page.goto("/certificates");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes certificats");
    await expect(page.getByRole("link", { name: COURSE.frenchTitle })).toBeVisible();
    await expect(page.getByText(COURSE.title)).toHaveCount(0);
  });
});
