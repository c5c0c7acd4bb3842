import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Language } from "~/i18n/language";

/** Timestamps are stored as UTC milliseconds since the epoch. */
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Null for people who have no email: they log in with their username. */
    email: text("email"),
    username: text("username"),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: text("locale").$type<Language>().notNull().default("en"),
    dataSaver: integer("data_saver", { mode: "boolean" }).notNull().default(false),
    /** The IANA time zone dates and times are shown in; null: the zone of their organisation's country (app/orgs/time-zones.ts). */
    timeZone: text("time_zone"),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    createdAt: timestamp("created_at").notNull().default(now),
    /** Set when the account was closed at its holder's request: the row stays, with no name, login or password. */
    closedAt: timestamp("closed_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), uniqueIndex("users_username_unique").on(t.username)],
);

/** Sessions after Lucia's design: the id is the SHA-256 of the token the browser holds. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at").notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed log-in counters, keyed by "account:<email>" or "address:<ip>". */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: timestamp("window_started_at").notNull(),
  lockedUntil: timestamp("locked_until"),
});

export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    country: text("country").notNull(),
    kind: text("kind").notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => organisations.id),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("organisations_name_unique").on(t.name),
    index("organisations_parent_idx").on(t.parentId),
    index("organisations_country_idx").on(t.country, t.kind),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role", { enum: ["learner", "trainer", "coordinator"] }).notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId, t.role] }), index("memberships_org_idx").on(t.organisationId, t.role, t.userId)],
);

/** Trainers are attached to the courses (by slug) whose drafts and statistics they may see. */
export const courseTrainers = sqliteTable(
  "course_trainers",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseSlug] })],
);

export const enrolments = sqliteTable(
  "enrolments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    courseVersion: text("course_version").notNull(),
    enrolledAt: timestamp("enrolled_at").notNull().default(now),
    lastActivityAt: timestamp("last_activity_at").notNull().default(now),
    completedAt: timestamp("completed_at"),
    /** Kept by the completion and quiz transactions, so reports never scan progress or attempts. */
    modulesDone: integer("modules_done").notNull().default(0),
    /** Average of the learner's best score on each quiz attempted in this course, 0–1. */
    quizScore: real("quiz_score"),
  },
  (t) => [
    uniqueIndex("enrolments_user_course_unique").on(t.userId, t.courseSlug),
    index("enrolments_course_idx").on(t.courseSlug, t.completedAt),
    index("enrolments_completed_idx").on(t.completedAt),
    index("enrolments_enrolled_idx").on(t.enrolledAt),
  ],
);

export const moduleProgress = sqliteTable(
  "module_progress",
  {
    enrolmentId: integer("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    moduleSlug: text("module_slug").notNull(),
    /** The content hash of the module the learner completed. */
    contentHash: text("content_hash").notNull(),
    completedAt: timestamp("completed_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.moduleSlug] })],
);

export type User = typeof users.$inferSelect;
export type Enrolment = typeof enrolments.$inferSelect;

/**
 * Every quiz attempt is kept. `answers` holds what the learner chose (choice
 * ids or text); `results` the per-question credit, for statistics. The
 * idempotency key makes a resent form count once.
 */
export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    enrolmentId: integer("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    courseSlug: text("course_slug").notNull(),
    moduleSlug: text("module_slug").notNull(),
    quizId: text("quiz_id").notNull(),
    attemptNumber: integer("attempt_number").notNull(),
    answers: text("answers", { mode: "json" }).notNull().$type<Record<string, string[]>>(),
    results: text("results", { mode: "json" }).notNull().$type<{ id: string; credit: number }[]>(),
    score: real("score").notNull(),
    passed: integer("passed", { mode: "boolean" }).notNull(),
    contentHash: text("content_hash").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("quiz_attempts_key_unique").on(t.userId, t.idempotencyKey),
    uniqueIndex("quiz_attempts_number_unique").on(t.enrolmentId, t.quizId, t.attemptNumber),
    index("quiz_attempts_course_idx").on(t.courseSlug, t.quizId),
  ],
);
export type QuizAttempt = typeof quizAttempts.$inferSelect;

/**
 * A certificate is issued once per enrolment, in the completion's own
 * transaction (the unique enrolment index makes that hold under races). It
 * keeps what it certified as it stood then; the signed credential is added
 * right after, and never changes.
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    enrolmentId: integer("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    learnerName: text("learner_name").notNull(),
    courseSlug: text("course_slug").notNull(),
    courseTitle: text("course_title").notNull(),
    courseVersion: text("course_version").notNull(),
    contentHash: text("content_hash").notNull(),
    /** The learner's email as then, salted and hashed (sha256$…): the credential names no plain email. */
    identityHash: text("identity_hash").notNull(),
    identitySalt: text("identity_salt").notNull(),
    /** OB 3.0 identityType of what was hashed: "emailAddress", or "identifier" for a username. */
    identityType: text("identity_type").notNull().default("emailAddress"),
    issuedAt: timestamp("issued_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    revokedReason: text("revoked_reason"),
    revokedBy: integer("revoked_by").references(() => users.id),
    credential: text("credential", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.code),
    uniqueIndex("certificates_enrolment_unique").on(t.enrolmentId),
    index("certificates_user_idx").on(t.userId),
    index("certificates_course_idx").on(t.courseSlug, t.issuedAt),
  ],
);
export type Certificate = typeof certificates.$inferSelect;

/** Codes a coordinator prints on a poster: people who enter one join the co-op as learners. */
export const joinCodes = sqliteTable(
  "join_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdBy: integer("created_by").references(() => users.id),
    courseSlugs: text("course_slugs", { mode: "json" }).notNull().$type<string[]>(),
    maxUses: integer("max_uses"),
    uses: integer("uses").notNull().default(0),
    expiresAt: timestamp("expires_at"),
    createdAt: timestamp("created_at").notNull().default(now),
    /** Set when a coordinator turned the code off: it then works no more. */
    disabledAt: timestamp("disabled_at"),
  },
  (t) => [uniqueIndex("join_codes_code_unique").on(t.code), index("join_codes_org_idx").on(t.organisationId)],
);

