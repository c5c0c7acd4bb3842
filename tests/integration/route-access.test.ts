/**
 * Every route, asked by every kind of person: the matrix is built from the
 * files in app/routes, so a new route with no line here fails this test until
 * someone decides who may load it and who may post to it. Statuses are in the
 * order of PEOPLE; a POST carries an empty form (the permitted get 400, a
 * clear refusal of bad input, never a 500). Which names each person may see
 * in what comes back is tested in access-matrix.test.ts.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { anonymous, signedIn, statusOf, routeArgs } from "../support/auth";
import { certificateOf, coop, coordinator, enrolled, learner, trainer, type Person as Account } from "../support/factories";

type Person = "anonymous" | "learner" | "trainer" | "coordinatorOfOther" | "coordinatorOfParent" | "admin";
const PEOPLE: Person[] = ["anonymous", "learner", "trainer", "coordinatorOfOther", "coordinatorOfParent", "admin"];
const people: Partial<Record<Person, Account>> = {};
const ids = { federation: 0, coopA: 0, coopC: 0, learnerA: 0, code: "" };
beforeAll(async () => {
  ids.federation = await coop("Kenya Federation", { kind: "federation" });
  ids.coopA = await coop("Nyeri", { parentId: ids.federation });
  ids.coopC = await coop("Bamenda", { country: "CM", kind: "agricultural" });
  people.learner = await learner(ids.coopA);
  ids.learnerA = people.learner.user.id;
  await enrolled(ids.learnerA, Infinity);
  ids.code = (await certificateOf(ids.learnerA, "sample-course"))!.code;
  people.trainer = await trainer("sample-course");
  people.coordinatorOfOther = await coordinator(ids.coopC);
  people.coordinatorOfParent = await coordinator(ids.federation);
  people.admin = await signedIn({ admin: true });
});

/** Where each route is asked: its URL and params, and the statuses expected of its loader and action, per person. */
const P: Record<string, () => [string, Record<string, string>]> = {
  "$.tsx": () => ["/no/such/page", { "*": "no/such/page" }],
  "[.well-known].did[.json].ts": () => ["/.well-known/did.json", {}],
  "_index.tsx": () => ["/", {}],
  "admin.tsx": () => ["/admin", {}],
  "admin_.audit.tsx": () => ["/admin/audit", {}],
  "admin_.audit[.csv].ts": () => ["/admin/audit.csv", {}],
  "c.$code.ts": () => [`/c/${ids.code}`, { code: ids.code }],
  "certificates.$code._index.tsx": () => [`/certificates/${ids.code}`, { code: ids.code }],
  "certificates.$code.credential[.json].ts": () => [`/certificates/${ids.code}/credential.json`, { code: ids.code }],
  "certificates.$code.pdf.ts": () => [`/certificates/${ids.code}.pdf`, { code: ids.code }],
  "certificates.$code.status[.json].ts": () => [`/certificates/${ids.code}/status.json`, { code: ids.code }],
  "certificates._index.tsx": () => ["/certificates", {}],
  "content.$course.$.tsx": () => ["/content/sample-course/missing.png", { course: "sample-course", "*": "missing.png" }],
  "coops.tsx": () => ["/coops", {}],
  "courses.$course.$module.attempts.ts": () => ["/courses/sample-course/second/attempts", { course: "sample-course", module: "second" }],
  "courses.$course.$module.tsx": () => ["/courses/sample-course/second", { course: "sample-course", module: "second" }],
  "courses.$course._index.tsx": () => ["/courses/sample-course", { course: "sample-course" }],
  "courses.$course.glossary.tsx": () => ["/courses/sample-course/glossary", { course: "sample-course" }],
  "courses.$course.stats.tsx": () => ["/courses/sample-course/stats", { course: "sample-course" }],
  "courses.$course.stats[.csv].ts": () => ["/courses/sample-course/stats.csv", { course: "sample-course" }],
  "courses._index.tsx": () => ["/courses", {}],
  "dashboard._index.tsx": () => ["/dashboard", {}],
  "dashboard.coops.$id._index.tsx": () => [`/dashboard/coops/${ids.coopA}`, { id: String(ids.coopA) }],
  "dashboard.coops.$id.import.tsx": () => [`/dashboard/coops/${ids.coopA}/import`, { id: String(ids.coopA) }],
  "dashboard.export.ts": () => ["/dashboard/export?table=coops", {}],
  "dashboard.learners.$id.tsx": () => [`/dashboard/learners/${ids.learnerA}`, { id: String(ids.learnerA) }],
  "healthz.ts": () => ["/healthz", {}],
  "join.tsx": () => ["/join", {}],
  "learn.tsx": () => ["/learn", {}],
  "login.tsx": () => ["/login", {}],
  "logout.tsx": () => ["/logout", {}],
  "set-password.tsx": () => ["/set-password", {}],
  "settings.tsx": () => ["/settings", {}],
  "settings_.data[.json].ts": () => ["/settings/data.json", {}],
  "signup.tsx": () => ["/signup", {}],
  "teach.tsx": () => ["/teach", {}],
};

