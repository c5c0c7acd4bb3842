import { and, desc, eq, sql } from "drizzle-orm";
import type { Language } from "~/i18n/language";
import type { CatalogCourse, CatalogModule } from "~/catalog/catalog.server";
import { driverTime, lockFor, preparedOnce, type Db, type Tx } from "~/db/client.server";
import { certificates, enrolments, moduleProgress, quizAttempts, type Enrolment } from "~/db/schema";
import { completableByHand, progressOf, type Progress } from "./rules";
import { issueWithin } from "~/certificates/issue.server";

/** Why a learning action was refused; pages say it in the learner's language (messages.learningErrors). */
export type LearningProblem = "expired" | "enrolToQuiz" | "noAttemptsLeft" | "enrolFirst" | "passQuizFirst";

export class LearningError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    readonly problem?: LearningProblem,
    readonly count?: number,
  ) {
    super(message);
  }
}

/** The lock (lockFor) a learner's quiz attempts and completions of a course take. */
export const learnerCourseKey = (userId: number, courseSlug: string) => `learner-course:${userId}:${courseSlug}`;

/** Enrols a learner; enrolling twice changes nothing. */
export async function enrol(db: Db, userId: number, course: CatalogCourse, now = new Date()): Promise<Enrolment> {
  await db
    .insert(enrolments)
    .values({ userId, courseSlug: course.slug, courseVersion: course.meta.version, enrolledAt: now, lastActivityAt: now })
    .onConflictDoNothing({ target: [enrolments.userId, enrolments.courseSlug] });
  return (await getEnrolment(db, userId, course.slug))!;
}

const enrolmentOf = preparedOnce((db) =>
  db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.userId, sql.placeholder("userId")), eq(enrolments.courseSlug, sql.placeholder("courseSlug"))))
    .prepare(),
);
const modulesDone = preparedOnce((db) =>
  db
    .select({ slug: moduleProgress.moduleSlug })
    .from(moduleProgress)
    .where(eq(moduleProgress.enrolmentId, sql.placeholder("enrolmentId")))
    .prepare(),
);

/** Asked by every course page, and inside the transactions that complete modules and store quiz attempts. */
export function getEnrolment(db: Db, userId: number, courseSlug: string): Promise<Enrolment | undefined> {
  return enrolmentOf(db).get({ userId, courseSlug });
}

export async function completedModules(db: Db, enrolmentId: number): Promise<Set<string>> {
  const rows = await modulesDone(db).all({ enrolmentId });
  return new Set(rows.map((r) => r.slug));
}

/** The modules a course requires for completion: the published ones. */
export function requiredModules(course: CatalogCourse): CatalogModule[] {
  return course.modules.filter((m) => !m.draft);
}

export type CompletionOutcome = { enrolment: Enrolment; courseCompletedNow: boolean };

export type { Tx } from "~/db/client.server";

const recordProgress = preparedOnce((db) =>
  db
    .insert(moduleProgress)
    .values({
      enrolmentId: sql.placeholder("enrolmentId"),
      moduleSlug: sql.placeholder("moduleSlug"),
      contentHash: sql.placeholder("contentHash"),
      completedAt: sql.placeholder("completedAt"),
    })
    .onConflictDoNothing()
    .prepare(),
);
/**
 * An enrolment's quiz score, kept for reports: the average of its best score
 * per quiz, computed from its attempts (`enrolmentId` a placeholder).
 */
export const quizScoreOfEnrolment = sql`(select avg(best) from (select max(${quizAttempts.score}) as best from ${quizAttempts}
  where ${quizAttempts.enrolmentId} = ${sql.placeholder("enrolmentId")} group by ${quizAttempts.quizId}) as bests)`;

// In an update's set, drizzle's types take no placeholder and it sends an SQL placeholder's value as it is:
// times go in as the driver takes them (driverTime: milliseconds on SQLite, a Date on PostgreSQL). A completion time already set is kept.
// The quiz score is refreshed in the same statement, so that a passing attempt which completes its module
// updates the enrolment (and fires the report totals' trigger) once, not twice.
const updateProgress = preparedOnce((db) =>
  db
    .update(enrolments)
    .set({
      lastActivityAt: sql`${sql.placeholder("now")}`,
      modulesDone: sql`${sql.placeholder("modulesDone")}`,
      completedAt: sql`coalesce(${enrolments.completedAt}, ${sql.placeholder("completedAt")})`,
      quizScore: quizScoreOfEnrolment,
    })
    .where(eq(enrolments.id, sql.placeholder("id")))
    .returning()
    .prepare(),
);