/**
 * An invitation to join a co-op as a learner, for an account a bulk import
 * found by its email or username but may not attach itself (one outside the
 * importer's scope, or a staff account): the holder accepts or declines it
 * on /learn. Answered invitations are deleted; the audit log keeps the answer.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    invitedBy: integer("invited_by").references(() => users.id),
    courseSlugs: text("course_slugs", { mode: "json" }).notNull().$type<string[]>(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("invitations_user_org_unique").on(t.userId, t.organisationId)],
);

/**
 * Every key the issuer has signed credentials with, by its public key: what
 * /.well-known/did.json publishes (a small table, whatever the number of
 * certificates), and the record that credentials were signed at all, which
 * outlives the credentials themselves (closing an account removes them), so
 * that a lost key file is never silently replaced.
 */
export const issuerKeys = sqliteTable("issuer_keys", {
  publicKeyMultibase: text("public_key_multibase").primaryKey(),
  firstUsedAt: timestamp("first_used_at").notNull().default(now),
});

/** One-time codes to set a password (accounts made by a bulk import). Only the hash is kept. */
export const passwordCodes = sqliteTable("password_codes", {
  codeHash: text("code_hash").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at").notNull(),
  usedAt: timestamp("used_at"),
});

/**
 * Report totals. The dashboard's unfiltered views add up these small tables
 * instead of reading every enrolment. They are kept by triggers in the
 * database (drizzle/sqlite/0004_report_totals.sql; on PostgreSQL drizzle/postgres/0001_report_totals.sql), in the same transaction as every
 * change to enrolments, memberships, organisations and certificates, so no
 * code path can forget them. Measures follow the enrolments' columns:
 * not started (no module done), started, completed; the score as a sum and a
 * count, for averages; the latest activity.
 */
const reportMeasures = () => ({
  enrolled: integer("enrolled").notNull().default(0),
  notStarted: integer("not_started").notNull().default(0),
  started: integer("started").notNull().default(0),
  completed: integer("completed").notNull().default(0),
  scoreSum: real("score_sum").notNull().default(0),
  scored: integer("scored").notNull().default(0),
  lastActivity: integer("last_activity"),
});

/** Every enrolment by course and day of enrolment (UTC), with the certificates not revoked. */
export const reportCourseDays = sqliteTable(
  "report_course_days",
  {
    courseSlug: text("course_slug").notNull(),
    day: integer("day").notNull(),
    ...reportMeasures(),
    certificates: integer("certificates").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.courseSlug, t.day] })],
);

/** Enrolments of each co-op's learners by course (a learner of two co-ops counts in both). */
export const reportOrgCourses = sqliteTable(
  "report_org_courses",
  {
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    ...reportMeasures(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.courseSlug] })],
);

/** Enrolments of each country's learners by course (a learner of two co-ops in one country counts once). */
export const reportCountryCourses = sqliteTable(
  "report_country_courses",
  {
    country: text("country").notNull(),
    courseSlug: text("course_slug").notNull(),
    ...reportMeasures(),
  },
  (t) => [primaryKey({ columns: [t.country, t.courseSlug] })],
);

/** Learners of each country: people with a learner's membership in one of its organisations. */
export const reportCountryLearners = sqliteTable("report_country_learners", {
  country: text("country").primaryKey(),
  learners: integer("learners").notNull().default(0),
});

/** Everyone who learns (a learner's membership or an enrolment), in one row. */
export const reportLearners = sqliteTable("report_learners", {
  id: integer("id").primaryKey(),
  learners: integer("learners").notNull().default(0),
});

/**
 * Who changed another person's access, and when: one-time codes given,
 * passwords changed, roles and course trainers given and taken away,
 * certificates revoked, bulk enrolments, organisations added. Admins read it
 * on /admin (decision 0014). The actor is null for the server's command line.
 */
import { AUDIT_ACTIONS } from "./audit-actions";
export { AUDIT_ACTIONS };
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: timestamp("at").notNull().default(now),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    subjectId: integer("subject_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    /** What else identifies the change: a course, a role, a certificate code, a count of rows. */
    detail: text("detail"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_subject_idx").on(t.subjectId)],
);
