/**
 * The enrolments CSV (a coordinator's whole table of who took what): each row
 * names the learner's co-ops and countries within the reader's scope, and
 * none outside it.
 */
import { beforeAll, expect, it } from "vitest";
import { loadCatalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { memberships, organisations } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import * as exportRoute from "~/routes/dashboard.export";
import { createUser } from "~/auth/users.server";
import { signedIn, routeArgs } from "../support/auth";

let admin: Awaited<ReturnType<typeof signedIn>>;
let coordinator: Awaited<ReturnType<typeof signedIn>>;
const tag = `x${Date.now()}`;

beforeAll(async () => {
  const db = getDb();
  const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  const sample = catalog.courses.get("sample-course")!;
  const org = (name: string, country: string) =>
    db
      .insert(organisations)
      .values({ name: `${name} ${tag}`, country, kind: "savings-credit" })
      .returning()
      .get().id;
  const kenya = org("Nyeri SACCO", "KE");
  const cameroon = org("Bafoussam Coop", "CM");
  const both = await createUser(db, { email: `both-${tag}@export.example`, name: `Both ${tag}`, password: "export-password" });
  db.insert(memberships)
    .values([
      { userId: both.id, organisationId: kenya, role: "learner" },
      { userId: both.id, organisationId: cameroon, role: "learner" },
    ])
    .run();
  enrol(db, both.id, sample);
  const onlyCameroon = await createUser(db, { email: `cm-${tag}@export.example`, name: `Cameroon ${tag}`, password: "export-password" });
  db.insert(memberships).values({ userId: onlyCameroon.id, organisationId: cameroon, role: "learner" }).run();
  enrol(db, onlyCameroon.id, sample);
  admin = await signedIn({ admin: true });
  coordinator = await signedIn();
  db.insert(memberships).values({ userId: coordinator.user.id, organisationId: kenya, role: "coordinator" }).run();
});

async function rows(person: Awaited<ReturnType<typeof signedIn>>) {
  const response = (await exportRoute.loader(routeArgs(person.request("/dashboard/export?table=enrolments")) as never)) as Response;
  expect(response.status).toBe(200);
  const [header, ...lines] = (await response.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  const cells = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [cells[i], cell]))).filter((row) => String(row.learner).endsWith(tag));
}

it("names each learner's co-ops and countries, in the reader's scope only", async () => {
  const all = await rows(admin);
  const both = all.find((r) => r.learner === `Both ${tag}`)!;
  expect(String(both["co-operative"]).split("; ").sort()).toEqual([`Bafoussam Coop ${tag}`, `Nyeri SACCO ${tag}`]);
  expect(String(both.country).split("; ").sort()).toEqual(["Cameroon", "Kenya"]);
  expect(all.find((r) => r.learner === `Cameroon ${tag}`)).toMatchObject({ "co-operative": `Bafoussam Coop ${tag}`, country: "Cameroon" });

  // A coordinator of the Kenyan co-op sees its learner, with the Kenyan co-op only, and not the other learner.
  const kenyan = await rows(coordinator);
  expect(kenyan.map((r) => r.learner)).toEqual([`Both ${tag}`]);
  expect(kenyan[0]).toMatchObject({ "co-operative": `Nyeri SACCO ${tag}`, country: "Kenya" });
});
