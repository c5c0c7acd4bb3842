import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { CatalogCourse } from "~/catalog/catalog.server";
import { lockFor, rawAll, type Db } from "~/db/client.server";
import { courseTrainers, joinCodes, memberships, organisations, users, type User } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import { audit } from "~/audit/audit.server";
import { isCountryCode, ORG_KIND_VALUES } from "./kinds";
import { messages, type Messages } from "~/i18n/messages";
import { format } from "~/i18n/format";
import { beginAttempt, forgive, type ThrottleKey } from "~/auth/throttle.server";
import { randomFromAlphabet } from "~/utils/random";
import { orgIdsInScope, type Scope } from "~/access/scope.server";

export class OrgError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 410 = 400,
  ) {
    super(message);
  }
}

/** A new organisation's fields, with messages in a language (the CLI and the admin page share it). */
export const orgInputSchemaIn = (e: Messages["admin"]) =>
  z.object({
    name: z.string().trim().min(2, e.orgName).max(200),
    country: z.string().trim().toUpperCase().refine(isCountryCode, e.isoCountry),
    kind: z.enum(ORG_KIND_VALUES, { errorMap: () => ({ message: format("en", e.kindOneOf, { kinds: ORG_KIND_VALUES.join(", ") }) }) }),
    parent: z.string().trim().optional(),
  });
export const orgInputSchema = orgInputSchemaIn(messages.en.admin);

export async function findOrg(db: Db, nameOrId: string) {
  if (/^\d+$/.test(nameOrId)) {
    const [byId] = await db
      .select()
      .from(organisations)
      .where(eq(organisations.id, Number(nameOrId)));
    if (byId) return byId;
  }
  const [byName] = await db
    .select()
    .from(organisations)
    .where(sql`lower(${organisations.name}) = lower(${nameOrId.trim()})`)
    .limit(1);
  return byName;
}

/** Adds an organisation, by `by` (null: the server's command line). */
export async function addOrg(db: Db, input: unknown, by: number | null): Promise<number> {
  const data = orgInputSchema.parse(input);
  const parent = data.parent ? await findOrg(db, data.parent) : undefined;
  if (data.parent && !parent) throw new OrgError(`There is no organisation "${data.parent}" to be the parent.`, 404);
  if (await findOrg(db, data.name)) throw new OrgError(`An organisation named "${data.name}" already exists.`, 409);
  return db.transaction(async (tx) => {
    const [added] = await tx
      .insert(organisations)
      .values({ name: data.name, country: data.country, kind: data.kind, parentId: parent?.id ?? null })
      .returning({ id: organisations.id });
    const id = added!.id;
    await audit(tx, { by, action: "org-add", organisationId: id });
    return id;
  });
}

export async function listOrgs(db: Db) {
  return await db.select().from(organisations).orderBy(asc(organisations.country), asc(organisations.name));
}

/** Gives a role in an organisation, by `by` (null: the server's command line); nothing if the person has it. */
export async function addMember(db: Db, input: { userId: number; organisationId: number; role: Role }, by: number | null) {
  await db.transaction(async (tx) => {
    const added = (await tx.insert(memberships).values(input).onConflictDoNothing().returning({ userId: memberships.userId })).length > 0;
    if (added) await audit(tx, { by, action: "role-add", subjectId: input.userId, organisationId: input.organisationId, detail: input.role });
  });
}

export type Role = "learner" | "trainer" | "coordinator";

/** Takes a role away; false if the person did not have it. Their progress and certificates stay. */
export async function removeMember(db: Db, input: { userId: number; organisationId: number; role: Role }, by: number | null): Promise<boolean> {
  const { userId, organisationId, role } = input;
  return db.transaction(async (tx) => {
    const removed =
      (
        await tx
          .delete(memberships)
          .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId), eq(memberships.role, role)))
          .returning({ userId: memberships.userId })
      ).length > 0;
    if (removed) await audit(tx, { by, action: "role-remove", subjectId: userId, organisationId, detail: role });
    return removed;
  });
}

