import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** Timestamps are stored as UTC milliseconds since the epoch. */
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: text("locale", { enum: ["en", "fr", "sw"] }).notNull().default("en"),
    dataSaver: integer("data_saver", { mode: "boolean" }).notNull().default(false),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
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
    parentId: integer("parent_id").references((): any => organisations.id),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("organisations_name_unique").on(t.name), index("organisations_parent_idx").on(t.parentId)],
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
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId, t.role] }),
    index("memberships_org_idx").on(t.organisationId, t.role),
  ],
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
  },
  (t) => [
    uniqueIndex("enrolments_user_course_unique").on(t.userId, t.courseSlug),
    index("enrolments_course_idx").on(t.courseSlug, t.completedAt),
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
