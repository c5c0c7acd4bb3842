/**
 * The outside review's findings (issue 25), each as the refusal or the
 * absence that proves it fixed: imports across co-ops, guessing limits,
 * password work, drafts, join codes, sessions, closed accounts' traces,
 * the issuer's keys, course files behind symbolic links, and choice ids.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { logIn } from "~/auth/auth.server";
import { closeAccount } from "~/auth/close-account.server";
import { issuePasswordCode, setPasswordWithCode } from "~/auth/password-codes.server";
import { hashingQueue, verifyPassword } from "~/auth/passwords.server";
import { createSession, generateSessionToken, SESSION_ABSOLUTE_MS, sessionIdFromToken, validateSessionToken } from "~/auth/sessions.server";
import { signUp } from "~/auth/sign-up.server";
import { LIMITS } from "~/auth/throttle.server";
import { createUser } from "~/auth/users.server";
import { choiceId } from "~/catalog/remark-quiz";
import { loadCatalog, mayServeAsset, visibleCourses } from "~/catalog/catalog.server";
import { linksLeavingFolder, resolveCourseFile } from "~/catalog/course-files.server";
import { getDb, sqliteConnection } from "~/db/client.server";
import { auditLog, invitations, memberships, passwordCodes, quizAttempts, sessions, users } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import { answerInvitation, pendingInvitations } from "~/orgs/invitations.server";
import { createJoinCode, joinWithCode } from "~/orgs/orgs.server";
import { action as importAction } from "~/routes/dashboard.coops.$id.import";
import { loader as dashboardLoader } from "~/routes/dashboard._index";
import { action as coopAction } from "~/routes/dashboard.coops.$id._index";
import { loader as didLoader } from "~/routes/[.well-known].did[.json]";
import { action as learnAction } from "~/routes/learn";
import { safeRedirect } from "~/utils/safe-redirect";
import { randomFromAlphabet } from "~/utils/random";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { coop, coordinator, learner, member, trainerOf } from "../support/factories";

let catalog: Awaited<ReturnType<typeof loadCatalog>>;
const ids = { kenya: 0, cameroon: 0 };
let kenyaCoordinator: Awaited<ReturnType<typeof signedIn>>;
let cameroonCoordinator: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  ids.kenya = await coop("Nyeri Teachers SACCO");
  ids.cameroon = await coop("Bamenda Farmers Co-op", { country: "CM", kind: "agricultural" });
  kenyaCoordinator = await coordinator(ids.kenya);
  cameroonCoordinator = await coordinator(ids.cameroon);
});

function upload(csv: string, who: Awaited<ReturnType<typeof signedIn>>, org: number) {
  const form = new FormData();
  form.set("file", new File([csv], "learners.csv", { type: "text/csv" }));
  return statusOf(() => importAction(routeArgs(who.request(`/dashboard/coops/${org}/import`, { method: "POST", body: form }), { id: String(org) })));
}
type Sheet = { name: string; login: string; code: string | null; status: string }[];
const liveCodes = async (userId: number) => (await getDb().select({ n: count() }).from(passwordCodes).where(eq(passwordCodes.userId, userId)))[0]!.n;

describe("1. a bulk import never crosses co-op boundaries", () => {
  it("invites an account of another country's co-op: not attached, no code, no real name, an audit entry", async () => {
    const db = getDb();
    // A Kenyan learner made by a Kenyan import: no password yet, the case that handed out a code before.
    const kenyan = (await db.insert(users).values({ name: "Wanjiru Kamau", username: "wanjiru.k", passwordHash: null }).returning())[0]!;
    await member(kenyan.id, ids.kenya, "learner");
    const r = await upload("name,username,courses\nSomeone Typed,wanjiru.k,sample-course\n", cameroonCoordinator, ids.cameroon);
    expect(r.status).toBe(200);
    const sheet = (r.body as { sheet: Sheet }).sheet;
    expect(sheet).toMatchObject([{ name: "Someone Typed", login: "wanjiru.k", code: null, courses: ["Sample course"], status: "invited" }]);
    expect(JSON.stringify(r.body)).not.toContain("Wanjiru Kamau");
    expect(
      await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, kenyan.id), eq(memberships.organisationId, ids.cameroon))),
    ).toEqual([]);
    expect(await liveCodes(kenyan.id)).toBe(0);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, kenyan.id), eq(auditLog.action, "import-account"))),
    ).toMatchObject([{ actorId: cameroonCoordinator.user.id, organisationId: ids.cameroon, detail: "invited" }]);
    // The holder decides: the invitation is on their /learn, and accepting it joins and enrols them.
    const pending = await pendingInvitations(db, kenyan.id, catalog.courses);
    expect(pending.map((i) => [i.organisation, i.courses.map((c) => c.slug)])).toEqual([["Bamenda Farmers Co-op", ["sample-course"]]]);
    expect(await answerInvitation(db, { userId: cameroonCoordinator.user.id, invitationId: pending[0]!.id, accept: true, courses: catalog.courses })).toBe(
      false,
    );
    expect(await answerInvitation(db, { userId: kenyan.id, invitationId: pending[0]!.id, accept: true, courses: catalog.courses })).toBe(true);
    expect(
      await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, kenyan.id), eq(memberships.organisationId, ids.cameroon))),
    ).toHaveLength(1);
    expect(await db.select().from(invitations).where(eq(invitations.userId, kenyan.id))).toEqual([]);
  });

  it("lets only the invited person answer an invitation on /learn", async () => {
    const db = getDb();
    const invited = await learner(ids.kenya);
    await upload(`name,email\nInvited,${invited.user.email}\n`, cameroonCoordinator, ids.cameroon);
    const [invitation] = await pendingInvitations(db, invited.user.id, catalog.courses);
    const answer = (who: Awaited<ReturnType<typeof signedIn>>, value: string) =>
      statusOf(() =>
        learnAction(
          routeArgs(
            who.request("/learn", {
              method: "POST",
              body: new URLSearchParams({ intent: "invitation", invitation: String(invitation!.id), answer: value }),
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
            }),
          ),
        ),
      );
    expect((await answer(cameroonCoordinator, "accept")).status).toBe(404);
    expect((await answer(invited, "maybe")).status).toBe(400);
    expect(await answer(invited, "decline")).toMatchObject({ status: 302, location: "/learn" });
    expect(
      await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, invited.user.id), eq(memberships.organisationId, ids.cameroon))),
    ).toEqual([]);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, invited.user.id), eq(auditLog.action, "invitation-decline"))),
    ).toHaveLength(1);
  });

  it("never touches a staff account, even an admin's import: invited, no code", async () => {
    const db = getDb();
    const admin = await signedIn({ admin: true });
    const trainer = (await db.insert(users).values({ name: "Trainer Without Password", email: "trainer.nopass@example.org" }).returning())[0]!;
    await trainerOf(trainer.id, "sample-course");
    await member(trainer.id, ids.kenya, "learner");
    const r = await upload("name,email\nT,trainer.nopass@example.org\n", admin, ids.kenya);
    expect((r.body as { sheet: Sheet }).sheet).toMatchObject([{ name: "T", code: null, status: "invited" }]);
    expect(await liveCodes(trainer.id)).toBe(0);
  });

  it("adds a learner of the importer's own co-ops, with a new code that voids the earlier one", async () => {
    const db = getDb();
    const own = (await db.insert(users).values({ name: "Otieno Own", username: "otieno.own" }).returning())[0]!;
    await member(own.id, ids.kenya, "learner");
    const earlier = await db.transaction((tx) => issuePasswordCode(tx, own.id));
    const r = await upload("name,username\nOtieno,otieno.own\n", kenyaCoordinator, ids.kenya);
    const line = (r.body as { sheet: Sheet }).sheet[0]!;
    expect(line).toMatchObject({ name: "Otieno Own", status: "added" });
    expect(line.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await liveCodes(own.id)).toBe(1);
    expect(await setPasswordWithCode(db, { login: "otieno.own", code: earlier, password: "a new password" })).toMatchObject({ ok: false });
    expect(await setPasswordWithCode(db, { login: "otieno.own", code: line.code!, password: "a new password" })).toMatchObject({ ok: true });
  });
});

describe("3. redirects stay on the site", () => {
  it.each([
    ["/\t/evil.example", "/learn"],
    ["/\\evil.example", "/learn"],
    ["//evil.example", "/learn"],
    ["/.//evil.example", "/learn"],
    ["https://evil.example/x", "/learn"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/learn\r\nSet-Cookie: x=1", "/learnSet-Cookie:%20x=1"],
    ["/courses/\u00e9t\u00e9?x=\u2028", "/courses/%C3%A9t%C3%A9?x=%E2%80%A8"],
    ["/learn?tab=1#top", "/learn?tab=1"],
    ["javascript:alert(1)", "/learn"],
    ["", "/learn"],
  ])("%j goes to %j", (input, expected) => {
    const target = safeRedirect(input);
    expect(target).toBe(expected);
    // Whatever it is, a browser reads it as a path of this site, and it fits in a header.
    expect(new URL(target, "http://campus.test").host).toBe("campus.test");
    expect(() => new Headers({ Location: target })).not.toThrow();
  });
});

describe("5. password work is bounded", () => {
  it("finds a duplicate email before hashing, and limits sign-ups per address", async () => {
    const db = getDb();
    await createUser(db, { email: "taken@example.org", name: "Taken", password: "long enough" });
    const before = hashingQueue().hashed;
    const outcome = await signUp(db, {
      name: "X",
      email: "TAKEN@example.org",
      password: "long enough",
      locale: "en",
      address: "10.5.0.1",
      courses: catalog.courses,
    });
    expect(outcome).toEqual({ ok: false, reason: "emailTaken" });
    expect(hashingQueue().hashed).toBe(before);
    let last;
    for (let i = 0; i <= LIMITS.signUpsPerAddress; i++) {
      last = await signUp(db, {
        name: `Class ${i}`,
        email: `class${i}@example.org`,
        password: "long enough",
        locale: "en",
        address: "10.5.0.2",
        courses: catalog.courses,
      });
    }
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("hashes two at a time, however many ask at once", async () => {
    const hash = (await createUser(getDb(), { email: "queue@example.org", name: "Q", password: "queue password" })).passwordHash!;
    await Promise.all(Array.from({ length: 12 }, () => verifyPassword(hash, "wrong")));
    expect(hashingQueue().mostAtOnce).toBeLessThanOrEqual(2);
  });
});

describe("8. /set-password does the same work for a login that exists and one that does not", () => {
  it("hashes nothing for a wrong code either way", async () => {
    const db = getDb();
    await createUser(db, { username: "has.account", name: "H", password: null });
    const before = hashingQueue().hashed;
    expect(await setPasswordWithCode(db, { login: "has.account", code: "AAAA-BBBB-CCCC", password: "whatever long", address: "10.8.0.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await setPasswordWithCode(db, { login: "no.such.login", code: "AAAA-BBBB-CCCC", password: "whatever long", address: "10.8.0.2" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(hashingQueue().hashed).toBe(before);
  });
});

describe("9. the log-in limit holds under parallel guesses", () => {
  it("verifies at most the limit of 40 guesses sent at once", async () => {
    await createUser(getDb(), { email: "raced@example.org", name: "Raced", password: "the real one" });
    const before = hashingQueue().verified;
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => logIn(new Request("http://localhost/login"), "raced@example.org", `guess ${i}`, `10.9.${i}.1`)),
    );
    expect(hashingQueue().verified - before).toBeLessThanOrEqual(LIMITS.account);
    expect(outcomes.filter((o) => !o.ok && o.reason === "throttled").length).toBeGreaterThanOrEqual(40 - LIMITS.account);
  });

  it("never slows a class that logs in together from one router", async () => {
    const db = getDb();
    for (let i = 0; i < 40; i++) await createUser(db, { email: `class.member${i}@example.org`, name: `Member ${i}`, password: "class password" });
    const outcomes = [];
    for (let i = 0; i < 40; i++)
      outcomes.push(await logIn(new Request("http://localhost/login"), `class.member${i}@example.org`, "class password", "10.12.0.1"));
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it("slows an office's shared address, never locks it for long", async () => {
    const req = new Request("http://localhost/login");
    for (let i = 0; i < LIMITS.address; i++) await logIn(req, `typo${i}@example.org`, "x", "10.10.10.10");
    const wait = await logIn(req, "typo-next@example.org", "x", "10.10.10.10");
    expect(wait).toMatchObject({ ok: false, reason: "throttled" });
    if (!wait.ok && wait.reason === "throttled") expect(wait.retryAfterSeconds).toBeLessThanOrEqual(2);
  });
});

describe("10. drafts stay with their trainers", () => {
  it("keeps a draft's title out of a coordinator's dashboard and its data", async () => {
    const r = await statusOf(() => dashboardLoader(routeArgs(kenyaCoordinator.request("/dashboard"))));
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain("Draft course");
    expect(visibleCourses(catalog, null).map((c) => c.slug)).not.toContain("draft-course");
  });

  it("refuses a join code that would name a draft", async () => {
    const form = new URLSearchParams({ intent: "join-code", course: "draft-course" });
    const r = await statusOf(() =>
      coopAction(
        routeArgs(
          kenyaCoordinator.request(`/dashboard/coops/${ids.kenya}`, {
            method: "POST",
            body: form,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
          }),
          { id: String(ids.kenya) },
        ),
      ),
    );
    expect(r.status).toBe(400);
  });
});

describe("10 and 14. course files: only what visible modules use, never outside the folder", () => {
  let dir: string;
  let course: ReturnType<typeof visibleCourses>[number];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-files-"));
    fs.cpSync("tests/fixtures/content-good", dir, { recursive: true });
    const courseDir = path.join(dir, "courses", "sample-course");
    fs.mkdirSync(path.join(courseDir, "images"));
    fs.writeFileSync(path.join(courseDir, "images", "public.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(courseDir, "images", "secret.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(courseDir, "images", "unused.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(dir, "private-key.json"), "{}");
    fs.symlinkSync(path.join(dir, "private-key.json"), path.join(courseDir, "images", "key.png"));
    fs.appendFileSync(path.join(courseDir, "01-first.mdx"), "\n\n![A public picture](images/public.svg)\n");
    fs.writeFileSync(
      path.join(courseDir, "03-later.mdx"),
      "---\ntitle: Later\nsummary: Not yet.\nminutes: 5\ndraft: true\n---\n\n# Later\n\n![A draft picture](images/secret.svg)\n",
    );
    course = (await loadCatalog({ contentDir: dir })).courses.get("sample-course")!;
  });

  it("serves a published module's file to anyone, a draft module's or an unused one to trainers only", () => {
    const trainer = { isAdmin: false, trainerOf: new Set(["sample-course"]) };
    expect(mayServeAsset(course, null, "images/public.svg")).toBe(true);
    expect(mayServeAsset(course, null, "images/secret.svg")).toBe(false);
    expect(mayServeAsset(course, null, "images/unused.svg")).toBe(false);
    expect(mayServeAsset(course, trainer, "images/secret.svg")).toBe(true);
  });

  it("never follows a symbolic link out of the course folder, and content check says so", async () => {
    expect(resolveCourseFile(course.dir, "images/public.svg")).not.toBeNull();
    expect(resolveCourseFile(course.dir, "images/key.png")).toBeNull();
    expect(resolveCourseFile(course.dir, "../../private-key.json")).toBeNull();
    expect(linksLeavingFolder(course.dir)).toEqual([path.join("images", "key.png")]);
    const checked = await loadCatalog({ contentDir: dir });
    expect(checked.problems.some((p) => p.file.endsWith(path.join("images", "key.png")) && p.severity === "error")).toBe(true);
  });
});

describe("11. join codes", () => {
  it("are drawn without bias", () => {
    const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    const counts = new Map<string, number>();
    for (const c of randomFromAlphabet(alphabet, 300_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
    // 10,000 expected each; with `byte % 30` the first 16 characters came up 12.5 % more often than the rest.
    for (const c of alphabet) expect(Math.abs(counts.get(c)! - 10_000)).toBeLessThan(600);
  });

  it("answer unknown, expired and used-up codes alike, and stop a guesser", async () => {
    const db = getDb();
    const expired = await createJoinCode(db, {
      organisationId: ids.kenya,
      createdBy: null,
      courseSlugs: [],
      maxUses: null,
      expiresAt: new Date(Date.now() - 1000),
    });
    const used = await createJoinCode(db, { organisationId: ids.kenya, createdBy: null, courseSlugs: [], maxUses: 1, expiresAt: null });
    const first = await signedIn();
    expect(await joinWithCode(db, { code: used.code, user: first.user, courses: catalog.courses })).toMatchObject({ ok: true });
    const guesser = await signedIn();
    // One after another, as a guesser's tries are counted.
    const answers = [];
    for (const code of [expired.code, used.code, "ABCD-EFGH"])
      answers.push(await joinWithCode(db, { code, user: guesser.user, address: "10.11.0.1", courses: catalog.courses }));
    expect(answers).toEqual([0, 1, 2].map(() => ({ ok: false, reason: "code", problem: "unusable" })));
    let last;
    for (let i = 0; i < 10; i++) last = await joinWithCode(db, { code: "WXYZ-2345", user: guesser.user, address: "10.11.0.1", courses: catalog.courses });
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("13. sessions end 90 days after the log-in, however often used", () => {
  it("is refused past its absolute lifetime even when its sliding expiry is later", async () => {
    const db = getDb();
    const user = await createUser(db, { email: "long.session@example.org", name: "L", password: null });
    const token = generateSessionToken();
    const start = Date.now() - SESSION_ABSOLUTE_MS + 60_000;
    await createSession(db, token, user.id, start);
    // Used every day since: its expiry slid forward each time.
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 20 * 86_400_000) })
      .where(eq(sessions.id, sessionIdFromToken(token)));
    const now = await validateSessionToken(db, token);
    expect(now).not.toBeNull();
    expect(now!.session.expiresAt.getTime()).toBeLessThanOrEqual(start + SESSION_ABSOLUTE_MS);
    expect(await validateSessionToken(db, token, start + SESSION_ABSOLUTE_MS + 1)).toBeNull();
  });
});

describe("7. a closed account leaves no trace of its name or email", () => {
  it("is absent from the database file and its log, and its written answers are blank", async () => {
    const db = getDb();
    const email = "unique.trace.4471@example.org";
    const user = await createUser(db, { email, name: "Trace Person Zqx", password: "long enough" });
    const course = catalog.courses.get("sample-course")!;
    const enrolment = await enrol(db, user.id, course);
    await db.insert(quizAttempts).values({
      userId: user.id,
      enrolmentId: enrolment.id,
      courseSlug: "sample-course",
      moduleSlug: "second",
      quizId: "q",
      attemptNumber: 1,
      answers: { written: ["my own words about Zqx"], picked: ["c0123456789"] },
      results: [],
      score: 0.5,
      passed: false,
      contentHash: "x",
      idempotencyKey: "trace-key-000000001",
    });
    expect(await closeAccount(db, { userId: user.id, by: null })).toBe(true);
    const file = process.env.DATABASE_URL!;
    const bytes = Buffer.concat([fs.readFileSync(file), ...(fs.existsSync(`${file}-wal`) ? [fs.readFileSync(`${file}-wal`)] : [])]);
    expect(bytes.includes(Buffer.from(email))).toBe(false);
    expect(bytes.includes(Buffer.from("Trace Person Zqx"))).toBe(false);
    expect(bytes.includes(Buffer.from("my own words about Zqx"))).toBe(false);
    const attempt = (await db.select().from(quizAttempts).where(eq(quizAttempts.userId, user.id)))[0]!;
    expect(attempt.answers).toEqual({ written: [""], picked: ["c0123456789"] });
    expect(attempt.score).toBe(0.5);
    // Readable by the server's own user only.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("6 and 15. the issuer's keys", () => {
  it("publishes its keys from their own small table, without reading any certificate", async () => {
    const db = getDb();
    const { getIssuer, recordSigningKey } = await import("~/certificates/keys.server");
    const issuer = await getIssuer();
    await recordSigningKey(db, "z6MkOlderKeyStillPublished");
    // With the certificates out of reach, did.json answers all the same: it never reads them.
    sqliteConnection(db).exec("alter table certificates rename to certificates_away");
    try {
      const response = (await didLoader()) as Response;
      const doc = (await response.json()) as { verificationMethod: { publicKeyMultibase: string }[] };
      expect(doc.verificationMethod.map((m) => m.publicKeyMultibase)).toEqual(
        expect.arrayContaining([issuer.publicKeyMultibase, "z6MkOlderKeyStillPublished"]),
      );
    } finally {
      sqliteConnection(db).exec("alter table certificates_away rename to certificates");
    }
  });

  it("refuses a key file others can read, and a lost key when any key ever signed, even with no credential left", async () => {
    const { getIssuer, recordSigningKey, resetIssuerForTests, IssuerKeyExposedError, IssuerKeyLostError } = await import("~/certificates/keys.server");
    const file = process.env.ISSUER_KEY_FILE!;
    await recordSigningKey(getDb(), (await getIssuer()).publicKeyMultibase); // as signing the first credential does
    fs.chmodSync(file, 0o644);
    resetIssuerForTests();
    await expect(getIssuer()).rejects.toBeInstanceOf(IssuerKeyExposedError);
    fs.chmodSync(file, 0o600);
    const saved = fs.readFileSync(file);
    fs.rmSync(file);
    // No certificate has a credential in this file: only issuer_keys remembers that a key signed.
    resetIssuerForTests();
    await expect(getIssuer()).rejects.toBeInstanceOf(IssuerKeyLostError);
    fs.writeFileSync(file, saved, { mode: 0o600 });
    resetIssuerForTests();
  });
});

describe("15. choice ids", () => {
  it("do not depend on the order the author wrote the choices in", () => {
    const labels = ["The members", "The manager", "The government"];
    const ids = labels.map((l) => choiceId("board", "who", l));
    const reordered = [...labels].reverse().map((l) => choiceId("board", "who", l));
    expect(reordered).toEqual([...ids].reverse());
    expect(new Set(ids).size).toBe(3);
  });
});