/** The roles that open more than learning (trainers and coordinators), by organisation, for the admin page. */
export async function listStaffRoles(db: Db) {
  return await db
    .select({
      userId: users.id,
      name: users.name,
      login: sql<string>`coalesce(${users.email}, ${users.username})`,
      organisationId: organisations.id,
      organisation: organisations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(inArray(memberships.role, ["trainer", "coordinator"]))
    .orderBy(asc(organisations.name), asc(memberships.role), asc(users.name));
}

/* ---------- course trainers: who sees a course's drafts, answer-key preview and quiz statistics ---------- */

export async function addCourseTrainer(db: Db, userId: number, courseSlug: string, by: number | null) {
  await db.transaction(async (tx) => {
    const added =
      (await tx.insert(courseTrainers).values({ userId, courseSlug }).onConflictDoNothing().returning({ userId: courseTrainers.userId })).length > 0;
    if (added) await audit(tx, { by, action: "trainer-add", subjectId: userId, detail: courseSlug });
  });
}

export async function removeCourseTrainer(db: Db, userId: number, courseSlug: string, by: number | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed =
      (
        await tx
          .delete(courseTrainers)
          .where(and(eq(courseTrainers.userId, userId), eq(courseTrainers.courseSlug, courseSlug)))
          .returning({ userId: courseTrainers.userId })
      ).length > 0;
    if (removed) await audit(tx, { by, action: "trainer-remove", subjectId: userId, detail: courseSlug });
    return removed;
  });
}

export async function listCourseTrainers(db: Db) {
  return await db
    .select({ userId: users.id, name: users.name, login: sql<string>`coalesce(${users.email}, ${users.username})`, course: courseTrainers.courseSlug })
    .from(courseTrainers)
    .innerJoin(users, eq(users.id, courseTrainers.userId))
    .orderBy(asc(courseTrainers.courseSlug), asc(users.name));
}

/* ---------- join codes ---------- */

const JOIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"; // no 0/O, 1/I/L, U: easy to read off a poster

/** 8 characters of 30, uniformly (about 39 bits): guessing is bounded by the throttle (joinCodeAttempts), not the length. */
export function generateJoinCode(): string {
  const s = randomFromAlphabet(JOIN_ALPHABET, 8);
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

export function normalizeJoinCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, "").replace(/0/g, "O").replace(/[1IL]/g, "1");
  if (!/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/.test(raw)) return null;
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

export async function createJoinCode(
  db: Db,
  input: { organisationId: number; createdBy: number | null; courseSlugs: string[]; maxUses: number | null; expiresAt: Date | null },
) {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(joinCodes)
      .values({ ...input, code: generateJoinCode() })
      .returning();
    await audit(tx, { by: input.createdBy, action: "join-code-add", organisationId: input.organisationId, detail: created!.code });
    return created!;
  });
}

/** Turns a co-op's join code off for good: it then works no more. False when the co-op has no such code on. */
export async function disableJoinCode(db: Db, input: { organisationId: number; code: string; by: number | null; now?: Date }): Promise<boolean> {
  const code = normalizeJoinCode(input.code);
  if (!code) return false;
  return db.transaction(async (tx) => {
    const off = (
      await tx
        .update(joinCodes)
        .set({ disabledAt: input.now ?? new Date() })
        .where(and(eq(joinCodes.organisationId, input.organisationId), eq(joinCodes.code, code), sql`${joinCodes.disabledAt} is null`))
        .returning({ id: joinCodes.id })
    ).length;
    if (off) await audit(tx, { by: input.by, action: "join-code-disable", organisationId: input.organisationId, detail: code });
    return off > 0;
  });
}

export async function joinCodesOf(db: Db, organisationId: number) {
  return await db.select().from(joinCodes).where(eq(joinCodes.organisationId, organisationId));
}

/** Why a join code cannot be used; pages say it in the person's language (messages.joinErrors). */
export type JoinCodeProblem = "notACode" | "unknown" | "expired" | "usedUp" | "disabled";
const JOIN_PROBLEM_TEXT: Record<JoinCodeProblem, string> = messages.en.joinErrors;

/** Checks a join code without using it (sign-up checks it before creating the account). */
export async function checkJoinCode(db: Db, input: string, now = new Date()): Promise<JoinCodeProblem | null> {
  const code = normalizeJoinCode(input);
  if (!code) return "notACode";
  const [row] = await db.select().from(joinCodes).where(eq(joinCodes.code, code));
  if (!row) return "unknown";
  if (row.disabledAt) return "disabled";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  if (row.maxUses !== null && row.uses >= row.maxUses) return "usedUp";
  return null;
}

/**
 * A join code that cannot be used, with the reason as a key. Pages answer an unknown, an expired and a used-up
 * code alike (`joinAnswer`), with one status: a guesser learns nothing about which codes exist.
 */
export class JoinCodeError extends OrgError {
  constructor(readonly problem: JoinCodeProblem) {
    super(JOIN_PROBLEM_TEXT[problem], problem === "notACode" ? 400 : problem === "unknown" ? 404 : 410);
  }
}

/** What a person is told about a code that cannot be used: its form if it is not a code, else one answer for all. */
export const joinAnswer = (problem: JoinCodeProblem) => (problem === "notACode" ? "notACode" : "unusable") satisfies keyof Messages["joinErrors"];

