/**
 * One learner's record as their coordinators and admins see it on the
 * learner's page: the account, the courses they are enrolled in, and their
 * latest quiz attempts. Access is the caller's to check first
 * (app/access/guards.server.ts, learnerInScope).
 */
import { desc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { enrolments, quizAttempts, users } from "~/db/schema";

/** The account's name, login and standing; undefined for no such account. */
export async function learnerAccount(db: Db, userId: number) {
  const [account] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      username: users.username,
      isAdmin: users.isAdmin,
      closedAt: users.closedAt,
      locale: users.locale,
      timeZone: users.timeZone,
    })
    .from(users)
    .where(eq(users.id, userId));
  return account;
}

export async function learnerEnrolments(db: Db, userId: number) {
  return await db.select().from(enrolments).where(eq(enrolments.userId, userId));
}

/** The latest attempts first, at most `limit` of them (a page, not an archive: the CSV exports have the rest). */
export async function latestAttempts(db: Db, userId: number, limit = 200) {
  return await db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId)).orderBy(desc(quizAttempts.createdAt)).limit(limit);
}
