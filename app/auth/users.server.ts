import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { users, type User } from "~/db/schema";
import type { Language } from "~/catalog/types";
import { hashPassword } from "./passwords.server";

/** Emails compare case-insensitively and without surrounding spaces. */
export function normalizeEmail(email: string) {
  return email.normalize("NFC").trim().toLowerCase();
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

export class DuplicateEmailError extends Error {
  constructor() {
    super("An account with this email already exists.");
  }
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; password: string | null; locale?: Language; isAdmin?: boolean },
): Promise<User> {
  const email = normalizeEmail(input.email);
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  if (findUserByEmail(db, email)) throw new DuplicateEmailError();
  try {
    return db
      .insert(users)
      .values({ email, name: input.name.trim(), passwordHash, locale: input.locale ?? "en", isAdmin: input.isAdmin ?? false })
      .returning()
      .get();
  } catch (error) {
    if (String((error as Error).message).includes("UNIQUE")) throw new DuplicateEmailError();
    throw error;
  }
}

export async function setPassword(db: Db, userId: number, password: string) {
  db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, userId)).run();
}