/**
 * Guesses at join codes, per person (or address, before sign-up) and per address, counted before the code is
 * looked up: 10 wrong ones lock the person for 15 minutes, and slow the address down more and more.
 */
export function joinCodeAttempts(db: Db, who: { userId?: number; address?: string }) {
  const keys: ThrottleKey[] = [{ key: `join:${who.userId ?? who.address ?? "unknown"}`, limit: 10 }];
  if (who.address) keys.push({ key: `join-address:${who.address}`, limit: 10, growing: true });
  return { begin: () => beginAttempt(db, keys), right: () => forgive(db, keys) };
}

/**
 * A person enters a join code: they join its co-op as a learner and are
 * enrolled in the courses it names. Expired and used-up codes are refused
 * with a clear message; the count of uses cannot overshoot under races.
 */
export async function redeemJoinCode(db: Db, input: { code: string; user: Pick<User, "id">; courses: ReadonlyMap<string, CatalogCourse>; now?: Date }) {
  const now = input.now ?? new Date();
  const code = normalizeJoinCode(input.code);
  if (!code) throw new JoinCodeError("notACode");
  return db.transaction(async (tx) => {
    // A person sending the code twice at once joins (and counts as a use) once.
    await lockFor(tx, `join-code-user:${input.user.id}`);
    const [row] = await tx.select().from(joinCodes).where(eq(joinCodes.code, code));
    if (!row) throw new JoinCodeError("unknown");
    if (row.disabledAt) throw new JoinCodeError("disabled");
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) throw new JoinCodeError("expired");
    const [already] = await tx
      .select({ u: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, input.user.id), eq(memberships.organisationId, row.organisationId), eq(memberships.role, "learner")));
    if (!already) {
      const used = await tx
        .update(joinCodes)
        .set({ uses: sql`${joinCodes.uses} + 1` })
        .where(and(eq(joinCodes.id, row.id), sql`(${joinCodes.maxUses} is null or ${joinCodes.uses} < ${joinCodes.maxUses})`))
        .returning({ id: joinCodes.id });
      if (used.length === 0) throw new JoinCodeError("usedUp");
      await tx.insert(memberships).values({ userId: input.user.id, organisationId: row.organisationId, role: "learner" }).onConflictDoNothing();
    }
    const enrolled: string[] = [];
    for (const slug of row.courseSlugs) {
      const course = input.courses.get(slug);
      if (course && !course.meta.draft) {
        await enrol(tx, input.user.id, course, now);
        enrolled.push(course.meta.title);
      }
    }
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, row.organisationId));
    return { organisation: org!, enrolled };
  });
}

export type JoinOutcome =
  | { ok: true; organisation: string; enrolled: string[] }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "code"; problem: ReturnType<typeof joinAnswer> };

/** /join: a signed-in person uses a join code; guesses are limited per person and address. */
export async function joinWithCode(
  db: Db,
  input: { code: string; user: Pick<User, "id">; address?: string; courses: ReadonlyMap<string, CatalogCourse> },
): Promise<JoinOutcome> {
  const guesses = joinCodeAttempts(db, { userId: input.user.id, address: input.address });
  const guess = await guesses.begin();
  if (!guess.ok) return { ok: false, reason: "throttled", retryAfterSeconds: guess.retryAfterSeconds };
  try {
    const joined = await redeemJoinCode(db, { code: input.code, user: input.user, courses: input.courses });
    await guesses.right();
    return { ok: true, organisation: joined.organisation.name, enrolled: joined.enrolled };
  } catch (error) {
    if (error instanceof JoinCodeError) return { ok: false, reason: "code", problem: joinAnswer(error.problem) };
    throw error;
  }
}

/**
 * The public map of co-operatives: how many there are per country and kind (support bodies and federations left
 * out), for anyone; their names only within a coordinator's scope (all of them for an admin, none without a scope).
 */
export async function coopMap(db: Db, scope: Scope | null) {
  const counts = await rawAll<{ country: string; kind: string; n: number }>(db, {
    text: "select country, kind, count(*) n from organisations where kind not in ('support', 'federation') group by country, kind order by country, kind",
    params: [],
  });
  if (!scope) return { counts, names: [] };
  const ids = scope.all ? null : new Set(await orgIdsInScope(db, scope));
  const names = (
    await db
      .select({ id: organisations.id, name: organisations.name, country: organisations.country, kind: organisations.kind })
      .from(organisations)
      .orderBy(asc(organisations.country), asc(organisations.name))
  ).filter((o) => !ids || ids.has(o.id));
  return { counts, names };
}
