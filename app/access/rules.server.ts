/**
 * Every "may this person do this to that person?" of the coordinators' and
 * admins' tools, each written once on the scopes of ./scope.server.ts. Pages,
 * actions and domain functions (the bulk import) ask these; nothing else
 * decides.
 */
import type { Db } from "~/db/client.server";
import { eq } from "drizzle-orm";
import { users, type Certificate, type User } from "~/db/schema";
import { isPrivileged, learnerInScope, scopeOf, type Scope } from "./scope.server";

export type CodeRefusal = "notInScope" | "privileged";

/**
 * A new one-time code (a forgotten password): a coordinator only for plain learners in scope, never for an
 * admin, a trainer or a coordinator (whose accounts open more than a learner's); an admin for anyone.
 */
export function mayIssueCode(db: Db, scope: Scope, userId: number): CodeRefusal | null {
  if (!learnerInScope(db, scope, userId)) return "notInScope";
  if (scope.all) return null;
  return isPrivileged(db, userId) ? "privileged" : null;
}

/** Revoking a certificate: an admin, or a coordinator whose scope covers its holder as a learner. */
export function mayRevoke(db: Db, actor: Pick<User, "id" | "isAdmin">, cert: Pick<Certificate, "userId">): boolean {
  const scope = scopeOf(db, actor);
  return !!scope && learnerInScope(db, scope, cert.userId);
}

/**
 * What a bulk import may do with an account that already has the row's email or username: attach it to the
 * co-op when the importer could act on it anyway (a plain learner in their scope); otherwise only invite it,
 * so that the holder decides (an account elsewhere, or a staff account, which an import never changes).
 */
export function importMayAttach(db: Db, scope: Scope, userId: number): boolean {
  return learnerInScope(db, scope, userId) && !isPrivileged(db, userId);
}

export type CloseRefusal = "adminsOnly" | "notHere";

/**
 * Closing an account on its holder's request (app/auth/close-account.server.ts): an admin only, and never an admin's
 * account (the command line does that) nor their own (their settings do).
 */
export function mayCloseAccount(db: Db, actor: Pick<User, "id" | "isAdmin">, userId: number): CloseRefusal | null {
  if (!actor.isAdmin) return "adminsOnly";
  const target = db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId)).get();
  return !target || target.isAdmin || userId === actor.id ? "notHere" : null;
}
