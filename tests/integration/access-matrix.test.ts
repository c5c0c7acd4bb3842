/**
 * Who may see what: every dashboard, export and admin route, walked for
 * each kind of person. Besides the status, no out-of-scope name may appear
 * in what is sent back, whatever filters or ids are crafted.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import * as adminRoute from "~/routes/admin";
import * as auditRoute from "~/routes/admin_.audit";
import * as auditCsvRoute from "~/routes/admin_.audit[.csv]";
import * as coopsRoute from "~/routes/coops";
import * as coopRoute from "~/routes/dashboard.coops.$id._index";
import * as dashboardRoute from "~/routes/dashboard._index";
import * as exportRoute from "~/routes/dashboard.export";
import * as learnerRoute from "~/routes/dashboard.learners.$id";
import { anonymous, signedIn, statusOf, routeArgs } from "../support/auth";
import { coop, coordinator, enrolled, learner, trainer } from "../support/factories";

type Person = "anonymous" | "learner" | "trainer" | "coordinatorOfOther" | "coordinatorOfParent" | "admin";
const people: Partial<Record<Person, Awaited<ReturnType<typeof signedIn>>>> = {};
const ids = { federation: 0, coopA: 0, coopB: 0, coopC: 0, learnerA: 0, learnerC: 0 };
const INSIDE = ["Nyeri Dairy SACCO", "Tumaini Health Co-op", "Achieng Inside"];
const OUTSIDE = ["Bamenda Coffee Growers", "Mbarga Outside"];

beforeAll(async () => {
  ids.federation = await coop("Kenya Federation", { kind: "federation" });
  ids.coopA = await coop(INSIDE[0]!, { parentId: ids.federation });
  ids.coopB = await coop(INSIDE[1]!, { kind: "health", parentId: ids.federation });
  ids.coopC = await coop(OUTSIDE[0]!, { country: "CM", kind: "agricultural" });
  people.learner = await learner(ids.coopA, INSIDE[2]!);
  ids.learnerA = people.learner.user.id;
  await enrolled(ids.learnerA, 1);
  ids.learnerC = (await learner(ids.coopC, OUTSIDE[1]!)).user.id;
  await enrolled(ids.learnerC, 1);
  people.trainer = await trainer("sample-course");
  people.coordinatorOfOther = await coordinator(ids.coopC);
  people.coordinatorOfParent = await coordinator(ids.federation);
  people.admin = await signedIn({ admin: true });
});

type Route = { module: { loader: (args: any) => Promise<unknown> }; url: () => string; params?: () => Record<string, string> };
const routes: Record<string, Route> = {
  dashboard: { module: dashboardRoute, url: () => "/dashboard" },
  "dashboard filtered to Cameroon": { module: dashboardRoute, url: () => "/dashboard?country=CM&coopsSort=learners&coopsDir=desc" },
  "co-op A": { module: coopRoute, url: () => `/dashboard/coops/${ids.coopA}`, params: () => ({ id: String(ids.coopA) }) },
  "learner of A": { module: learnerRoute, url: () => `/dashboard/learners/${ids.learnerA}`, params: () => ({ id: String(ids.learnerA) }) },
  "export co-ops": { module: exportRoute, url: () => "/dashboard/export?table=coops" },
  "export countries": { module: exportRoute, url: () => "/dashboard/export?table=countries" },
  "export courses": { module: exportRoute, url: () => "/dashboard/export?table=courses" },
  "export learners of A": { module: exportRoute, url: () => `/dashboard/export?table=learners&org=${ids.coopA}` },
  admin: { module: adminRoute, url: () => "/admin" },
  "audit log": { module: auditRoute, url: () => "/admin/audit" },
  "audit log as CSV": { module: auditCsvRoute, url: () => "/admin/audit.csv" },
};

// Expected status per person; 302 means "sent to log in".
const expected: Record<string, Record<Person, number>> = {
  dashboard: { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 200, coordinatorOfParent: 200, admin: 200 },
  "dashboard filtered to Cameroon": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 200, coordinatorOfParent: 200, admin: 200 },
  "co-op A": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 404, coordinatorOfParent: 200, admin: 200 },
  "learner of A": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 404, coordinatorOfParent: 200, admin: 200 },
  "export co-ops": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 200, coordinatorOfParent: 200, admin: 200 },
  "export countries": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 200, coordinatorOfParent: 200, admin: 200 },
  "export courses": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 200, coordinatorOfParent: 200, admin: 200 },
  "export learners of A": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 404, coordinatorOfParent: 200, admin: 200 },
  admin: { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 403, coordinatorOfParent: 403, admin: 200 },
  "audit log": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 403, coordinatorOfParent: 403, admin: 200 },
  "audit log as CSV": { anonymous: 302, learner: 403, trainer: 403, coordinatorOfOther: 403, coordinatorOfParent: 403, admin: 200 },
};

async function call(route: Route, who: Person) {
  const request = who === "anonymous" ? anonymous(route.url()) : people[who]!.request(route.url());
  let bytes: Uint8Array | undefined;
  const result = await statusOf(async () => {
    const r = await route.module.loader(routeArgs(request, route.params?.() ?? {}));
    if (r instanceof Response && r.ok) bytes = new Uint8Array(await r.arrayBuffer());
    return r;
  });
  // Decoded without dropping a byte-order mark, so the test sees exactly what a spreadsheet would.
  const text = bytes ? new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) : JSON.stringify(result.body ?? "");
  return { ...result, text };
}

describe("access matrix", () => {
  for (const [name, route] of Object.entries(routes)) {
    for (const who of Object.keys(expected[name]!) as Person[]) {
      it(`${name} · ${who} → ${expected[name]![who]}`, async () => {
        const r = await call(route, who);
        expect(r.status).toBe(expected[name]![who]);
        if (r.status === 302) expect(r.location).toMatch(/^\/login\?redirectTo=/);
        if (who === "coordinatorOfOther") for (const n of INSIDE) expect(r.text).not.toContain(n);
        if (who === "coordinatorOfParent") for (const n of OUTSIDE) expect(r.text).not.toContain(n);
        if (r.status >= 400) for (const n of [...INSIDE, ...OUTSIDE]) expect(r.text).not.toContain(n);
      });
    }
  }

  it("the parent's coordinator sees its co-ops and learners; the export streams them as CSV", async () => {
    const r = await call(routes["export co-ops"]!, "coordinatorOfParent");
    expect(r.text.startsWith("\uFEFFco-operative,country,kind,")).toBe(true);
    expect(r.text).toContain(INSIDE[0]);
    expect(r.text).toContain(INSIDE[1]);
    const learners = await call(routes["export learners of A"]!, "coordinatorOfParent");
    expect(learners.text).toContain(INSIDE[2]);
  });

  it("the public map shows counts to everyone and names only within a coordinator's scope", async () => {
    const visitor = await statusOf(() => coopsRoute.loader(routeArgs(anonymous("/coops"))));
    expect(JSON.stringify(visitor.body)).not.toMatch(/Nyeri|Tumaini|Bamenda/);
    expect(JSON.stringify(visitor.body)).toMatch(/Kenya/);
    const other = await statusOf(() => coopsRoute.loader(routeArgs(people.coordinatorOfOther!.request("/coops"))));
    expect(JSON.stringify(other.body)).toContain(OUTSIDE[0]);
    expect(JSON.stringify(other.body)).not.toContain(INSIDE[0]);
  });

  it("crafted input is a 4xx, never a 500", async () => {
    const coord = people.coordinatorOfParent!;
    for (const url of [
      "/dashboard?country=XX",
      "/dashboard?from=2026-13-45",
      "/dashboard?to=2026-02-30",
      "/dashboard?from=2026-05-01&to=2026-01-01",
      "/dashboard?kind=bank",
    ]) {
      expect((await statusOf(() => dashboardRoute.loader(routeArgs(coord.request(url))))).status).toBe(400);
    }
    for (const id of ["abc", "-1", "99999", "1e3"]) {
      expect((await statusOf(() => coopRoute.loader(routeArgs(coord.request(`/dashboard/coops/${id}`), { id })))).status).toBe(404);
    }
    for (const url of ["/dashboard/export", "/dashboard/export?table=users", "/dashboard/export?table=learners", "/dashboard/export?table=coops&country=ZZ"]) {
      expect((await statusOf(() => exportRoute.loader(routeArgs(coord.request(url))))).status).toBe(400);
    }
  });

  it("an export refused says why in plain text, in the reader's language", async () => {
    const coord = people.coordinatorOfParent!;
    const ask = async (url: string) => (await exportRoute.loader(routeArgs(coord.request(url)))) as Response;
    const english = await ask("/dashboard/export?table=users");
    expect(english.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await english.text()).toMatch(/^Choose a table to export/);
    await getDb().update(users).set({ locale: "fr" }).where(eq(users.id, coord.user.id));
    try {
      expect(await (await ask("/dashboard/export")).text()).toMatch(/^Choisissez un tableau/);
      expect(await (await ask("/dashboard/export?table=coops&from=2026-05-01&to=2026-01-01")).text()).toMatch(/^Ces filtres ne peuvent pas être utilisés/);
      const missing = await ask("/dashboard/export?table=learners&org=999999");
      expect(missing.status).toBe(404);
      expect(await missing.text()).toMatch(/^Aucune coopérative/);
    } finally {
      await getDb().update(users).set({ locale: "en" }).where(eq(users.id, coord.user.id));
    }
  });
});
