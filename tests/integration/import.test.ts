import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db/client.server";
import { enrolments, memberships, users } from "~/db/schema";
import { action as importAction } from "~/routes/dashboard.coops.$id.import";
import { action as setPasswordAction } from "~/routes/set-password";
import { logIn } from "~/auth/auth.server";
import { anonymous, signedIn, statusOf, routeArgs } from "../support/auth";
import { coop, coordinator as coordinatorOf } from "../support/factories";

let org = 0;
let coordinator: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  org = await coop("Import SACCO");
  coordinator = await coordinatorOf(org);
});

function upload(csv: string, who = coordinator) {
  const form = new FormData();
  form.set("file", new File([csv], "learners.csv", { type: "text/csv" }));
  return statusOf(() => importAction(routeArgs(who.request(`/dashboard/coops/${org}/import`, { method: "POST", body: form }), { id: String(org) })));
}
const members = async () => (await getDb().select({ n: count() }).from(memberships).where(eq(memberships.organisationId, org)))[0]!.n;

describe("bulk enrolment", () => {
  it("writes nothing when any row is wrong, and says which", async () => {
    const before = await members();
    const r = await upload("\uFEFFname,email,courses\r\nGood Person,good@example.org,sample-course\r\nBad Person,bad-email,\r\n");
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, errors: [{ row: 3, message: expect.stringMatching(/not an email/) }] });
    expect(await members()).toBe(before);
    expect((await getDb().select().from(users).where(eq(users.email, "good@example.org")))[0]).toBeUndefined();
  });

  it("imports every row at once, existing accounts included, and gives new ones a one-time code that works once", async () => {
    await createUser(getDb(), { email: "existing@example.org", name: "Existing", password: "already set" });
    const r = await upload(
      "name,email,username,courses\nAmina Otieno,amina.import@example.org,,sample-course\nOuma,,ouma.k,sample-course limited-course\nExisting,existing@example.org,,\n",
    );
    expect(r.status).toBe(200);
    const sheet = (r.body as { sheet: { login: string; code: string | null }[] }).sheet;
    expect(sheet.map((l) => l.login)).toEqual(["amina.import@example.org", "ouma.k", "existing@example.org"]);
    expect(sheet[0]!.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(sheet[2]!.code).toBeNull();
    const [ouma] = await getDb().select().from(users).where(eq(users.username, "ouma.k"));
    expect(ouma!.passwordHash).toBeNull();
    expect((await getDb().select({ n: count() }).from(enrolments).where(eq(enrolments.userId, ouma!.id)))[0]!.n).toBe(2);

    const set = (code: string, password = "my new password") =>
      statusOf(() =>
        setPasswordAction(
          routeArgs(
            anonymous("/set-password", {
              method: "POST",
              body: new URLSearchParams({ login: "OUMA.K", code, password }),
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
            }),
          ),
        ),
      );
    expect((await set("AAAA-BBBB-CCCC")).status).toBe(400);
    const ok = await set(sheet[1]!.code!.toLowerCase());
    expect(ok.status).toBe(302);
    expect(ok.location).toBe("/learn");
    expect((await logIn(new Request("http://localhost/login"), "ouma.k", "my new password")).ok).toBe(true);
    expect((await set(sheet[1]!.code!, "another password")).status).toBe(400);
  });

  it("takes 50,000 rows in one go", async () => {
    const lines = ["name,username"];
    for (let i = 0; i < 50_000; i++) lines.push(`Bulk ${i},bulk.${i}`);
    const started = Date.now();
    const r = await upload(lines.join("\r\n"));
    expect(r.status).toBe(200);
    expect((r.body as { sheet: unknown[] }).sheet).toHaveLength(50_000);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it("is refused to a coordinator of another co-op (404) and to a learner (403)", async () => {
    const elsewhere = await coop("Elsewhere", { country: "CM", kind: "health" });
    const other = await coordinatorOf(elsewhere);
    expect((await upload("name,email\nX,x@example.org", other)).status).toBe(404);
    expect((await upload("name,email\nX,x@example.org", await signedIn())).status).toBe(403);
  });
});

describe("join codes", () => {
  it("join a co-op and enrol; expired and used-up codes are refused clearly", async () => {
    const { createJoinCode, redeemJoinCode, OrgError } = await import("~/orgs/orgs.server");
    const { loadCatalog } = await import("~/catalog/catalog.server");
    const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
    const code = await createJoinCode(getDb(), {
      organisationId: org,
      createdBy: coordinator.user.id,
      courseSlugs: ["sample-course"],
      maxUses: 1,
      expiresAt: null,
    });
    expect(code.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    const a = await signedIn();
    const joined = await redeemJoinCode(getDb(), { code: code.code.toLowerCase().replace("-", " "), user: a.user, courses: catalog.courses });
    expect(joined).toMatchObject({ organisation: { name: "Import SACCO" }, enrolled: ["Sample course"] });
    // The same person again changes nothing and uses nothing.
    await redeemJoinCode(getDb(), { code: code.code, user: a.user, courses: catalog.courses });
    const b = await signedIn();
    await expect(redeemJoinCode(getDb(), { code: code.code, user: b.user, courses: catalog.courses })).rejects.toThrow(/used as many times/);
    const expired = await createJoinCode(getDb(), {
      organisationId: org,
      createdBy: null,
      courseSlugs: [],
      maxUses: null,
      expiresAt: new Date(Date.now() - 1000),
    });
    try {
      await redeemJoinCode(getDb(), { code: expired.code, user: b.user, courses: catalog.courses });
      throw new Error("should have been refused");
    } catch (e) {
      expect(e).toBeInstanceOf(OrgError);
      expect((e as InstanceType<typeof OrgError>).status).toBe(410);
      expect((e as Error).message).toMatch(/expired/);
    }
    await expect(redeemJoinCode(getDb(), { code: "nonsense", user: b.user, courses: catalog.courses })).rejects.toThrow(/not a join code/);
  });
});

describe("pasting rows", () => {
  it("uses the pasted rows when no file was chosen (an empty file part still arrives)", async () => {
    const form = new FormData();
    form.set("file", new File([], "", { type: "application/octet-stream" }));
    form.set("pasted", "name,email\nPasted Person,pasted@example.org\n");
    const r = await statusOf(() =>
      importAction(routeArgs(coordinator.request(`/dashboard/coops/${org}/import`, { method: "POST", body: form }), { id: String(org) })),
    );
    expect(r.status).toBe(200);
    expect((r.body as { sheet: { login: string }[] }).sheet[0]!.login).toBe("pasted@example.org");
  });
});
