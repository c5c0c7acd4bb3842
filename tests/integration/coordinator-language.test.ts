/**
 * What a coordinator hands out and downloads speaks each reader's language
 * (issue 26): the printed sheet of one-time codes is in each learner's
 * language (the CSV's language column, else the coordinator's) with the
 * site's full address; a learner keeps the language they choose when they
 * first set their password; CSV headings, countries and course titles are in
 * the reader's language, rates are percentages as the pages show them, and
 * dates fall on the reader's day, not UTC's. Programmes that group co-ops are
 * not listed as co-ops with rows of zeros.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "~/catalog/catalog.server";
import { setLocale } from "~/auth/users.server";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { getEnv } from "~/env.server";
import { enrol, recordModuleComplete } from "~/learning/enrolment.server";
import { enrolmentsCsv, tableCsv } from "~/reports/export.server";
import { action as importAction } from "~/routes/dashboard.coops.$id.import";
import * as exportRoute from "~/routes/dashboard.export";
import { action as setPasswordAction } from "~/routes/set-password";
import { anonymous, routeArgs, statusOf } from "../support/auth";
import { coop, coordinator, enrolled, learner, type Person } from "../support/factories";

const tag = `l${Date.now()}`;
let org = 0;
let coordinatorOfCoop: Person;

beforeAll(async () => {
  org = await coop(`Kirinyaga SACCO ${tag}`, { country: "KE" });
  coordinatorOfCoop = await coordinator(org);
});

type Line = { name: string; login: string; code: string | null; language: string; instructions: string; coursesText: string | null };

async function importRows(csv: string, who: Person) {
  const form = new FormData();
  form.set("file", new File([csv], "people.csv", { type: "text/csv" }));
  const r = await statusOf(() => importAction(routeArgs(who.request(`/dashboard/coops/${org}/import`, { method: "POST", body: form }), { id: String(org) })));
  expect(r.status).toBe(200);
  return (r.body as { sheet: Line[] }).sheet;
}

const setPassword = (fields: Record<string, string>) =>
  statusOf(() =>
    setPasswordAction(
      routeArgs(
        anonymous("/set-password", {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
      ),
    ),
  );

const localeOfLogin = async (username: string) => (await getDb().select({ locale: users.locale }).from(users).where(eq(users.username, username)))[0]?.locale;

describe("the printed sheet of one-time codes", () => {
  it("is in each learner's language (the CSV's language column, else the coordinator's), with the site's full address", async () => {
    await setLocale(getDb(), coordinatorOfCoop.user.id, "fr");
    const sheet = await importRows(
      [
        "name,username,courses,language",
        `Wanjiru ${tag},wanjiru.${tag},sample-course,Kiswahili`,
        `Marie ${tag},marie.${tag},sample-course,fr`,
        `Otieno ${tag},otieno.${tag},sample-course,EN`,
        `Sans langue ${tag},sanslangue.${tag},,`,
      ].join("\n"),
      coordinatorOfCoop,
    );
    const line = (who: string) => sheet.find((l) => l.name === `${who} ${tag}`)!;
    const address = `${getEnv().origin}/set-password`;
    expect(address).toMatch(/^https?:\/\/[^/]+\/set-password$/);

    expect(line("Wanjiru")).toMatchObject({ language: "sw", code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    expect(line("Wanjiru").instructions).toContain(`Nenda ${address}, andika jina lako la kuingia wanjiru.${tag}`);
    expect(line("Wanjiru").coursesText).toMatch(/^Umeandikishwa katika: /);

    expect(line("Marie").language).toBe("fr");
    expect(line("Marie").instructions).toContain(address);
    expect(line("Marie").coursesText).toMatch(/^Vous êtes inscrit aux cours suivants\u202f: /);

    expect(line("Otieno").language).toBe("en");
    expect(line("Otieno").instructions).toBe(
      `Go to ${address}, enter your login otieno.${tag} and this one-time code, then choose your password. The code works once, for 60 days.`,
    );
    expect(line("Otieno").coursesText).toBe("You are enrolled in: Sample course.");

    // No language column value: the coordinator's own language, for the sheet and for the account.
    expect(line("Sans langue").language).toBe("fr");
    expect(line("Sans langue").coursesText).toBeNull();
    expect(await localeOfLogin(`wanjiru.${tag}`)).toBe("sw");
    expect(await localeOfLogin(`sanslangue.${tag}`)).toBe("fr");
  });

  it("refuses a language it does not know, naming the row, and saves nothing", async () => {
    const form = new FormData();
    form.set("file", new File([`name,username,language\nX ${tag},x.${tag},klingon\n`], "people.csv", { type: "text/csv" }));
    const r = await statusOf(() =>
      importAction(routeArgs(coordinatorOfCoop.request(`/dashboard/coops/${org}/import`, { method: "POST", body: form }), { id: String(org) })),
    );
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain("klingon");
    expect(await localeOfLogin(`x.${tag}`)).toBeUndefined();
  });
});

describe("the first password", () => {
  it("keeps the language the learner chooses on the set-password form, and the sheet's when they choose none", async () => {
    const sheet = await importRows(`name,username,language\nAmina ${tag},amina.${tag},sw\nBaraka ${tag},baraka.${tag},sw\n`, coordinatorOfCoop);
    const amina = sheet.find((l) => l.login === `amina.${tag}`)!;
    const baraka = sheet.find((l) => l.login === `baraka.${tag}`)!;
    expect((await setPassword({ login: amina.login, code: amina.code!, password: "a long pass phrase", locale: "fr" })).status).toBe(302);
    expect(await localeOfLogin(`amina.${tag}`)).toBe("fr");
    expect((await setPassword({ login: baraka.login, code: baraka.code!, password: "a long pass phrase" })).status).toBe(302);
    expect(await localeOfLogin(`baraka.${tag}`)).toBe("sw");
  });
});

/** A CSV as rows of cells keyed by its header (no quoted commas in these figures). */
function parse(text: string) {
  const [header, ...lines] = text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  const cells = header!.split(",");
  return { header: cells, rows: lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [cells[i], cell]))) };
}

