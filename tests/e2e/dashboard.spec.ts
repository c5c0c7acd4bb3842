import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { campus, expectAccessible, uniqueEmail } from "./helpers";

test("a coordinator follows their co-ops: dashboard, filters, join code, drill-down, import, export", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const coordinatorEmail = uniqueEmail("coord");
  const federation = `Federation ${tag}`;
  const sacco = `Umoja SACCO ${tag}`;
  await campus("user", "add", "--email", coordinatorEmail, "--name", "Coordinator", "--password", "coordinator pass");
  await campus("org", "add", "--name", federation, "--country", "KE", "--kind", "federation");
  const saccoId = await campus("org", "add", "--name", sacco, "--country", "KE", "--kind", "savings-credit", "--parent", federation);
  expect(saccoId).toMatch(/^\d+$/);
  await campus("member", "add", "--email", coordinatorEmail, "--org", federation, "--role", "coordinator");

  await page.goto("/login?redirectTo=/dashboard");
  await page.getByLabel("Email or username").fill(coordinatorEmail);
  await page.getByLabel("Password").fill("coordinator pass");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await expect(page.getByRole("table", { name: "By co-operative" })).toContainText(sacco);
  // The federation groups co-ops and has no learners of its own: it is not a row of zeros among them.
  await expect(page.getByRole("table", { name: "By co-operative" })).not.toContainText(federation);
  // Each table is introduced once: its caption names it for screen readers, and is not shown under its own heading.
  const shownTwice = await page.evaluate(() =>
    [...document.querySelectorAll("main h2")]
      .map((h) => h.textContent!.trim())
      .filter((text) =>
        [...document.querySelectorAll("main caption")].some(
          (c) => c.textContent!.trim() === text && c.getBoundingClientRect().width > 1 && c.getBoundingClientRect().height > 1,
        ),
      ),
  );
  expect(shownTwice).toEqual([]);
  await expectAccessible(page);

  await page.getByLabel("Country", { exact: true }).selectOption("KE");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/country=KE/);
  await page
    .getByRole("table", { name: "By co-operative" })
    .getByRole("link", { name: /^Learners/ })
    .click();
  await expect(page).toHaveURL(/coopsSort=learners/);
  await expect(page.getByRole("columnheader", { name: /Learners/ }).first()).toHaveAttribute("aria-sort", /descending|ascending/);

  // A join code for the co-op, enrolling in the demo course.
  await page.getByRole("table", { name: "By co-operative" }).getByRole("link", { name: sacco }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sacco);
  await page.getByLabel("Co-operatives and health: a first look").check();
  await page.getByRole("button", { name: "Create a join code" }).click();
  const code = (await page.locator(".join-code").first().textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectAccessible(page);
  // Learners who may need a nudge.
  await page.getByLabel("Learners to show").selectOption({ label: "Not active for 14 days, or not enrolled" });
  await page.locator("form:has(#quiet)").getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/quiet=14/);
  await expect(page.getByRole("table", { name: /Learners not active for 14 days/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Learners to show").selectOption({ label: "All learners" });
  await page.locator("form:has(#quiet)").getByRole("button", { name: "Apply" }).click();
  await expect(page).not.toHaveURL(/quiet=\d/);
  await expect(page.getByRole("table", { name: /^Learners \(\d+\)$/ })).toBeVisible();

  // A learner signs up with it on their own phone.
  const learnerContext = await browser.newContext({ baseURL });
  const learner = await learnerContext.newPage();
  await learner.goto("/signup");
  await learner.getByLabel("Your name").fill("Zawadi Mwangi");
  const zawadi = uniqueEmail("zawadi");
  await learner.getByLabel("Email").fill(zawadi);
  await learner.getByLabel("Password").fill("zawadi's password");
  await learner.getByLabel(/Join code/).fill(code.toLowerCase());
  await learner.getByRole("button", { name: "Sign up" }).click();
  await expect(learner.getByRole("link", { name: "Co-operatives and health: a first look" })).toBeVisible();
  await learnerContext.close();

  await page.reload();
  await expect(page.getByRole("table", { name: /Learners/ })).toContainText("Zawadi Mwangi");
  await page.getByRole("link", { name: "Zawadi Mwangi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zawadi Mwangi");
  await expect(page.getByRole("table", { name: "Courses" })).toContainText("0 of 2");
  await expectAccessible(page);

  // Zawadi forgot her password: the coordinator gives her a new one-time code, shown once, and she chooses a new one.
  await page.getByRole("button", { name: "Give a new one-time code" }).click();
  await expect(page.getByRole("status")).toContainText("One-time code for Zawadi Mwangi");
  await expect(page.getByRole("status")).toContainText(`They sign in as ${zawadi}`);
  const resetCode = (await page.locator(".join-code").textContent())!.trim();
  expect(resetCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  // A message to pass on, in her language, ready for a text message or WhatsApp.
  await expect(page.locator(".handover")).toContainText(`Your one-time code for Co-op Campus is ${resetCode}.`);
  await expect(page.locator(".handover")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Send by SMS" })).toHaveAttribute("href", new RegExp(`^sms:\\?&body=.*${resetCode}`));
  await expectAccessible(page);
  const zawadiAgain = await browser.newContext({ baseURL });
  const phone = await zawadiAgain.newPage();
  await phone.goto("/login");
  await phone.getByRole("link", { name: "Set your password" }).click();
  // The login page has an "Email or username" field too: fill only once the new page is there.
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Set your password");
  await phone.getByLabel("Email or username").fill(zawadi);
  await phone.getByLabel("One-time code").fill(resetCode);
  await phone.getByLabel("New password").fill("zawadi's new pass");
  await phone.getByRole("button", { name: /password/i }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("My learning");
  // Later she changes it herself, in her settings: the current one is asked first.
  await phone.goto("/settings");
  await phone.getByLabel("Current password").fill("not my password");
  await phone.getByLabel("New password").fill("zawadi's third pass");
  await phone.getByRole("button", { name: "Change password" }).click();
  await expect(phone.getByText("That is not your current password.")).toBeVisible();
  await phone.getByLabel("Current password").fill("zawadi's new pass");
  await phone.getByLabel("New password").fill("zawadi's third pass");
  await phone.getByRole("button", { name: "Change password" }).click();
  await expect(phone.getByRole("status")).toContainText("Your password is changed.");
  await expectAccessible(phone);
  // Her data, as a file to keep: her own account and co-op, from the link on the same page.
  const download = phone.waitForEvent("download");
  await phone.getByRole("link", { name: "Download my data (JSON)" }).click();
  const file = JSON.parse(fs.readFileSync((await (await download).path())!, "utf8"));
  expect(file.account.email).toBe(zawadi);
  expect(file.memberships.map((m: { organisation: string }) => m.organisation)).toEqual([sacco]);
  await zawadiAgain.close();

  // Bulk enrolment: an error writes nothing; a good file gives a printable sheet.
  await page.goto(`/dashboard/coops/${saccoId}/import`);
  await expectAccessible(page);
  await page.getByLabel("Or paste the rows here").fill("name,email\nGood One,good.one@example.org\nBad One,not-an-email\n");
  await page.getByRole("button", { name: "Check and enrol" }).click();
  await expect(page.getByRole("alert")).toContainText("Row 3:");
  await expect(page.getByRole("alert")).toContainText("Nothing was saved");
  await page.getByLabel("Or paste the rows here").fill(`name,username,courses\nKamau Njoroge,kamau.${tag},coops-and-health-first-look\n`);
  await page.getByRole("button", { name: "Check and enrol" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Set-password sheet");
  await expect(page.locator(".print-sheet")).toContainText(`kamau.${tag}`);
  await expectAccessible(page);

  const csv = await page.request.get(`/dashboard/export?table=learners&org=${saccoId}`);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await csv.text()).toContain("Zawadi Mwangi");

  await page.goto("/coops");
  await expect(page.getByRole("table", { name: "Co-operatives by country and kind" })).toContainText("Kenya");
  await expect(page.getByText(sacco)).toBeVisible();
  await expectAccessible(page);

  // The same coordinator, in French: the dashboard and the map speak it, countries included.
  await page.goto("/settings");
  await page.getByLabel("Language", { exact: true }).first().selectOption("fr");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(/saved=1/); // the setting is stored before the test moves on
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tableau de bord");
  await expect(page.getByRole("table", { name: "Par coopérative" })).toContainText(sacco);
  await expect(page.getByRole("heading", { name: "Achèvements par semaine" })).toBeVisible();
  await page.goto("/coops");
  await expect(page.getByRole("table", { name: "Coopératives par pays et par type" })).toContainText("Kenya");
  await expectAccessible(page);
});

test("an admin manages organisations and roles", async ({ page }) => {
  const email = uniqueEmail("admin");
  await campus("user", "add", "--email", email, "--name", "Admin", "--password", "admin password", "--admin");
  await page.goto("/login?redirectTo=/admin");
  await page.getByLabel("Email or username").fill(email);
  await page.getByLabel("Password").fill("admin password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administration");
  const name = `Bamenda Growers ${Date.now().toString(36)}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel(/Country/).fill("cm");
  await page.getByLabel("Kind").selectOption("agricultural");
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${name}`);
  await expect(page.getByRole("table", { name: "Organisations" })).toContainText(name);
  await page.getByLabel(/Country/).fill("XX");
  await page.getByLabel("Name", { exact: true }).fill("Nowhere Co-op");
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.getByText("Use the two-letter ISO country code")).toBeVisible();
  await expectAccessible(page);

  // A course trainer, listed with a button to take the role away again.
  const trainerEmail = uniqueEmail("trainer");
  await campus("user", "add", "--email", trainerEmail, "--name", "Trainer Tanui", "--password", "trainer password");
  await page.getByLabel("Person (email or username)").fill(trainerEmail);
  await page.getByLabel("Course", { exact: true }).selectOption("coops-and-health-first-look");
  await page.getByRole("button", { name: "Add trainer" }).click();
  await expect(page.getByRole("status")).toContainText("Trainer Tanui now trains Co-operatives and health: a first look.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Remove Trainer Tanui as trainer of Co-operatives and health: a first look" }).click();
  await expect(page.getByRole("status")).toContainText("Role removed.");
  await expect(page.getByRole("button", { name: /Remove Trainer Tanui/ })).toHaveCount(0);
  // Both changes are in the log of changes to people's access, newest first.
  // Other tests write to the log at the same time: only this trainer's rows are looked at.
  const log = page.getByRole("table", { name: "Changes to people's access" }).getByRole("row").filter({ hasText: trainerEmail });
  await expect(log.nth(0)).toContainText("No longer a course trainer");
  await expect(log.nth(1)).toContainText("Made a course trainer");
  await expectAccessible(page);

  // The whole log on its own page: narrowed to one kind of change about one person, and downloaded as CSV.
  await page.getByRole("link", { name: "All changes, with filters and a CSV download" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changes to people's access");
  await page.getByLabel("What").selectOption({ label: "Made a course trainer" });
  await page.getByLabel("Person", { exact: true }).fill(trainerEmail);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("status")).toHaveText("Entries 1–1 of 1.");
  const filtered = page.getByRole("table", { name: "Changes to people's access" });
  await expect(filtered.getByRole("row")).toHaveCount(2);
  await expect(filtered).toContainText(`Trainer Tanui (${trainerEmail})`);
  await expectAccessible(page);
  const csv = await page.request.get((await page.getByRole("link", { name: "Download these entries as CSV" }).getAttribute("href"))!);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,trainer-add,Admin,${email},Trainer Tanui,${trainerEmail},,coops-and-health-first-look`);
  // Days the wrong way round: said, with the form kept, and nothing listed.
  await page.getByLabel("From").fill("2026-05-01");
  await page.getByLabel("To (included)").fill("2026-04-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("alert")).toContainText("The start date is after the end date.");
  await expect(page.getByLabel("Person", { exact: true })).toHaveValue(trainerEmail);
  await expect(page.getByRole("table", { name: "Changes to people's access" })).toHaveCount(0);
  await expectAccessible(page);
});
