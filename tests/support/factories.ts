/**
 * The people and places most tests need, made the way the app makes them:
 * co-ops (with a parent), learners, coordinators and trainers with a session,
 * enrolments, and the fixture catalog. A test says what it needs in one line
 * instead of repeating the inserts.
 */
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { and, eq } from "drizzle-orm";
import { certificates, courseTrainers, memberships, organisations, users } from "~/db/schema";
import { enrol, recordModuleComplete } from "~/learning/enrolment.server";
import { signedIn } from "./auth";

export type Person = Awaited<ReturnType<typeof signedIn>>;

let catalog: Promise<Catalog> | undefined;
/** The fixture courses (tests/fixtures/content-good), loaded once per test file. */
export const fixtureCatalog = () => (catalog ??= loadCatalog({ contentDir: "tests/fixtures/content-good" }));
export const sampleCourse = async () => (await fixtureCatalog()).courses.get("sample-course")!;

/** A co-op (or a federation, with kind "federation"), optionally under a parent organisation. */
export async function coop(name: string, options: { country?: string; kind?: string; parentId?: number | null } = {}): Promise<number> {
  const [row] = await getDb()
    .insert(organisations)
    .values({ name, country: options.country ?? "KE", kind: options.kind ?? "savings-credit", parentId: options.parentId ?? null })
    .returning();
  return row!.id;
}

/** A membership row: the user is a learner, coordinator or trainer of the organisation. */
export async function member(userId: number, organisationId: number, role: "learner" | "coordinator" | "trainer"): Promise<void> {
  await getDb().insert(memberships).values({ userId, organisationId, role });
}

/** Makes an existing user a trainer of the given courses. */
export async function trainerOf(userId: number, ...courseSlugs: string[]): Promise<void> {
  for (const courseSlug of courseSlugs) await getDb().insert(courseTrainers).values({ userId, courseSlug });
}

/** A signed-in learner of a co-op, with the given name. */
export async function learner(organisationId: number, name?: string): Promise<Person> {
  const person = await signedIn();
  if (name) await getDb().update(users).set({ name }).where(eq(users.id, person.user.id));
  await member(person.user.id, organisationId, "learner");
  return { ...person, user: { ...person.user, name: name ?? person.user.name } };
}

/** A signed-in coordinator of an organisation (and so of everything under it). */
export async function coordinator(organisationId: number): Promise<Person> {
  const person = await signedIn();
  await member(person.user.id, organisationId, "coordinator");
  return person;
}

/** A signed-in trainer of the given courses. */
export const trainer = (...courseSlugs: string[]) => signedIn({ trainerOf: courseSlugs });

/** Enrolled in the sample course, with its first `modulesDone` modules completed (all of them: a certificate). */
export async function enrolled(userId: number, modulesDone = 0) {
  const course = await sampleCourse();
  await enrol(getDb(), userId, course);
  for (const module of course.modules.slice(0, modulesDone)) await recordModuleComplete(getDb(), { userId, course, module });
}

/** A person's certificate of a course, as stored. */
export const certificateOf = async (userId: number, courseSlug: string) =>
  (
    await getDb()
      .select()
      .from(certificates)
      .where(and(eq(certificates.userId, userId), eq(certificates.courseSlug, courseSlug)))
  )[0];
