/**
 * The tables, as the domain imports them: the dialect's own schema for the database DATABASE_URL names, decided
 * once when this module loads (the schema cannot change under a running process). Both dialects' schemas
 * describe the same tables (tests/unit/schema-dialects.test.ts) and give the same JavaScript values, so the
 * domain is written once, against the SQLite schema's types.
 */
import * as sqlite from "./schema.sqlite";
import * as postgres from "./schema.pg";
import { dialectOf } from "./dialect";

const chosen = (dialectOf(process.env.DATABASE_URL) === "postgres" ? postgres : sqlite) as unknown as typeof sqlite;

export const {
  users,
  sessions,
  loginThrottle,
  organisations,
  memberships,
  courseTrainers,
  enrolments,
  moduleProgress,
  quizAttempts,
  certificates,
  joinCodes,
  invitations,
  issuerKeys,
  passwordCodes,
  reportCourseDays,
  reportOrgCourses,
  reportCountryCourses,
  reportCountryLearners,
  reportLearners,
  auditLog,
} = chosen;
export { AUDIT_ACTIONS } from "./audit-actions";
export type { AuditAction, Certificate, Enrolment, QuizAttempt, User } from "./schema.sqlite";
