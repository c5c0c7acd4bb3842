/**
 * Closing an account at its holder's request (the right to erasure of
 * Kenya's Data Protection Act 2019, s. 40, as of data protection laws
 * generally): what names the person goes, what others' figures need stays
 * without a name (decision 0015).
 *
 * - The person's row stays, so their enrolments, progress and quiz attempts
 *   still count in course figures and quiz statistics, but it holds no name
 *   (it becomes "Closed account #id"), no email, username or password, and
 *   `closedAt` is set: nobody can log in to it again.
 * - Sessions, one-time codes, failed-log-in counters, memberships of co-ops
 *   and trainer roles are deleted (the report totals follow, by their
 *   triggers).
 * - Certificates are revoked ("The holder closed their account."), and their
 *   public page keeps only the course, dates and code: the learner's name,
 *   the hashed email and the signed credential (which carries that hash) are
 *   removed. A verifier holding a copy learns from the status that it was
 *   revoked.
 * - One audit entry says who closed it and how many certificates went; the
 *   entries about the person stay, naming the closed account.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { audit } from "~/audit/audit.server";
import { dialect, driverTime, sqliteConnection, type Db } from "~/db/client.server";
import { certificates, courseTrainers, invitations, memberships, passwordCodes, quizAttempts, sessions, users } from "~/db/schema";
import { verifyOrDummy } from "./passwords.server";
import { clearFailures, ownPasswordAttempts, throttleKeys } from "./throttle.server";

export const CLOSED_CERTIFICATE_REASON = "The holder closed their account.";
/** What a certificate of a closed account shows where the learner's name was. */
export const NO_NAME = "–";

/**
 * Closes the account; false when there is no open account with this id.
 * `by` is who asked: the person themselves, or null for the command line.
 */
export async function closeAccount(db: Db, input: { userId: number; by: number | null; now?: Date }): Promise<boolean> {
  const closed = await closeWithin(db, input);
  // The database overwrites what it deletes (secure_delete, app/db/client.server.ts); the write-ahead log still holds
  // earlier copies of the pages until they are copied back and the log is emptied, so that is done now.
  if (closed) forgetOldPages(db);
  return closed;
}

function forgetOldPages(db: Db) {
  // PostgreSQL does not keep old row versions readable past VACUUM, which runs on its own (autovacuum).
  if (dialect(db) === "postgres") return;
  try {
    sqliteConnection(db).pragma("wal_checkpoint(TRUNCATE)");
  } catch {
    /* not a WAL database (":memory:"), or busy: the next checkpoint does it */
  }
}

async function closeWithin(db: Db, input: { userId: number; by: number | null; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const { userId } = input;
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.closedAt)));
    if (!user) return false;
    const revoked = (
      await tx
        .update(certificates)
        .set({
          revokedAt: sql`coalesce(${certificates.revokedAt}, ${driverTime(tx, now)})`,
          revokedReason: sql`coalesce(${certificates.revokedReason}, ${CLOSED_CERTIFICATE_REASON})`,
          revokedBy: sql`coalesce(${certificates.revokedBy}, ${input.by})`,
          learnerName: NO_NAME,
          identityHash: "",
          identitySalt: "",
          credential: null,
        })
        .where(eq(certificates.userId, userId))
        .returning({ id: certificates.id })
    ).length;
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(passwordCodes).where(eq(passwordCodes.userId, userId));
    // Its failed-password counters, under the keys the throttle itself gives them (log-in by email or username, and settings).
    await ownPasswordAttempts(tx, userId, undefined).right();
    for (const login of [user.email, user.username]) if (login) await clearFailures(tx, throttleKeys(login, undefined)[0]!.key);
    await tx.delete(memberships).where(eq(memberships.userId, userId));
    await tx.delete(invitations).where(eq(invitations.userId, userId));
    // Written answers are the person's own words: blanked, while the choices picked and the scores stay for the figures.
    await blankWrittenAnswers(tx, userId);
    await tx.delete(courseTrainers).where(eq(courseTrainers.userId, userId));
    await tx
      .update(users)
      .set({ name: `Closed account #${userId}`, email: null, username: null, passwordHash: null, isAdmin: false, dataSaver: false, closedAt: now })
      .where(eq(users.id, userId));
    await audit(tx, { by: input.by, action: "account-close", subjectId: userId, detail: `${revoked} certificate(s) revoked`, at: now });
    return true;
  });
}

/** A choice's id (app/catalog/remark-quiz.ts: "c" and ten hex digits): anything else in an answer was written by the person. */
const CHOICE_ID = /^c[0-9a-f]{10}$/;

async function blankWrittenAnswers(db: Db, userId: number) {
  for (const attempt of await db.select({ id: quizAttempts.id, answers: quizAttempts.answers }).from(quizAttempts).where(eq(quizAttempts.userId, userId))) {
    let changed = false;
    const answers: Record<string, string[]> = {};
    for (const [question, given] of Object.entries(attempt.answers)) {
      answers[question] = given.map((a) => (CHOICE_ID.test(a) ? a : ((changed = true), "")));
    }
    if (changed) await db.update(quizAttempts).set({ answers }).where(eq(quizAttempts.id, attempt.id));
  }
}

/** The person's own request, from settings: their current password confirms it (timing-safe either way). */
export async function closeOwnAccount(db: Db, input: { userId: number; password: string; now?: Date }): Promise<"closed" | "wrong-password" | "admin"> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, input.userId), isNull(users.closedAt)));
  if (!(await verifyOrDummy(user?.passwordHash ?? null, input.password)) || !user) return "wrong-password";
  // An admin account closes from the command line (`campus user close`), so the site is never left without one by a click.
  if (user.isAdmin) return "admin";
  return (await closeAccount(db, { userId: user.id, by: user.id, now: input.now })) ? "closed" : "wrong-password";
}
