/**
 * The audit log: who changed another person's access, and when (decision
 * 0014). Each entry is written by the domain function that makes the change,
 * in the same transaction where there is one, so a change is never without
 * its entry. Admins read the latest on /admin and all of it, filtered, page
 * by page or as CSV, on /admin/audit; people find the entries about them in
 * "Download my data".
 */
import { and, count, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { openReadOnly } from "~/db/read-only.server";
import { AUDIT_ACTIONS, auditLog, organisations, users, type AuditAction } from "~/db/schema";

/** The kinds of change the log records (its filter offers them). */
export { AUDIT_ACTIONS };
import { day } from "~/reports/filters";

export type AuditEntry = {
  by: number | null;
  action: AuditAction;
  subjectId?: number | null;
  organisationId?: number | null;
  detail?: string | null;
  at?: Date;
};

export async function audit(db: Db, entry: AuditEntry) {
  await db.insert(auditLog).values({
    actorId: entry.by,
    action: entry.action,
    subjectId: entry.subjectId ?? null,
    organisationId: entry.organisationId ?? null,
    detail: entry.detail ?? null,
    at: entry.at ?? new Date(),
  });
}

const actor = alias(users, "actor");
const subject = alias(users, "subject");

/** The latest entries, newest first, with the names of the people and organisation involved. */
export async function recentAudit(db: Db, limit = 50) {
  return await auditQuery(db, {}).limit(limit);
}

/**
 * What an admin may narrow the log to, read from the page's address: one
 * kind of change, a person (by or about them: part of a name, email or
 * username) and days from and to (UTC, both included), and a page of
 * `AUDIT_PAGE_SIZE`.
 */
export const auditFiltersSchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS, { errorMap: () => ({ message: "Unknown kind of change." }) }).optional(),
    person: z.string().trim().max(200, "Search for at most 200 characters of a name or login.").optional(),
    from: day.optional(),
    to: day.optional(),
    page: z.coerce
      .number({ invalid_type_error: "The page is a number." })
      .int("The page is a whole number.")
      .min(1, "Pages start at 1.")
      .max(100_000, "There are not that many pages.")
      .optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date is after the end date.", path: ["from"] });

export type AuditFilters = z.infer<typeof auditFiltersSchema>;
export const AUDIT_PAGE_SIZE = 50;

/** Filters from the address; empty fields mean "any". */
export function parseAuditFilters(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const key of ["action", "person", "from", "to", "page"]) {
    const v = params.get(key);
    if (v?.trim()) raw[key] = v;
  }
  return auditFiltersSchema.safeParse(raw);
}

const DAY_MS = 86_400_000;
/** A LIKE pattern that finds `text` anywhere, its own % and _ taken literally (LIKE ignores case in ASCII letters only). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function auditConditions(f: AuditFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (f.action) conditions.push(eq(auditLog.action, f.action));
  if (f.from) conditions.push(gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) conditions.push(lt(auditLog.at, new Date(Date.parse(`${f.to}T00:00:00Z`) + DAY_MS)));
  if (f.person) {
    const pattern = containing(f.person);
    const matches = (who: typeof actor | typeof subject) =>
      or(
        sql`${who.name} like ${pattern} escape '\\'`,
        sql`coalesce(${who.email}, '') like ${pattern} escape '\\'`,
        sql`coalesce(${who.username}, '') like ${pattern} escape '\\'`,
      );
    conditions.push(or(matches(actor), matches(subject)));
  }
  return and(...conditions);
}

function auditQuery(db: Db, f: AuditFilters) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      detail: auditLog.detail,
      actor: actor.name,
      actorLogin: sql<string | null>`coalesce(${actor.email}, ${actor.username})`,
      subject: subject.name,
      subjectLogin: sql<string | null>`coalesce(${subject.email}, ${subject.username})`,
      organisation: organisations.name,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectId))
    .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
    .where(auditConditions(f))
    .orderBy(desc(auditLog.at), desc(auditLog.id));
}

/** One page of the filtered log, newest first, with how many entries match in all. */
export async function auditPage(db: Db, f: AuditFilters) {
  const page = f.page ?? 1;
  const [counted] = await db
    .select({ n: count() })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectId))
    .where(auditConditions(f));
  const total = counted!.n;
  const entries = await auditQuery(db, f)
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return { entries, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export type AuditRow = {
  id: number;
  at: number;
  action: AuditAction;
  detail: string | null;
  actor: string | null;
  actorLogin: string | null;
  subject: string | null;
  subjectLogin: string | null;
  organisation: string | null;
};

/**
 * Every entry the filters match, newest first, one at a time, read through a
 * read-only connection of its own (as the dashboard's exports are), so a long
 * download never holds the app's connection.
 */
export function* iterateAudit(db: Db, file: string, f: AuditFilters): Generator<AuditRow> {
  const { sql: text, params } = auditQuery(db, f).toSQL();
  const conn = openReadOnly(file);
  try {
    for (const row of conn
      .prepare(text)
      .raw()
      .iterate(...params)) {
      const [id, at, action, detail, actorName, actorLogin, subjectName, subjectLogin, organisation] = row as [
        number,
        number,
        AuditAction,
        string | null,
        string | null,
        string | null,
        string | null,
        string | null,
        string | null,
      ];
      yield { id, at, action, detail, actor: actorName, actorLogin, subject: subjectName, subjectLogin, organisation };
    }
  } finally {
    conn.close();
  }
}

/** What was done to one person's access, oldest first: for their own data export. */
export async function auditAbout(db: Db, subjectId: number) {
  return await db
    .select({ at: auditLog.at, action: auditLog.action, detail: auditLog.detail, actor: actor.name, organisation: organisations.name })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
    .where(eq(auditLog.subjectId, subjectId))
    .orderBy(auditLog.at, auditLog.id);
}
