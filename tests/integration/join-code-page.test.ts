/**
 * A coordinator's join codes on the co-op page (issue 26): creating one
 * confirms it on a fresh page (the form empty again), a code can be turned
 * off, and both are in the audit log; another co-op's coordinator can do
 * neither.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { auditLog } from "~/db/schema";
import * as coopRoute from "~/routes/dashboard.coops.$id._index";
import { statusOf, routeArgs } from "../support/auth";
import { coop, coordinator, type Person } from "../support/factories";

let org = 0;
let own: Person;
let other: Person;
beforeAll(async () => {
  org = await coop("Join Code SACCO");
  own = await coordinator(org);
  other = await coordinator(await coop("Elsewhere Coop", { country: "CM" }));
});

const post = (person: Person, fields: Record<string, string>) =>
  statusOf(() =>
    coopRoute.action(
      routeArgs(
        person.request(`/dashboard/coops/${org}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields),
        }),
        { id: String(org) },
      ),
    ),
  );
const page = async (url: string) =>
  (await statusOf(() => coopRoute.loader(routeArgs(own.request(url), { id: String(org) })))).body as {
    joinCodes: { code: string; off: boolean }[];
  };
const audited = (action: "join-code-add" | "join-code-disable", by: number) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.actorId, by), eq(auditLog.organisationId, org)));

it("creates a code and confirms it on a fresh page, turns it off, and logs both", async () => {
  const created = await post(own, { intent: "join-code", maxUses: "30", expires: "" });
  expect(created.status).toBe(302);
  const code = /[?&]created=([^&#]+)/.exec(created.location ?? "")?.[1];
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect((await page(created.location!)).joinCodes).toContainEqual(expect.objectContaining({ code, off: false }));
  expect(await audited("join-code-add", own.user.id)).toHaveLength(1);

  const disabled = await post(own, { intent: "disable-join-code", code: code! });
  expect(disabled).toMatchObject({ status: 302, location: `/dashboard/coops/${org}?off=${encodeURIComponent(code!)}#join-codes` });
  expect((await page(`/dashboard/coops/${org}`)).joinCodes).toContainEqual(expect.objectContaining({ code, off: true }));
  expect(await audited("join-code-disable", own.user.id)).toHaveLength(1);
});

it("is refused to another co-op's coordinator, as if there were no such co-op", async () => {
  expect((await post(other, { intent: "join-code" })).status).toBe(404);
  expect(await audited("join-code-add", other.user.id)).toHaveLength(0);
});
