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
export async function mayIssueCode(db: Db, scope: Scope, userId: number): Promise<CodeRefusal | null> {
  if (!(await learnerInScope(db, scope, userId))) return "notInScope";
  if (scope.all) return null;
  return (await isPrivileged(db, userId)) ? "privileged" : null;
}

/** Revoking a certificate: an admin, or a coordinator whose scope covers its holder as a learner. */
export async function mayRevoke(db: Db, actor: Pick<User, "id" | "isAdmin">, cert: Pick<Certificate, "userId">): Promise<boolean> {
  const scope = await scopeOf(db, actor);
  return !!scope && (await learnerInScope(db, scope, cert.userId));
}

/**
 * What a bulk import may do with an account that already has the row's email or username: attach it to the
 * co-op when the importer could act on it anyway (a plain learner in their scope); otherwise only invite it,
 * so that the holder decides (an account elsewhere, or a staff account, which an import never changes).
 */
export async function importMayAttach(db: Db, scope: Scope, userId: number): Promise<boolean> {
  return (await learnerInScope(db, scope, userId)) && !(await isPrivileged(db, userId));
}

export type CloseRefusal = "adminsOnly" | "notHere";

/**
 * Closing an account on its holder's request (app/auth/close-account.server.ts): an admin only, and never an admin's
 * account (the command line does that) nor their own (their settings do).
 */
export async function mayCloseAccount(db: Db, actor: Pick<User, "id" | "isAdmin">, userId: number): Promise<CloseRefusal | null> {
  if (!actor.isAdmin) return "adminsOnly";
  const [target] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId));
  return !target || target.isAdmin || userId === actor.id ? "notHere" : null;
}
