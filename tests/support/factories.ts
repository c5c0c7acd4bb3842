/**
 * The people and places most tests need, made the way the app makes them:
 * co-ops (with a parent), learners, coordinators and trainers with a session,
 * enrolments, and the fixture catalog. A test says what it needs in one line
 * instead of repeating the inserts.
 */
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { and, eq } from "drizzle-orm";
import { certificates, courseTrainers, memberships, organisations } from "~/db/schema";
import { enrol, recordModuleComplete } from "~/learning/enrolment.server";
import { signedIn } from "./auth";

export type Person = Awaited<ReturnType<typeof signedIn>>;

let catalog: Promise<Catalog> | undefined;
/** The fixture courses (tests/fixtures/content-good), loaded once per test file. */
export const fixtureCatalog = () => (catalog ??= loadCatalog({ contentDir: "tests/fixtures/content-good" }));
export const sampleCourse = async () => (await fixtureCatalog()).courses.get("sample-course")!;

/** A co-op (or a federation, with kind "federation"), optionally under a parent organisation. */
export function coop(name: string, options: { country?: string; kind?: string; parentId?: number | null } = {}): number {
  return getDb()
    .insert(organisations)
    .values({ name, country: options.country ?? "KE", kind: options.kind ?? "savings-credit", parentId: options.parentId ?? null })
    .returning()
    .get().id;
}

/** A membership row: the user is a learner, coordinator or trainer of the organisation. */
export function member(userId: number, organisationId: number, role: "learner" | "coordinator" | "trainer"): void {
  getDb().insert(memberships).values({ userId, organisationId, role }).run();
}

/** Makes an existing user a trainer of the given courses. */
export function trainerOf(userId: number, ...courseSlugs: string[]): void {
  for (const courseSlug of courseSlugs) getDb().insert(courseTrainers).values({ userId, courseSlug }).run();
}

/** A signed-in learner of a co-op, with the given name. */
export async function learner(organisationId: number, name?: string): Promise<Person> {
  const person = await signedIn();
  if (name) getDb().$client.prepare("update users set name = ? where id = ?").run(name, person.user.id);
  member(person.user.id, organisationId, "learner");
  return { ...person, user: { ...person.user, name: name ?? person.user.name } };
}

/** A signed-in coordinator of an organisation (and so of everything under it). */
export async function coordinator(organisationId: number): Promise<Person> {
  const person = await signedIn();
  member(person.user.id, organisationId, "coordinator");
  return person;
}

/** A signed-in trainer of the given courses. */
export const trainer = (...courseSlugs: string[]) => signedIn({ trainerOf: courseSlugs });

/** Enrolled in the sample course, with its first `modulesDone` modules completed (all of them: a certificate). */
export async function enrolled(userId: number, modulesDone = 0) {
  const course = await sampleCourse();
  enrol(getDb(), userId, course);
  for (const module of course.modules.slice(0, modulesDone)) recordModuleComplete(getDb(), { userId, course, module });
}

/** A person's certificate of a course, as stored. */
export const certificateOf = (userId: number, courseSlug: string) =>
  getDb()
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseSlug, courseSlug)))
    .get();
