import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { count } from "drizzle-orm";
import { createUser } from "~/auth/users.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Db } from "~/db/client.server";
import { seedDemoCohort, type CohortCoop } from "./demo-cohort.server";
import { courseTrainers, memberships, organisations, users } from "~/db/schema";

export type DemoAccount = { role: string; email: string; password: string };

/** A random password that is easy to read off a terminal: 4 groups of 4 (80 bits). */
export function generatePassword(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes).match(/.{4}/g)!.join("-").toLowerCase();
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [counted] = await db.select({ n: count() }).from(users);
  return (counted?.n ?? 0) === 0;
}

/**
 * Demo data, only into an empty database: a learner, a trainer, a
 * coordinator and an admin, each with a random password returned once for
 * printing; the Kenya and Cameroon pilots with their co-ops; and, given the
 * catalog, a cohort of made-up co-op staff who have been learning for some
 * weeks (app/demo/demo-cohort.server.ts), so that the dashboard and the quiz
 * statistics have something to show. The trainer trains every course of the
 * catalog; the coordinator coordinates both pilots. Returns null when the
 * database already has people in it.
 */
export async function seedDemo(db: Db, options: { courses?: ReadonlyMap<string, CatalogCourse>; now?: Date } = {}): Promise<DemoAccount[] | null> {
  if (!(await isEmpty(db))) return null;
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
  const coops = await db.transaction(async (tx) => {
    const org = async (name: string, country: "KE" | "CM", kind: string, parentId?: number) =>
      (await tx.insert(organisations).values({ name, country, kind, parentId }).returning({ id: organisations.id }))[0]!.id;
    const kenya = await org("Kenya pilot", "KE", "support");
    const cameroon = await org("Cameroon pilot", "CM", "support");
    const cohort: CohortCoop[] = [
      { organisationId: await org("Mwangaza Savings and Credit Co-operative", "KE", "savings-credit", kenya), country: "KE", learners: 10 },
      { organisationId: await org("Tumaini Savings and Credit Co-operative", "KE", "savings-credit", kenya), country: "KE", learners: 8 },
      { organisationId: await org("Afya Bora Health Co-operative", "KE", "health", kenya), country: "KE", learners: 6 },
      { organisationId: await org("Coopérative agricole des planteurs du Moungo", "CM", "agricultural", cameroon), country: "CM", learners: 10 },
      { organisationId: await org("Mutuelle de santé de Mbanga", "CM", "health", cameroon), country: "CM", learners: 6 },
    ];
    await tx.insert(memberships).values([
      { userId: created.get("learner")!, organisationId: cohort[0]!.organisationId, role: "learner" },
      { userId: created.get("trainer")!, organisationId: kenya, role: "trainer" },
      { userId: created.get("trainer")!, organisationId: cameroon, role: "trainer" },
      { userId: created.get("coordinator")!, organisationId: kenya, role: "coordinator" },
      { userId: created.get("coordinator")!, organisationId: cameroon, role: "coordinator" },
    ]);
    for (const slug of options.courses?.keys() ?? []) await tx.insert(courseTrainers).values({ userId: created.get("trainer")!, courseSlug: slug });
    return cohort;
  });
  if (options.courses) await seedDemoCohort(db, { coops, courses: options.courses, now: options.now });
  return accounts;
}
