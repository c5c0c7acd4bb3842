/**
 * The schema on PostgreSQL: the same tables, columns, keys and indexes as ./schema.ts (SQLite), each column in
 * PostgreSQL's own type for the same meaning: `timestamptz` for SQLite's integer milliseconds, `boolean` for 0/1,
 * `jsonb` for JSON text, `double precision` for `real`, identity columns for autoincrement. The values the app
 * reads and writes are the same JavaScript values on both (Date, boolean, number, objects);
 * tests/integration/schema-dialects.test.ts checks that the two files agree.
 */
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp as pgTimestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { Language } from "~/i18n/language";
import { AUDIT_ACTIONS } from "./audit-actions";

const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, mode: "date" });
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email"),
    username: text("username"),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: text("locale").$type<Language>().notNull().default("en"),
    dataSaver: boolean("data_saver").notNull().default(false),
    timeZone: text("time_zone"),
    isAdmin: boolean("is_admin").notNull().default(false),
    createdAt: timestamp("created_at").notNull().defaultNow(),
    closedAt: timestamp("closed_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), uniqueIndex("users_username_unique").on(t.username)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at").notNull(),
    createdAt: timestamp("created_at").notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: timestamp("window_started_at").notNull(),
  lockedUntil: timestamp("locked_until"),
});

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    name: text("name").notNull(),
    country: text("country").notNull(),
    kind: text("kind").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => organisations.id),
    createdAt: timestamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_name_unique").on(t.name),
    index("organisations_parent_idx").on(t.parentId),
    index("organisations_country_idx").on(t.country, t.kind),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role", { enum: ["learner", "trainer", "coordinator"] }).notNull(),
    createdAt: timestamp("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId, t.role] }), index("memberships_org_idx").on(t.organisationId, t.role, t.userId)],
);

export const courseTrainers = pgTable(
  "course_trainers",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseSlug] })],
);

export const enrolments = pgTable(
  "enrolments",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    courseSlug: text("course_slug").notNull(),
    courseVersion: text("course_version").notNull(),
    enrolledAt: timestamp("enrolled_at").notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at").notNull().defaultNow(),
    completedAt: timestamp("completed_at"),
    modulesDone: integer("modules_done").notNull().default(0),
    quizScore: doublePrecision("quiz_score"),
  },
  (t) => [
    uniqueIndex("enrolments_user_course_unique").on(t.userId, t.courseSlug),
    index("enrolments_course_idx").on(t.courseSlug, t.completedAt),
    index("enrolments_completed_idx").on(t.completedAt),
    index("enrolments_enrolled_idx").on(t.enrolledAt),
  ],
);

export const moduleProgress = pgTable(
  "module_progress",
  {
    enrolmentId: integer("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    moduleSlug: text("module_slug").notNull(),
    contentHash: text("content_hash").notNull(),
    completedAt: timestamp("completed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.moduleSlug] })],
);

export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: id(),
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
    answers: jsonb("answers").notNull().$type<Record<string, string[]>>(),
    results: jsonb("results").notNull().$type<{ id: string; credit: number }[]>(),
    score: doublePrecision("score").notNull(),
    passed: boolean("passed").notNull(),
    contentHash: text("content_hash").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("quiz_attempts_key_unique").on(t.userId, t.idempotencyKey),
    uniqueIndex("quiz_attempts_number_unique").on(t.enrolmentId, t.quizId, t.attemptNumber),
    index("quiz_attempts_course_idx").on(t.courseSlug, t.quizId),
  ],
);

export const certificates = pgTable(
  "certificates",
  {
    id: id(),
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
    identityHash: text("identity_hash").notNull(),
    identitySalt: text("identity_salt").notNull(),
    identityType: text("identity_type").notNull().default("emailAddress"),
    issuedAt: timestamp("issued_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    revokedReason: text("revoked_reason"),
    revokedBy: integer("revoked_by").references(() => users.id),
    credential: jsonb("credential").$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.code),
    uniqueIndex("certificates_enrolment_unique").on(t.enrolmentId),
    index("certificates_user_idx").on(t.userId),
    index("certificates_course_idx").on(t.courseSlug, t.issuedAt),
  ],
);

export const joinCodes = pgTable(
  "join_codes",
  {
    id: id(),
    code: text("code").notNull(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdBy: integer("created_by").references(() => users.id),
    courseSlugs: jsonb("course_slugs").notNull().$type<string[]>(),
    maxUses: integer("max_uses"),
    uses: integer("uses").notNull().default(0),
    expiresAt: timestamp("expires_at"),
    createdAt: timestamp("created_at").notNull().defaultNow(),
    disabledAt: timestamp("disabled_at"),
  },
  (t) => [uniqueIndex("join_codes_code_unique").on(t.code), index("join_codes_org_idx").on(t.organisationId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    invitedBy: integer("invited_by").references(() => users.id),
    courseSlugs: jsonb("course_slugs").notNull().$type<string[]>(),
    createdAt: timestamp("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invitations_user_org_unique").on(t.userId, t.organisationId)],
);

export const issuerKeys = pgTable("issuer_keys", {
  publicKeyMultibase: text("public_key_multibase").primaryKey(),
  firstUsedAt: timestamp("first_used_at").notNull().defaultNow(),
});

export const passwordCodes = pgTable("password_codes", {
  codeHash: text("code_hash").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at").notNull(),
  usedAt: timestamp("used_at"),
});

/** Report totals (see ./schema.ts): the latest activity is kept as UTC milliseconds, as on SQLite. */
const reportMeasures = () => ({
  enrolled: integer("enrolled").notNull().default(0),
  notStarted: integer("not_started").notNull().default(0),
  started: integer("started").notNull().default(0),
  completed: integer("completed").notNull().default(0),
  scoreSum: doublePrecision("score_sum").notNull().default(0),
  scored: integer("scored").notNull().default(0),
  lastActivity: bigint("last_activity", { mode: "number" }),
});

export const reportCourseDays = pgTable(
  "report_course_days",
  {
    courseSlug: text("course_slug").notNull(),
    day: integer("day").notNull(),
    ...reportMeasures(),
    certificates: integer("certificates").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.courseSlug, t.day] })],
);

export const reportOrgCourses = pgTable(
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

export const reportCountryCourses = pgTable(
  "report_country_courses",
  {
    country: text("country").notNull(),
    courseSlug: text("course_slug").notNull(),
    ...reportMeasures(),
  },
  (t) => [primaryKey({ columns: [t.country, t.courseSlug] })],
);

export const reportCountryLearners = pgTable("report_country_learners", {
  country: text("country").primaryKey(),
  learners: integer("learners").notNull().default(0),
});

export const reportLearners = pgTable("report_learners", {
  id: integer("id").primaryKey(),
  learners: integer("learners").notNull().default(0),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    at: timestamp("at").notNull().defaultNow(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    subjectId: integer("subject_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    detail: text("detail"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_subject_idx").on(t.subjectId)],
);