/** anonymous · learner (of co-op A, certificate holder) · trainer of the course · coordinator elsewhere · coordinator of A's federation · admin */
const MATRIX: Record<string, { loader?: string; action?: string }> = {
  "$.tsx": { loader: "404 404 404 404 404 404", action: "404 404 404 404 404 404" },
  "[.well-known].did[.json].ts": { loader: "200 200 200 200 200 200" },
  "_index.tsx": { loader: "200 200 200 200 200 200" },
  "admin.tsx": { loader: "302 403 403 403 403 200", action: "302 403 403 403 403 400" },
  "admin_.audit.tsx": { loader: "302 403 403 403 403 200" },
  "admin_.audit[.csv].ts": { loader: "302 403 403 403 403 200" },
  "c.$code.ts": { loader: "301 301 301 301 301 301" },
  // Anyone may check a certificate; only an admin or a coordinator whose scope covers its holder may revoke it.
  "certificates.$code._index.tsx": { loader: "200 200 200 200 200 200", action: "302 403 403 403 400 400" },
  "certificates.$code.credential[.json].ts": { loader: "200 200 200 200 200 200" },
  "certificates.$code.pdf.ts": { loader: "200 200 200 200 200 200" },
  "certificates.$code.status[.json].ts": { loader: "200 200 200 200 200 200" },
  "certificates._index.tsx": { loader: "302 200 200 200 200 200" },
  "content.$course.$.tsx": { loader: "404 404 404 404 404 404" },
  "coops.tsx": { loader: "200 200 200 200 200 200" },
  // A JSON answer for the enhanced quiz form: not signed in is 401, not a redirect.
  "courses.$course.$module.attempts.ts": { loader: "405 405 405 405 405 405", action: "401 400 400 400 400 400" },
  "courses.$course.$module.tsx": { loader: "200 200 200 200 200 200", action: "302 400 400 400 400 400" },
  "courses.$course._index.tsx": { loader: "200 200 200 200 200 200", action: "302 400 400 400 400 400" },
  "courses.$course.glossary.tsx": { loader: "200 200 200 200 200 200" },
  "courses.$course.stats.tsx": { loader: "302 403 200 403 403 200" },
  "courses.$course.stats[.csv].ts": { loader: "302 403 200 403 403 200" },
  "courses._index.tsx": { loader: "200 200 200 200 200 200" },
  "dashboard._index.tsx": { loader: "302 403 403 200 200 200" },
  "dashboard.coops.$id._index.tsx": { loader: "302 403 403 404 200 200", action: "302 403 403 404 400 400" },
  "dashboard.coops.$id.import.tsx": { loader: "302 403 403 404 200 200", action: "302 403 403 404 400 400" },
  "dashboard.export.ts": { loader: "302 403 403 200 200 200" },
  "dashboard.learners.$id.tsx": { loader: "302 403 403 404 200 200", action: "302 403 403 404 400 400" },
  "healthz.ts": { loader: "200 200 200 200 200 200" },
  "join.tsx": { loader: "302 200 200 200 200 200", action: "302 400 400 400 400 400" },
  "learn.tsx": { loader: "302 200 200 200 200 200", action: "302 400 400 400 400 400" },
  "login.tsx": { loader: "200 302 302 302 302 302", action: "400 400 400 400 400 400" },
  // Asked last, by people of its own (it ends the session it is given): see the test below.
  "logout.tsx": {},
  "set-password.tsx": { action: "400 400 400 400 400 400" },
  "settings.tsx": { loader: "302 200 200 200 200 200", action: "302 400 400 400 400 400" },
  "settings_.data[.json].ts": { loader: "302 200 200 200 200 200" },
  "signup.tsx": { loader: "200 302 302 302 302 302", action: "400 400 400 400 400 400" },
  "teach.tsx": { loader: "302 403 200 403 403 200" },
};

