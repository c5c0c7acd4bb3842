/**
 * "Download my data": everything Co-op Campus keeps about one person, as
 * JSON they can read and keep (their right of access under Kenya's Data
 * Protection Act 2019 and Cameroon's and the EU's equivalents; Moodle's
 * privacy export does the same).
 *
 * Only this person's own rows. Secrets are described, never given: no
 * password hash, no session ids, no one-time code hashes. Quiz attempts give
 * each question's prompt, the person's own answer (choice labels, not ids)
 * and the credit it earned, which their results page showed them already:
 * never the right answers they did not give.
 */
import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import { quizzesIn, type CatalogCourse } from "~/catalog/catalog.server";
import { courseTextIn } from "~/catalog/views.server";
import { auditAbout } from "~/audit/audit.server";
import type { Language } from "~/i18n/language";
import { namesChoice } from "~/quizzes/definition";
import type { Db } from "~/db/client.server";
import {
  certificates,
  courseTrainers,
  enrolments,
  memberships,
  moduleProgress,
  organisations,
  passwordCodes,
  quizAttempts,
  sessions,
  users,
} from "~/db/schema";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function personalData(db: Db, userId: number, input: { courses: ReadonlyMap<string, CatalogCourse>; origin: string; now?: Date }) {
  const now = input.now ?? new Date();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const lang = user.locale as Language;
  const course = (slug: string) => input.courses.get(slug);
  const moduleOf = (courseSlug: string, moduleSlug: string) => course(courseSlug)?.modules.find((m) => m.slug === moduleSlug);

  const progress = await db
    .select()
    .from(moduleProgress)
    .innerJoin(enrolments, eq(enrolments.id, moduleProgress.enrolmentId))
    .where(eq(enrolments.userId, userId))
    .orderBy(asc(moduleProgress.completedAt));
  const [activeSessions] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)));
  const [unusedCodes] = await db
    .select({ n: count() })
    .from(passwordCodes)
    .where(and(eq(passwordCodes.userId, userId), isNull(passwordCodes.usedAt), gt(passwordCodes.expiresAt, now)));
  const membershipRows = await db
    .select({ organisation: organisations.name, country: organisations.country, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId));
  const trainerRows = await db.select({ course: courseTrainers.courseSlug }).from(courseTrainers).where(eq(courseTrainers.userId, userId));
  const enrolmentRows = await db.select().from(enrolments).where(eq(enrolments.userId, userId));
  const attemptRows = await db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId)).orderBy(asc(quizAttempts.createdAt));
  const auditRows = await auditAbout(db, userId);
  const certificateRows = await db.select().from(certificates).where(eq(certificates.userId, userId));

  return {
    about: "Everything Co-op Campus keeps about you. Passwords and sign-in tokens are kept only as one-way hashes, which are not included.",
    exportedAt: now.toISOString(),
    account: {
      name: user.name,
      email: user.email,
      username: user.username,
      language: user.locale,
      dataSaver: user.dataSaver,
      admin: user.isAdmin,
      createdAt: iso(user.createdAt),
      hasPassword: user.passwordHash !== null,
    },
    signedIn: {
      activeSessions: activeSessions?.n ?? 0,
      unusedOneTimeCodes: unusedCodes?.n ?? 0,
    },
    memberships: membershipRows.map((m) => ({ ...m, since: iso(m.since) })),
    trainerOf: trainerRows.map((t) => t.course),
    enrolments: enrolmentRows.map((e) => {
      const c = course(e.courseSlug);
      return {
        course: e.courseSlug,
        title: c ? courseTextIn(c, lang).title : null,
        version: e.courseVersion,
        enrolledAt: iso(e.enrolledAt),
        lastActivityAt: iso(e.lastActivityAt),
        completedAt: iso(e.completedAt),
        modulesDone: progress
          .filter((p) => p.enrolments.id === e.id)
          .map((p) => ({ module: p.module_progress.moduleSlug, completedAt: iso(p.module_progress.completedAt) })),
        quizScore: e.quizScore,
      };
    }),
    quizAttempts: attemptRows.map((a) => {
      const module = moduleOf(a.courseSlug, a.moduleSlug);
      // The prompt in the person's language; a choice by its label in whichever version of the quiz they answered.
      const versions = module ? [quizzesIn(module, lang), module.quizzes, ...Object.values(module.variants).map((v) => v?.quizzes ?? [])] : [];
      const questions = versions.flatMap((qs) => qs.filter((q) => q.id === a.quizId).flatMap((q) => q.questions));
      const credit = new Map(a.results.map((r) => [r.id, r.credit]));
      return {
        course: a.courseSlug,
        module: a.moduleSlug,
        quiz: a.quizId,
        attempt: a.attemptNumber,
        at: iso(a.createdAt),
        score: a.score,
        passed: a.passed,
        answers: Object.entries(a.answers).map(([id, given]) => {
          const question = questions.find((q) => q.id === id);
          const label = (choice: string) => {
            for (const q of questions) if (q.id === id && q.kind !== "text") for (const c of q.choices) if (namesChoice(c, choice)) return c.label;
            return choice;
          };
          return { question: question?.prompt ?? id, answer: question?.kind === "text" ? given : given.map(label), credit: credit.get(id) ?? null };
        }),
      };
    }),
    // Changes others (or they themselves) made to their access: who gave a one-time code, a role, a revocation.
    changesToYourAccess: auditRows.map((a) => ({
      at: iso(a.at),
      action: a.action,
      by: a.actor ?? "the server's command line",
      organisation: a.organisation,
      detail: a.detail,
    })),
    certificates: certificateRows.map((c) => ({
      code: c.code,
      course: c.courseTitle,
      version: c.courseVersion,
      name: c.learnerName,
      issuedAt: iso(c.issuedAt),
      revokedAt: iso(c.revokedAt),
      verify: `${input.origin}/certificates/${c.code}`,
    })),
  };
}
