/**
 * The audit log's own page (/admin/audit) and its CSV: admins narrow the log
 * by kind of change, person and days, read it fifty entries a page, and
 * download every matching entry; bad filters come back as a 400 with a
 * message, and nobody but an admin reads it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_PAGE_SIZE, audit, auditPage, parseAuditFilters } from "~/audit/audit.server";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db/client.server";
import * as pageRoute from "~/routes/admin_.audit";
import * as csvRoute from "~/routes/admin_.audit[.csv]";
import { anonymous, signedIn, statusOf, routeArgs } from "../support/auth";

const ids = { admin: 0, amina: 0, joseph: 0, odd: 0 };
const day = (d: string, hh = "12") => new Date(`${d}T${hh}:00:00Z`);

beforeAll(async () => {
  const db = getDb();
  ids.admin = (await createUser(db, { email: "root@example.org", name: "Root Admin", password: "admin-password", isAdmin: true })).id;
  ids.amina = (await createUser(db, { email: "amina@nyeri.example", name: "Amina Wanjiru", password: "amina-password" })).id;
  ids.joseph = (await createUser(db, { username: "joseph.m", name: "Joseph Mbarga", password: "joseph-password" })).id;
  ids.odd = (await createUser(db, { email: "odd@example.org", name: "Per_cent 100% Odd", password: "odd-password" })).id;
  // 60 role changes for Amina in March, by the admin; two password changes of Joseph's own in April; a code
  // given by the command line on the last day of April, late in the evening; one change about Odd.
  for (let i = 0; i < 60; i++)
    await audit(db, {
      by: ids.admin,
      action: i % 2 ? "role-remove" : "role-add",
      subjectId: ids.amina,
      detail: "coordinator",
      at: new Date(day("2026-03-01").getTime() + i * 60_000),
    });
  await audit(db, { by: ids.joseph, action: "password-change", subjectId: ids.joseph, detail: "settings", at: day("2026-04-02") });
  await audit(db, { by: ids.joseph, action: "password-change", subjectId: ids.joseph, detail: "settings", at: day("2026-04-15") });
  await audit(db, { by: null, action: "password-code", subjectId: ids.joseph, at: new Date("2026-04-30T23:59:00Z") });
  await audit(db, { by: ids.admin, action: "trainer-add", subjectId: ids.odd, detail: "sample-course", at: day("2026-05-01", "00") });
});

const query = async (q: string) => {
  const parsed = parseAuditFilters(new URLSearchParams(q));
  if (!parsed.success) throw new Error(parsed.error.message);
  return auditPage(getDb(), parsed.data);
};

describe("auditPage", () => {
  it("pages the whole log, newest first, fifty at a time", async () => {
    const first = await query("");
    expect(first.total).toBe(64);
    expect(first.pages).toBe(2);
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]).toMatchObject({ action: "trainer-add", subject: "Per_cent 100% Odd", actor: "Root Admin", actorLogin: "root@example.org" });
    const second = await query("page=2");
    expect(second.entries).toHaveLength(14);
    const all = [...first.entries, ...second.entries];
    expect(new Set(all.map((e) => e.id)).size).toBe(64);
    expect(all.map((e) => e.at.getTime())).toEqual([...all.map((e) => e.at.getTime())].sort((a, b) => b - a));
  });

  it("narrows by kind of change", async () => {
    expect((await query("action=password-change")).entries.map((e) => e.detail)).toEqual(["settings", "settings"]);
    expect((await query("action=role-add")).total).toBe(30);
  });

  it("finds a person by part of their name, email or username, as the one who acted or the one acted on", async () => {
    expect((await query("person=wanjiru")).total).toBe(60); // a name, whatever the case (ASCII)
    expect((await query("person=nyeri.example")).total).toBe(60); // an email
    expect((await query("person=joseph.m")).total).toBe(3); // a username: two changes of his own, one code given to him
    expect((await query("person=Root")).total).toBe(61); // the actor
    expect((await query("person=nobody-has-this")).total).toBe(0);
  });

  it("takes % and _ in a search literally", async () => {
    expect((await query("person=100%25")).entries.map((e) => e.subject)).toEqual(["Per_cent 100% Odd"]);
    expect((await query("person=Ro_t")).total).toBe(0); // _ is not "any character" (it would find "Root")
    expect((await query("person=%25")).total).toBe(1);
  });

  it("keeps both ends of a range of days (UTC)", async () => {
    expect((await query("from=2026-04-01&to=2026-04-30")).entries.map((e) => e.action)).toEqual(["password-code", "password-change", "password-change"]);
    expect((await query("from=2026-05-01")).total).toBe(1);
    expect((await query("to=2026-03-01")).total).toBe(60);
    expect((await query("from=2026-04-03&to=2026-04-14")).total).toBe(0);
  });

  it("refuses filters it cannot use, saying why", () => {
    const problems = (q: string) => {
      const parsed = parseAuditFilters(new URLSearchParams(q));
      return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    };
    expect(problems("action=drop-table")).toEqual(["Unknown kind of change."]);
    expect(problems("from=2026-13-45")).toEqual(["That date does not exist."]);
    expect(problems("to=2026-02-30")).toEqual(["That date does not exist."]); // not 2 March
    expect(problems("from=yesterday")).toEqual(["Dates are written YYYY-MM-DD."]);
    expect(problems("from=2026-05-01&to=2026-04-01")).toEqual(["The start date is after the end date."]);
    expect(problems("page=0")).toEqual(["Pages start at 1."]);
    expect(problems("page=two")).toEqual(["The page is a number."]);
    expect(problems(`person=${"x".repeat(201)}`)).toHaveLength(1);
    expect(problems("action=&person=&from=&to=&page=")).toEqual([]); // empty fields mean "any"
  });
});

describe("/admin/audit and /admin/audit.csv", () => {
  const load = (module: { loader: (args: never) => Promise<unknown> }, request: Request) => statusOf(() => module.loader(routeArgs(request) as never));

  it("are for admins only", async () => {
    const learner = await signedIn();
    for (const module of [pageRoute, csvRoute]) {
      const path = module === pageRoute ? "/admin/audit" : "/admin/audit.csv";
      expect((await load(module, anonymous(path))).status).toBe(302);
      expect((await load(module, learner.request(path))).status).toBe(403);
    }
  });

  it("shows a page of entries with the links to the pages around it, keeping the filters", async () => {
    const admin = await signedIn({ admin: true });
    const first = await load(pageRoute, admin.request("/admin/audit?person=wanjiru"));
    expect(first.status).toBe(200);
    const body = first.body as { entries: { at: string }[]; total: number; first: number; newer: string | null; older: string | null; search: string };
    expect(body).toMatchObject({ total: 60, first: 1, newer: null, older: "person=wanjiru&page=2", search: "person=wanjiru" });
    expect(body.entries).toHaveLength(50);
    expect(body.entries[0]!.at).toBe("2026-03-01 12:59");
    const second = (await load(pageRoute, admin.request("/admin/audit?person=wanjiru&page=2"))).body as typeof body;
    expect(second).toMatchObject({ first: 51, newer: "person=wanjiru", older: null });
    expect(second.entries).toHaveLength(10);
  });

  it("sends a page past the last to the last, and bad filters back with the form and a 400", async () => {
    const admin = await signedIn({ admin: true });
    expect(await load(pageRoute, admin.request("/admin/audit?action=role-add&page=9"))).toMatchObject({
      status: 302,
      location: "/admin/audit?action=role-add",
    });
    const bad = await load(pageRoute, admin.request("/admin/audit?from=2026-05-01&to=2026-04-01&person=amina"));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      problem: "These filters cannot be used. The start date is after the end date.",
      entries: [],
      filters: { person: "amina", from: "2026-05-01" },
    });
  });

  it("downloads every matching entry as CSV, not only a page", async () => {
    const admin = await signedIn({ admin: true });
    const response = (await csvRoute.loader(routeArgs(admin.request("/admin/audit.csv?person=joseph&page=1")) as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toEqual([
      "at_utc,action,by,by_login,subject,subject_login,organisation,detail",
      "2026-04-30T23:59:00.000Z,password-code,(command line),,Joseph Mbarga,joseph.m,,",
      "2026-04-15T12:00:00.000Z,password-change,Joseph Mbarga,joseph.m,Joseph Mbarga,joseph.m,,settings",
      "2026-04-02T12:00:00.000Z,password-change,Joseph Mbarga,joseph.m,Joseph Mbarga,joseph.m,,settings",
    ]);
    const everything = (await ((await csvRoute.loader(routeArgs(admin.request("/admin/audit.csv")) as never)) as Response).text()).trim().split("\r\n");
    expect(everything).toHaveLength(1 + 64);
    const bad = (await csvRoute.loader(routeArgs(admin.request("/admin/audit.csv?action=nope")) as never)) as Response;
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("These filters cannot be used: Unknown kind of change.");
  });
});
