import { eq } from "drizzle-orm";
import { isUniqueViolation, rawGet, type Db } from "~/db/client.server";
import { users, type User } from "~/db/schema";

export type { User };
import type { Language } from "~/i18n/language";
import { hashPassword } from "./passwords.server";
import { isTimeZone, zoneOfCountry } from "~/orgs/time-zones";

/** Emails compare case-insensitively and without surrounding spaces. */
export function normalizeEmail(email: string) {
  return email.normalize("NFC").trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return user;
}

/** Usernames, for people without email: lower-case letters, digits, dots, hyphens and underscores. */
export function normalizeUsername(username: string) {
  return username.normalize("NFC").trim().toLowerCase();
}
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** Log in with an email address or, for people who have none, a username. */
export async function findUserByLogin(db: Db, login: string): Promise<User | undefined> {
  if (login.includes("@")) return findUserByEmail(db, login);
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.username, normalizeUsername(login)));
  return user;
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
  if (email && (await findUserByEmail(db, email))) throw new DuplicateEmailError();
  if (username && (await findUserByLogin(db, username))) throw new DuplicateEmailError("username");
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({ email, username, name: input.name.trim(), passwordHash, locale: input.locale ?? "en", isAdmin: input.isAdmin ?? false })
      .returning();
    return user!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateEmailError();
    throw error;
  }
}

export async function setPassword(db: Db, userId: number, password: string) {
  const passwordHash = await hashPassword(password);
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** The time zone a person's dates and times are shown in: their setting, else their organisation's country's, else UTC. */
export async function timeZoneOf(db: Db, user: Pick<User, "id" | "timeZone">): Promise<string> {
  if (user.timeZone && isTimeZone(user.timeZone)) return user.timeZone;
  const row = await rawGet<{ country: string }>(db, {
    text: "select o.country country from memberships m join organisations o on o.id = m.organisation_id where m.user_id = ? order by m.role = 'coordinator' desc, m.created_at limit 1",
    params: [user.id],
  });
  return zoneOfCountry(row?.country);
}

/** The language a person chose (their certificate's PDF is in it); English for an account that is gone. */
export async function localeOf(db: Db, userId: number): Promise<Language> {
  const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return (row?.locale ?? "en") as Language;
}

/** The language a signed-in person switched to, kept as their setting. */
export async function setLocale(db: Db, userId: number, locale: Language) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** A person's own settings, as the settings page saves them (validated there). */
export async function updateSettings(db: Db, userId: number, settings: { name: string; locale: Language; dataSaver: boolean; timeZone: string | null }) {
  await db.update(users).set(settings).where(eq(users.id, userId));
}
