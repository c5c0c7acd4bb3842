/** The admin page's role management: course trainers given and taken away, staff roles listed and removed. */
import { expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { courseTrainers, memberships, organisations } from "~/db/schema";
import * as adminRoute from "~/routes/admin";
import { signedIn, statusOf, routeArgs } from "../support/auth";

const post = (fields: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(fields),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
});

it("an admin makes a person a course's trainer, sees trainers and coordinators listed, and removes each role; nobody else may", async () => {
  const db = getDb();
  const admin = await signedIn({ admin: true });
  const coordinator = await signedIn();
  const person = await signedIn();
  const org = (await db.insert(organisations).values({ name: "Roles Federation", country: "KE", kind: "federation" }).returning())[0]!.id;
  await db.insert(memberships).values({ userId: coordinator.user.id, organisationId: org, role: "coordinator" });
  const act = (who: typeof admin, fields: Record<string, string>) => statusOf(() => adminRoute.action(routeArgs(who.request("/admin", post(fields))) as never));
  const page = async () =>
    (await statusOf(() => adminRoute.loader(routeArgs(admin.request("/admin")) as never))).body as {
      staff: { userId: number; organisationId: number; role: string }[];
      trainers: { userId: number; course: string; title: string }[];
      courses: { slug: string }[];
    };

  expect((await page()).courses.map((c) => c.slug)).toContain("sample-course");
  // Refusals: a person nobody knows, a course that does not exist, and anyone but an admin.
  expect((await act(admin, { intent: "courseTrainer", person: "nobody@example.org", course: "sample-course" })).status).toBe(404);
  expect((await act(admin, { intent: "courseTrainer", person: person.user.email!, course: "no-such-course" })).status).toBe(404);
  expect((await act(admin, { intent: "courseTrainer", person: person.user.email!, course: "../etc" })).status).toBe(400);
  expect((await act(coordinator, { intent: "courseTrainer", person: person.user.email!, course: "sample-course" })).status).toBe(403);
  expect(await db.select().from(courseTrainers)).toEqual([]);

  const given = await act(admin, { intent: "courseTrainer", person: person.user.email!, course: "sample-course" });
  expect(given.status).toBe(200);
  expect((given.body as { message: string }).message).toMatch(/now trains Sample course/i);
  expect((await page()).trainers).toEqual([expect.objectContaining({ userId: person.user.id, course: "sample-course", title: expect.any(String) })]);
  expect((await page()).staff).toContainEqual(expect.objectContaining({ userId: coordinator.user.id, organisationId: org, role: "coordinator" }));

  // Taking roles away: only an admin; a second removal (a stale button) finds nothing and says so.
  expect((await act(coordinator, { intent: "removeCourseTrainer", userId: String(person.user.id), course: "sample-course" })).status).toBe(403);
  expect((await act(admin, { intent: "removeCourseTrainer", userId: String(person.user.id), course: "sample-course" })).status).toBe(200);
  expect((await act(admin, { intent: "removeCourseTrainer", userId: String(person.user.id), course: "sample-course" })).status).toBe(404);
  expect((await page()).trainers).toEqual([]);
  expect((await act(admin, { intent: "removeRole", userId: String(coordinator.user.id), organisationId: String(org), role: "learner" })).status).toBe(400);
  expect((await act(admin, { intent: "removeRole", userId: "x", organisationId: String(org), role: "coordinator" })).status).toBe(400);
  expect((await act(admin, { intent: "removeRole", userId: String(coordinator.user.id), organisationId: String(org), role: "coordinator" })).status).toBe(200);
  expect((await page()).staff.filter((r) => r.userId === coordinator.user.id)).toEqual([]);
  expect((await act(admin, { intent: "removeRole", userId: String(coordinator.user.id), organisationId: String(org), role: "coordinator" })).status).toBe(404);
});