const files = fs
  .readdirSync("app/routes")
  .filter((f) => /\.tsx?$/.test(f))
  .sort();
const load = (file: string) => import(`~/routes/${file.replace(/\.tsx?$/, "")}`) as Promise<Record<string, ((args: never) => Promise<unknown>) | undefined>>;

async function ask(file: string, kind: "loader" | "action", who: Person) {
  const handler = (await load(file))[kind]!;
  const [url, params] = P[file]!();
  const init: RequestInit =
    kind === "action" ? { method: "POST", body: new URLSearchParams(), headers: { "Content-Type": "application/x-www-form-urlencoded" } } : {};
  const request = who === "anonymous" ? anonymous(url, init) : people[who]!.request(url, init);
  return statusOf(() => handler(routeArgs(request, params)));
}

it("every route file has its line in the matrix, and every line a route file", () => {
  expect(Object.keys(MATRIX).sort()).toEqual(files);
  expect(Object.keys(P).sort()).toEqual(files);
});

describe("who may load and post to each route", () => {
  for (const file of files) {
    for (const kind of ["loader", "action"] as const) {
      it(`${file} ${kind}`, async () => {
        const has = !!(await load(file))[kind];
        // A loader or action added or removed changes the matrix too.
        expect(has ? "present" : "absent").toBe(MATRIX[file]?.[kind] || file === "logout.tsx" ? "present" : "absent");
        if (!has || file === "logout.tsx") return;
        const statuses: number[] = [];
        for (const who of PEOPLE) statuses.push((await ask(file, kind, who)).status);
        expect(statuses.join(" ")).toBe(MATRIX[file]![kind]);
        // Sent to log in means the log-in page, with the way back.
        if (statuses[0] === 302) expect((await ask(file, kind, "anonymous")).location).toMatch(/^\/login\?redirectTo=/);
      });
    }
  }

  it("logout.tsx: a visitor is sent home; a signed-in person's session ends", async () => {
    const logout = await load("logout.tsx");
    for (const kind of ["loader", "action"] as const) {
      if (!logout[kind]) continue;
      const init: RequestInit =
        kind === "action" ? { method: "POST", body: new URLSearchParams(), headers: { "Content-Type": "application/x-www-form-urlencoded" } } : {};
      expect((await statusOf(() => logout[kind]!(routeArgs(anonymous("/logout", init))))).status).toBe(302);
    }
    const person = await signedIn();
    const out = await statusOf(() =>
      logout.action!(
        routeArgs(person.request("/logout", { method: "POST", body: new URLSearchParams(), headers: { "Content-Type": "application/x-www-form-urlencoded" } })),
      ),
    );
    expect(out.status).toBe(302);
    // The same cookie no longer opens the learner's pages.
    const learn = await load("learn.tsx");
    expect((await statusOf(() => learn.loader!(routeArgs(person.request("/learn"))))).status).toBe(302);
  });
});
