import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { users, type User } from "~/db/schema";

export type { User };
import type { Language } from "~/i18n/language";
import { hashPassword } from "./passwords.server";
import { isTimeZone, zoneOfCountry } from "~/orgs/time-zones";

/** Emails compare case-insensitively and without surrounding spaces. */
export function normalizeEmail(email: string) {
  return email.normalize("NFC").trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

/** Usernames, for people without email: lower-case letters, digits, dots, hyphens and underscores. */
export function normalizeUsername(username: string) {
  return username.normalize("NFC").trim().toLowerCase();
}
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** Log in with an email address or, for people who have none, a username. */
export function findUserByLogin(db: Db, login: string): User | undefined {
  return login.includes("@")
    ? findUserByEmail(db, login)
    : db
        .select()
        .from(users)
        .where(eq(users.username, normalizeUsername(login)))
        .get();
}

export class DuplicateEmailError extends Error {
  constructor(what = "email") {
    super(`An account with this ${what} already exists.`);
  }
}

export async function createUser(
  db: Db,
  input: { email?: string | null; username?: string | null; name: string; password: string | null; locale?: Language; isAdmin?: boolean },
): Promise<User> {
  const email = input.email ? normalizeEmail(input.email) : null;
  const username = input.username ? normalizeUsername(input.username) : null;
  if (!email && !username) throw new Error("an account needs an email or a username");
  // Duplicates first: a password is hashed (a tenth of a second of a core, on purpose) only for an account that can be made.
  if (email && findUserByEmail(db, email)) throw new DuplicateEmailError();
  if (username && findUserByLogin(db, username)) throw new DuplicateEmailError("username");
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  try {
    return db
      .insert(users)
      .values({ email, username, name: input.name.trim(), passwordHash, locale: input.locale ?? "en", isAdmin: input.isAdmin ?? false })
      .returning()
      .get();
  } catch (error) {
    if (String((error as Error).message).includes("UNIQUE")) throw new DuplicateEmailError();
    throw error;
  }
}

export async function setPassword(db: Db, userId: number, password: string) {
  db.update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId))
    .run();
}

/** The time zone a person's dates and times are shown in: their setting, else their organisation's country's, else UTC. */
export function timeZoneOf(db: Db, user: Pick<User, "id" | "timeZone">): string {
  if (user.timeZone && isTimeZone(user.timeZone)) return user.timeZone;
  const row = db.$client
    .prepare(
      "select o.country country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = ? order by m.role = 'coordinator' desc, m.created_at limit 1",
    )
    .get(user.id) as { country: string } | undefined;
  return zoneOfCountry(row?.country);
}

/** The language a person chose (their certificate's PDF is in it); English for an account that is gone. */
export function localeOf(db: Db, userId: number): Language {
  return (db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get()?.locale ?? "en") as Language;
}

/** The language a signed-in person switched to, kept as their setting. */
export function setLocale(db: Db, userId: number, locale: Language) {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}

/** A person's own settings, as the settings page saves them (validated there). */
export function updateSettings(db: Db, userId: number, settings: { name: string; locale: Language; dataSaver: boolean; timeZone: string | null }) {
  db.update(users).set(settings).where(eq(users.id, userId)).run();
}
