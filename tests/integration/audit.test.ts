/**
 * The audit log: every change to another person's access leaves one entry,
 * with who did it, in the same transaction; refused or empty changes leave
 * none; admins read it, and people find the entries about them in their data.
 */
import { expect, it } from "vitest";
import { recentAudit } from "~/audit/audit.server";
import { redeemPasswordCode } from "~/auth/password-codes.server";
import { changePassword, issueResetCode } from "~/auth/password-reset.server";
import { personalData } from "~/auth/personal-data.server";
import { createUser } from "~/auth/users.server";
import { loadCatalog } from "~/catalog/catalog.server";
import { revokeCertificate } from "~/certificates/revoke.server";
import { getDb } from "~/db/client.server";
import { certificates } from "~/db/schema";
import { enrol, markModuleComplete } from "~/learning/enrolment.server";
import { applyImport } from "~/orgs/import.server";
import { addCourseTrainer, addMember, addOrg, removeCourseTrainer, removeMember } from "~/orgs/orgs.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { rightAnswers } from "~/quizzes/grading";
import * as adminRoute from "~/routes/admin";
import { signedIn, statusOf, routeArgs } from "../support/auth";

it("records who changed whose access, once per change, and shows it to admins and to the person", async () => {
  const db = getDb();
  const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
  const course = catalog.courses.get("sample-course")!;
  const admin = await createUser(db, { email: "audit-admin@example.org", name: "Audit Admin", password: "admin-password", isAdmin: true });
  const amina = await createUser(db, { email: "amina@example.org", name: "Amina", password: "amina-password" });
  const count = async () => (await recentAudit(db, 1000)).length;

  const org = await addOrg(db, { name: "Audit SACCO", country: "KE", kind: "savings-credit" }, admin.id);
  await addMember(db, { userId: amina.id, organisationId: org, role: "coordinator" }, admin.id);
  await addMember(db, { userId: amina.id, organisationId: org, role: "coordinator" }, admin.id); // already has it: no entry
  expect(await removeMember(db, { userId: amina.id, organisationId: org, role: "coordinator" }, null)).toBe(true);
  expect(await removeMember(db, { userId: amina.id, organisationId: org, role: "coordinator" }, null)).toBe(false); // nothing removed: no entry
  await addCourseTrainer(db, amina.id, "sample-course", admin.id);
  await removeCourseTrainer(db, amina.id, "sample-course", admin.id);
  const { code } = await issueResetCode(db, amina.id, admin.id);
  expect(await redeemPasswordCode(db, { userId: amina.id, code, password: "new-amina-pass" })).toBe(true);
  expect(await changePassword(db, { userId: amina.id, current: "wrong", next: "x-amina-pass" })).toBe(false); // refused: no entry
  expect(await changePassword(db, { userId: amina.id, current: "new-amina-pass", next: "x-amina-pass" })).toBe(true);
  await applyImport(db, {
    organisationId: org,
    rows: [{ row: 2, name: "Imported One", email: "imported.one@example.org", username: null, courses: ["sample-course"] }],
    courses: catalog.courses,
    by: amina.id,
    scope: { all: false, coordinatorId: amina.id },
  });
  await enrol(db, amina.id, course);
  await markModuleComplete(db, { userId: amina.id, course, module: course.modules[0]! });
  const quiz = course.modules[1]!.quizzes[0]!;
  await submitAttempt(db, { userId: amina.id, course, module: course.modules[1]!, quiz, answers: rightAnswers(quiz), idempotencyKey: "audit-test-key-00001" });
  const cert = (await db.select().from(certificates)).find((c) => c.userId === amina.id)!;
  expect(await revokeCertificate(db, { code: cert.code, reason: "issued in error", by: admin.id })).toBe(true);
  expect(await revokeCertificate(db, { code: cert.code, reason: "again", by: admin.id })).toBe(false); // already: no entry

  const entries = (await recentAudit(db, 1000)).reverse();
  expect(entries.map((e) => [e.action, e.actor, e.subject, e.organisation, e.detail])).toEqual([
    ["org-add", "Audit Admin", null, "Audit SACCO", null],
    ["role-add", "Audit Admin", "Amina", "Audit SACCO", "coordinator"],
    ["role-remove", null, "Amina", "Audit SACCO", "coordinator"],
    ["trainer-add", "Audit Admin", "Amina", null, "sample-course"],
    ["trainer-remove", "Audit Admin", "Amina", null, "sample-course"],
    ["password-code", "Audit Admin", "Amina", null, null],
    ["password-change", "Amina", "Amina", null, "one-time code"],
    ["password-change", "Amina", "Amina", null, "settings"],
    ["import-account", "Amina", "Imported One", "Audit SACCO", "created"],
    ["bulk-import", "Amina", null, "Audit SACCO", "1 rows: 1 created, 0 added, 0 invited; 1 one-time codes"],
    ["certificate-revoke", "Audit Admin", "Amina", null, cert.code],
  ]);

  // Admins read the latest on /admin; the person finds what concerns them in their own data.
  const me = await signedIn({ admin: true });
  const page = (await statusOf(() => adminRoute.loader(routeArgs(me.request("/admin")) as never))).body as { audit: { action: string }[] };
  // The page shows the latest ten, newest first.
  expect(page.audit.map((a) => a.action)).toEqual(
    [...entries]
      .reverse()
      .slice(0, 10)
      .map((e) => e.action),
  );
  const mine = (await personalData(db, amina.id, { courses: catalog.courses, origin: "http://localhost" }))!;
  expect(mine.changesToYourAccess.map((c) => c.action)).toEqual([
    "role-add",
    "role-remove",
    "trainer-add",
    "trainer-remove",
    "password-code",
    "password-change",
    "password-change",
    "certificate-revoke",
  ]);
  expect(mine.changesToYourAccess[2]).toMatchObject({ by: "Audit Admin" });
  expect(mine.changesToYourAccess[1]).toMatchObject({ by: "the server's command line" });
  expect(await count()).toBe(11);
});
