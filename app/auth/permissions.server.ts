/**
 * Roles and scopes. Every loader and action states its rule with one of these
 * in one line; a refusal is a 403 page for the signed-in, a log-in for others.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { courseTrainers, type User } from "~/db/schema";
import { requireUser } from "./auth.server";
import { httpError } from "~/utils/http-errors";

export function isCourseTrainer(user: User, courseSlug: string): boolean {
  if (user.isAdmin) return true;
  return !!getDb()
    .select({ slug: courseTrainers.courseSlug })
    .from(courseTrainers)
    .where(and(eq(courseTrainers.userId, user.id), eq(courseTrainers.courseSlug, courseSlug)))
    .get();
}

/** A trainer attached to this course, or an admin. */
export function requireCourseTrainer(request: Request, context: AppLoadContext, courseSlug: string): User {
  const user = requireUser(request, context);
  if (!isCourseTrainer(user, courseSlug)) {
    throw httpError(403, "trainersOnly");
  }
  return user;
}
