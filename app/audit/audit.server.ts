/**
 * The audit log: who changed another person's access, and when (decision
 * 0014). Each entry is written by the domain function that makes the change,
 * in the same transaction where there is one, so a change is never without
 * its entry. Admins read the latest on /admin; people find the entries about
 * them in "Download my data".
 */
import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "~/db/client.server";
import { auditLog, organisations, users, type AuditAction } from "~/db/schema";

export type AuditEntry = { by: number | null; action: AuditAction; subjectId?: number | null; organisationId?: number | null; detail?: string | null; at?: Date };

export function audit(db: Db, entry: AuditEntry) {
  db.insert(auditLog)
    .values({ actorId: entry.by, action: entry.action, subjectId: entry.subjectId ?? null, organisationId: entry.organisationId ?? null, detail: entry.detail ?? null, at: entry.at ?? new Date() })
    .run();
}

const actor = alias(users, "actor");
const subject = alias(users, "subject");

/** The latest entries, newest first, with the names of the people and organisation involved. */
export function recentAudit(db: Db, limit = 50) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, detail: auditLog.detail, actor: actor.name, subject: subject.name, organisation: organisations.name })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectId))
    .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}

/** What was done to one person's access, oldest first: for their own data export. */
export function auditAbout(db: Db, subjectId: number) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, detail: auditLog.detail, actor: actor.name, organisation: organisations.name })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(organisations, eq(organisations.id, auditLog.organisationId))
    .where(eq(auditLog.subjectId, subjectId))
    .orderBy(auditLog.at, auditLog.id)
    .all();
}
