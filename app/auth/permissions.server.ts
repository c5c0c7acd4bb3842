/**
 * Roles and scopes. Every loader and action states its rule with one of these
 * in one line; a refusal is a 403 page for the signed-in, a log-in for others.
 */
import type { AppLoadContext } from "react-router";
import { data } from "react-router";
import { and, eq, sql } from "drizzle-orm";
import { getDb, preparedOnce } from "~/db/client.server";
import { courseTrainers, type User } from "~/db/schema";
import { requireUser } from "./auth.server";
import { httpError } from "~/utils/http-errors";

export function isCourseTrainer(user: User, courseSlug: string): boolean {
  if (user.isAdmin) return true;
  return !!trainerOf(getDb()).get({ userId: user.id, courseSlug });
}

const trainerOf = preparedOnce((db) =>
  db
    .select({ slug: courseTrainers.courseSlug })
    .from(courseTrainers)
    .where(and(eq(courseTrainers.userId, sql.placeholder("userId")), eq(courseTrainers.courseSlug, sql.placeholder("courseSlug"))))
    .prepare(),
);

/** Trains some course, or is an admin: someone the trainers' tools are for (their interface texts travel only to them). */
export function isStaff(user: User): boolean {
  return user.isAdmin || !!trainsAny(getDb()).get({ userId: user.id });
}

// No `.limit(1)`: drizzle binds a limit as a parameter, and SQLite compiles a statement again on every run when a
// bound LIMIT is set (it reads the value while planning): 50 µs a module page instead of 3. `get` reads one row anyway.
const trainsAny = preparedOnce((db) =>
  db.select({ slug: courseTrainers.courseSlug }).from(courseTrainers).where(eq(courseTrainers.userId, sql.placeholder("userId"))).prepare(),
);

/** A trainer attached to this course, or an admin. */
export function requireCourseTrainer(request: Request, context: AppLoadContext, courseSlug: string): User {
  const user = requireUser(request, context);
  if (!isCourseTrainer(user, courseSlug)) {
    throw httpError(403, "trainersOnly");
  }
  return user;
}
