import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { count } from "drizzle-orm";
import { createUser } from "~/auth/users.server";
import type { Db } from "./client.server";
import { courseTrainers, memberships, organisations, users } from "./schema";

export type DemoAccount = { role: string; email: string; password: string };

/** A random password that is easy to read off a terminal: 4 groups of 4 (80 bits). */
export function generatePassword(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes).match(/.{4}/g)!.join("-").toLowerCase();
}

export function isEmpty(db: Db): boolean {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
}

/**
 * Demo data, only into an empty database: a learner, a trainer, a
 * coordinator and an admin, each with a random password returned once for
 * printing, and the pilot organisations they belong to. Returns null when
 * the database already has people in it.
 */
export async function seedDemo(db: Db, options: { trainerCourses?: string[] } = {}): Promise<DemoAccount[] | null> {
  if (!isEmpty(db)) return null;
  const accounts: DemoAccount[] = [
    { role: "learner", email: "learner@demo.coop-campus.org", password: generatePassword() },
    { role: "trainer", email: "trainer@demo.coop-campus.org", password: generatePassword() },
    { role: "coordinator", email: "coordinator@demo.coop-campus.org", password: generatePassword() },
    { role: "admin", email: "admin@demo.coop-campus.org", password: generatePassword() },
  ];
  const names: Record<string, string> = {
    learner: "Wanjiru Kamau",
    trainer: "Jean-Paul Mbarga",
    coordinator: "Amina Otieno",
    admin: "Campus Admin",
  };
  const created = new Map<string, number>();
  for (const a of accounts) {
    const user = await createUser(db, { email: a.email, name: names[a.role]!, password: a.password, isAdmin: a.role === "admin" });
    created.set(a.role, user.id);
  }
  db.transaction((tx) => {
    const pilot = tx.insert(organisations).values({ name: "Kenya pilot", country: "KE", kind: "support" }).returning().get();
    const sacco = tx
      .insert(organisations)
      .values({ name: "Mwangaza Savings and Credit Co-operative", country: "KE", kind: "savings-credit", parentId: pilot.id })
      .returning()
      .get();
    tx.insert(memberships)
      .values([
        { userId: created.get("learner")!, organisationId: sacco.id, role: "learner" },
        { userId: created.get("trainer")!, organisationId: pilot.id, role: "trainer" },
        { userId: created.get("coordinator")!, organisationId: pilot.id, role: "coordinator" },
      ])
      .run();
    for (const slug of options.trainerCourses ?? []) tx.insert(courseTrainers).values({ userId: created.get("trainer")!, courseSlug: slug }).run();
  });
  return accounts;
}
