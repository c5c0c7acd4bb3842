import { expect, test } from "@playwright/test";
import { answerDemoQuiz, DEMO_COURSE, expectAccessible, signUp } from "./helpers";

test.describe("data saver (Save-Data: on)", () => {
  test.use({ extraHTTPHeaders: { "Save-Data": "on" } });

  test("pages carry no script at all, and enrol, read and quiz still work", async ({ page }) => {
    await page.goto("/signup");
    expect(await page.locator("script").count()).toBe(0);
    await signUp(page, "saver");
    // The person's own data-saver setting: it holds on every page, whatever the browser sends. (Chromium drops
    // a test's extra headers on the page that follows a form's redirect; a real phone's Save-Data does not.)
    await page.goto("/settings");
    expect(await page.locator("script").count()).toBe(0);
    await page.getByLabel(/Data saver/).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page).toHaveURL(/saved=1/);
    expect(await page.locator("script").count()).toBe(0);
    await page.goto(`/courses/${DEMO_COURSE.slug}`);
    expect(await page.locator("script").count()).toBe(0);
    await page.getByRole("button", { name: "Enrol in this course" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a co-operative?");
    expect(await page.locator("script").count()).toBe(0);
    await page.getByRole("button", { name: "Mark this module complete" }).click();
    await expect(page.getByText("You have completed this module.")).toBeVisible();
    await page.goto(`/courses/${DEMO_COURSE.slug}/coops-working-for-health`);
    expect(await page.locator("script").count()).toBe(0);
    await answerDemoQuiz(page, true);
    await expect(page.getByText("Passed: this module is complete.")).toBeVisible();
    expect(await page.locator("script").count()).toBe(0);
    await expectAccessible(page);
  });
});

test.describe("course covers and partners", () => {
  test("pictures on the catalogue and outline, none in data saver; partners named either way, in the reader's language", async ({ browser, baseURL }) => {
    for (const [saver, language] of [
      [false, "en"],
      [true, "fr"],
    ] as const) {
      const context = await browser.newContext({
        baseURL,
        locale: language,
        extraHTTPHeaders: { "Accept-Language": language, ...(saver ? { "Save-Data": "on" } : {}) },
      });
      const page = await context.newPage();
      for (const path of ["/courses", "/courses/kenya-cameroon-pilots"]) {
        await page.goto(path);
        const covers = page.locator("img.cover, img.cover-wide");
        if (saver) await expect(covers, `no pictures in data saver on ${path}`).toHaveCount(0);
        else {
          expect(await covers.count(), `covers on ${path}`).toBeGreaterThan(0);
          // Every cover arrives, small: an SVG or WebP within a few kilobytes.
          for (const src of await covers.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).getAttribute("src")!))) {
            const r = await page.request.get(src);
            expect(r.ok(), src).toBe(true);
            expect(r.headers()["content-type"]).toMatch(/image\/(svg\+xml|webp)/);
            expect((await r.body()).length, src).toBeLessThan(8 * 1024);
          }
        }
        await expect(page.locator(".partners").first()).toHaveText(language === "fr" ? "Avec IHCO et OIT" : "With IHCO and ILO");
      }
      await context.close();
    }
  });
});

test.describe("French from the browser's language", () => {
  test.use({ locale: "fr-CM", extraHTTPHeaders: { "Accept-Language": "fr-CM,fr;q=0.9" } });

  test("pages say they are French; a module without a French version says so and shows the original", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se former pour les coopératives");
    await expect(page).toHaveTitle("Co-op Campus · Se former pour les coopératives");
    await expect(page.getByRole("link", { name: "Voir les cours" })).toBeVisible();
    await page.goto("/signup");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Créer votre compte");
    await expect(page.getByLabel("Langue préférée")).toHaveValue("fr");
    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
    await page.goto("/courses/no-such-course");
    await expect(page.getByText("Il n'y a pas de cours à cette adresse.")).toBeVisible();
    await page.goto(`/courses/${DEMO_COURSE.slug}/what-is-a-cooperative`);
    await expect(page.getByText("Ce module n'existe pas encore en Français")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Menu principal" })).toContainText("Cours");
    await expect(page.getByRole("region", { name: "Quiz" })).toHaveCount(0); // module 1 has no quiz
    await page.goto(`/courses/${DEMO_COURSE.slug}/coops-working-for-health`);
    await expect(page.getByText("Il faut 80 % pour réussir.")).toBeVisible();
    await expect(page.getByText("Inscrivez-vous au cours pour envoyer vos réponses.")).toBeVisible();
    await expectAccessible(page);
    await expect(page.locator("article[lang]")).toHaveAttribute("lang", "en");
  });

  test("the language switcher works without JavaScript and is remembered", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/courses");
    // One tap, from the top of the page, without JavaScript.
    await page.getByRole("group", { name: "Language of the site" }).getByRole("button", { name: "Kiswahili" }).click();
    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mafunzo kwa vyama vya ushirika");
    await expect(page).toHaveTitle("Co-op Campus · Mafunzo kwa vyama vya ushirika");
    await page.goto("/courses/kenya-cameroon-pilots");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vyama vya ushirika kwa afya ya jamii: miradi ya majaribio ya Kenya na Kamerun");
    await expect(page.getByRole("button", { name: "Jiandikishe kwenye kozi hii" })).toBeVisible();
    await expect(page.getByRole("link", { name: "SACCO zinazoelimisha wanachama kuhusu afya (Kenya)" })).toBeVisible();
    await context.close();
  });
});

test.describe("Swahili from the browser's language", () => {
  test.use({ locale: "sw-KE", extraHTTPHeaders: { "Accept-Language": "sw-KE,sw;q=0.9,en;q=0.5" } });

  test("pages and a translated module are in Swahili, and pass axe", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "sw");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mafunzo kwa vyama vya ushirika");
    await expect(page.getByRole("navigation", { name: "Menyu kuu" })).toBeVisible();
    await page.goto("/courses/kenya-cameroon-pilots/saccos-raising-health-awareness");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("SACCO zinazoelimisha wanachama kuhusu afya (Kenya)");
    await expect(page.locator("article[lang]")).toHaveAttribute("lang", "sw");
    await expect(page.getByRole("heading", { name: "Mambo muhimu" })).toBeVisible();
    await expect(page.getByText("Jiandikishe kwenye kozi ili kutuma majibu yako.")).toBeVisible();
    await expectAccessible(page);
  });
});

test("a table wider than the phone scrolls sideways from the keyboard, and the page passes axe", async ({ page }) => {
  await page.goto("/courses/health-services-through-coops/why-coops-in-health");
  const box = page.getByRole("region", { name: "Table" }).first();
  await expect(box).toBeVisible();
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await box.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expectAccessible(page);
});