async function download(person: Person, table: string) {
  const response = (await exportRoute.loader(routeArgs(person.request(`/dashboard/export?table=${table}`)) as never)) as Response;
  expect(response.status).toBe(200);
  return parse(await response.text());
}

describe("CSV downloads for coordinators", () => {
  it("have headings in the reader's language, course titles and codes, and countries by name", async () => {
    const place = await coop(`Headings coop ${tag}`, { country: "CM" });
    const person = await learner(place, `Headings learner ${tag}`);
    await enrolled(person.user.id, 2);
    const reader = await coordinator(place);
    const expected = {
      en: ["learner", "login", "co-operative", "country", "course", "course_code"],
      fr: ["apprenant", "identifiant", "coopérative", "pays", "cours", "code_du_cours"],
      sw: ["mwanafunzi", "jina_la_kuingia", "chama", "nchi", "kozi", "namba_ya_kozi"],
    } as const;
    for (const language of ["en", "fr", "sw"] as const) {
      await setLocale(getDb(), reader.user.id, language);
      const { header, rows } = await download(reader, "enrolments");
      expect(header.slice(0, 6), language).toEqual(expected[language]);
      const row = rows.find((r) => r[expected[language][0]] === `Headings learner ${tag}`)!;
      expect(row[expected[language][3]], language).toBe(language === "sw" ? "Kameruni" : language === "fr" ? "Cameroun" : "Cameroon");
      expect(row[expected[language][5]]).toBe("sample-course");
      const score = Object.values(row).at(-2);
      expect(score === "" || /^\d+(\.\d)?%$/.test(String(score)), `quiz score ${score}`).toBe(true);
    }
    // The co-ops table: its rates are percentages, as the dashboard shows them.
    await setLocale(getDb(), reader.user.id, "en");
    const coops = await download(reader, "coops");
    const mine = coops.rows.find((r) => r["co-operative"] === `Headings coop ${tag}`)!;
    expect(mine).toMatchObject({ learners: "1", completed: "1", completion_rate: "100%" });
  });

  it("give a course's title in the reader's language, and the day as the reader's time zone has it", async () => {
    const catalog = await loadCatalog({ contentDir: "content" });
    const pilots = catalog.courses.get("kenya-cameroon-pilots")!;
    const db = getDb();
    const place = await coop(`Late coop ${tag}`, { country: "KE" });
    const person = await learner(place, `Late learner ${tag}`);
    // Enrolled and finished at 22:30 UTC on 3 March: already 4 March in Nairobi (UTC+3).
    const late = new Date("2026-03-03T22:30:00Z");
    await enrol(db, person.user.id, pilots, late);
    for (const module of pilots.modules) await recordModuleComplete(db, { userId: person.user.id, course: pilots, module, now: late });
    const scope = { all: true } as const;
    const read = async (language: "en" | "fr" | "sw", timeZone: string) => {
      const body = enrolmentsCsv(getEnv().databasePath, scope, {}, catalog.courses, { language, timeZone });
      const { rows } = parse(await new Response(body).text());
      return Object.values(rows.find((r) => Object.values(r)[0] === `Late learner ${tag}`)!);
    };
    const [, , , , titleFr, code, enrolledNairobi, , completedNairobi] = await read("fr", "Africa/Nairobi");
    expect(titleFr).toBe(pilots.meta.translations.fr!.title);
    expect(code).toBe("kenya-cameroon-pilots");
    expect(enrolledNairobi).toBe("2026-03-04");
    expect(completedNairobi).toBe("2026-03-04");
    const [, , , , titleSw, , enrolledUtc] = await read("sw", "UTC");
    expect(titleSw).toBe(pilots.meta.translations.sw!.title);
    expect(enrolledUtc).toBe("2026-03-03");
  });

  it("leave out programmes and federations that have no learners of their own, but keep an empty co-op", async () => {
    const programme = await coop(`Health programme ${tag}`, { kind: "support", country: "KE" });
    const federation = await coop(`Federation ${tag}`, { kind: "federation", country: "KE", parentId: programme });
    const member = await coop(`Member SACCO ${tag}`, { country: "KE", parentId: federation });
    const empty = await coop(`Empty SACCO ${tag}`, { country: "KE", parentId: federation });
    await enrolled((await learner(member, `Member learner ${tag}`)).user.id, 1);
    void empty;
    const reader = await coordinator(programme);
    const names = (await download(reader, "coops")).rows.map((r) => r["co-operative"]);
    expect(names).toContain(`Member SACCO ${tag}`);
    expect(names).toContain(`Empty SACCO ${tag}`);
    expect(names).not.toContain(`Federation ${tag}`);
    expect(names).not.toContain(`Health programme ${tag}`);
    // The same rule on the page's own table (the dashboard reads the same rows).
    const body = tableCsv(getEnv().databasePath, { all: true }, {}, "coops", new Map());
    expect(await new Response(body).text()).not.toContain(`Federation ${tag}`);
  });
});