/**
 * Within a transaction (`tx`): records that a learner completed a module and
 * completes the course when every required module is done. Completing a
 * module twice keeps the first record. `enrolment` is the row as read in this
 * same transaction (both callers read it there first): whether the course is
 * completed now is decided from it.
 */
export async function completeModuleWithin(
  tx: Tx,
  input: { enrolment: Enrolment; course: CatalogCourse; module: CatalogModule; now: Date },
): Promise<CompletionOutcome> {
  const { enrolment, now } = input;
  await recordProgress(tx).run({ enrolmentId: enrolment.id, moduleSlug: input.module.slug, contentHash: input.module.contentHash, completedAt: now });
  const done = await completedModules(tx, enrolment.id);
  const progress = progressOf(
    requiredModules(input.course).map((m) => m.slug),
    done,
  );
  const courseCompletedNow = progress.complete && !enrolment.completedAt;
  const updated = (await updateProgress(tx).get({
    now: driverTime(tx, now),
    modulesDone: done.size,
    completedAt: courseCompletedNow ? driverTime(tx, now) : null,
    id: enrolment.id,
    enrolmentId: enrolment.id,
  }))!;
  // The certificate comes with the completion, in this same transaction.
  if (courseCompletedNow) await issueWithin(tx, { enrolment, course: input.course, now });
  return { enrolment: updated, courseCompletedNow };
}

/** Records a module as complete, and the course when it is the last one, in one transaction. */
export async function recordModuleComplete(
  db: Db,
  input: { userId: number; course: CatalogCourse; module: CatalogModule; now?: Date },
): Promise<CompletionOutcome> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await lockFor(tx, learnerCourseKey(input.userId, input.course.slug));
    const enrolment = await getEnrolment(tx, input.userId, input.course.slug);
    if (!enrolment) throw new LearningError("Enrol in the course first.", 403, "enrolFirst");
    return completeModuleWithin(tx, { enrolment, course: input.course, module: input.module, now });
  });
}

/** A learner marks a module without a quiz as complete. */
export async function markModuleComplete(db: Db, input: { userId: number; course: CatalogCourse; module: CatalogModule; now?: Date }) {
  if (!completableByHand(input.module)) throw new LearningError("Pass this module's quiz to complete it.", 409, "passQuizFirst");
  return recordModuleComplete(db, input);
}

export type LearnerCourse = {
  slug: string;
  title: string;
  enrolledAt: Date;
  completedAt: Date | null;
  certificateCode: string | null;
  progress: Progress;
  next?: { slug: string; title: string };
};

/** A learner's courses, most recent activity first, with progress against the current catalog. */
/** The person's courses, most recently active first, with titles in `language` where the course is translated. */
export async function learnerCourses(db: Db, userId: number, courses: ReadonlyMap<string, CatalogCourse>, language?: Language): Promise<LearnerCourse[]> {
  const rows = await db
    .select({ enrolment: enrolments, certificateCode: certificates.code })
    .from(enrolments)
    .leftJoin(certificates, eq(certificates.enrolmentId, enrolments.id))
    .where(eq(enrolments.userId, userId))
    .orderBy(desc(enrolments.lastActivityAt));
  const result: LearnerCourse[] = [];
  for (const { enrolment: row, certificateCode } of rows) {
    const course = courses.get(row.courseSlug);
    if (!course) continue;
    const done = await completedModules(db, row.id);
    const required = requiredModules(course);
    const next = required.find((m) => !done.has(m.slug));
    result.push({
      slug: course.slug,
      title: language ? (course.meta.translations[language]?.title ?? course.meta.title) : course.meta.title,
      enrolledAt: row.enrolledAt,
      completedAt: row.completedAt,
      certificateCode,
      progress: progressOf(
        required.map((m) => m.slug),
        done,
      ),
      next: next ? { slug: next.slug, title: (language && next.variants[language]?.frontmatter.title) || next.title } : undefined,
    });
  }
  return result;
}
