/**
 * The guards every loader and action states its rule with, in one line: who
 * is asking, and whether they may. A refusal is a 403 page for the signed-in
 * (404 where even saying "not yours" would tell an outsider something), a
 * log-in for visitors. Scopes are decided in ./scope.server.ts, the "may this
 * person act on that one" rules in ./rules.server.ts: nothing else decides
 * access.
 */
import type { RouterContextProvider } from "react-router";
import { and, eq, sql } from "drizzle-orm";
import { requireUser } from "~/auth/auth.server";
import { getDb, preparedOnce } from "~/db/client.server";
import { courseTrainers, organisations, type User } from "~/db/schema";
import { httpError } from "~/utils/http-errors";
import { orgInScope, scopeOf, type Scope } from "./scope.server";

/** Site administrators only. */
export async function requireAdmin(request: Request, context: Readonly<RouterContextProvider>) {
  const user = await requireUser(request, context);
  if (!user.isAdmin) throw httpError(403, "adminsOnly");
  return user;
}

/** Coordinators (for the organisations they coordinate) and admins (for all). Others get 403; visitors log in. */
export async function requireReporter(request: Request, context: Readonly<RouterContextProvider>) {
  const user = await requireUser(request, context);
  const scope: Scope | null = await scopeOf(getDb(), user);
  if (!scope) throw httpError(403, "dashboardOnly");
  return { user, scope };
}

/**
 * A co-op in the reporter's scope, by the id in the address. Out of scope and unknown look the same (404): a
 * coordinator cannot probe for other co-ops.
 */
export async function requireOrgInScope(request: Request, context: Readonly<RouterContextProvider>, id: string | undefined) {
  const { user, scope } = await requireReporter(request, context);
  const orgId = Number(id);
  if (!Number.isInteger(orgId) || orgId <= 0 || !(await orgInScope(getDb(), scope, orgId))) throw httpError(404, "noCoop");
  const [org] = await getDb().select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw httpError(404, "noCoop");
  return { user, scope, org };
}

export async function isCourseTrainer(user: User, courseSlug: string): Promise<boolean> {
  if (user.isAdmin) return true;
  return !!(await trainerOf(getDb()).get({ userId: user.id, courseSlug }));
}

const trainerOf = preparedOnce((db) =>
  db
    .select({ slug: courseTrainers.courseSlug })
    .from(courseTrainers)
    .where(and(eq(courseTrainers.userId, sql.placeholder("userId")), eq(courseTrainers.courseSlug, sql.placeholder("courseSlug"))))
    .prepare(),
);

/** Trains some course, or is an admin: someone the trainers' tools are for (their interface texts travel only to them). */
export async function isStaff(user: User): Promise<boolean> {
  return user.isAdmin || !!(await trainsAny(getDb()).get({ userId: user.id }));
}

// No `.limit(1)`: drizzle binds a limit as a parameter, and SQLite compiles a statement again on every run when a
// bound LIMIT is set (it reads the value while planning): 50 µs a module page instead of 3. `get` reads one row anyway.
const trainsAny = preparedOnce((db) =>
  db
    .select({ slug: courseTrainers.courseSlug })
    .from(courseTrainers)
    .where(eq(courseTrainers.userId, sql.placeholder("userId")))
    .prepare(),
);

/** A trainer attached to this course, or an admin. */
export async function requireCourseTrainer(request: Request, context: Readonly<RouterContextProvider>, courseSlug: string): Promise<User> {
  const user = await requireUser(request, context);
  if (!(await isCourseTrainer(user, courseSlug))) {
    throw httpError(403, "trainersOnly");
  }
  return user;
}
