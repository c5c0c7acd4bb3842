/**
 * The enrolments CSV (a coordinator's whole table of who took what): each row
 * names the learner's co-ops and countries within the reader's scope, and
 * none outside it.
 */
import { beforeAll, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { memberships } from "~/db/schema";
import * as exportRoute from "~/routes/dashboard.export";
import { signedIn, routeArgs } from "../support/auth";
import { coop, coordinator, enrolled, learner, type Person } from "../support/factories";

let admin: Person;
let coordinatorOfKenya: Person;
const tag = `x${Date.now()}`;

beforeAll(async () => {
  const kenya = await coop(`Nyeri SACCO ${tag}`, { country: "KE" });
  const cameroon = await coop(`Bafoussam Coop ${tag}`, { country: "CM" });
  const both = await learner(kenya, `Both ${tag}`);
  await getDb().insert(memberships).values({ userId: both.user.id, organisationId: cameroon, role: "learner" });
  await enrolled(both.user.id);
  await enrolled((await learner(cameroon, `Cameroon ${tag}`)).user.id);
  admin = await signedIn({ admin: true });
  coordinatorOfKenya = await coordinator(kenya);
});

async function rows(person: Person) {
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
  const kenyan = await rows(coordinatorOfKenya);
  expect(kenyan.map((r) => r.learner)).toEqual([`Both ${tag}`]);
  expect(kenyan[0]).toMatchObject({ "co-operative": `Nyeri SACCO ${tag}`, country: "Kenya" });
});
