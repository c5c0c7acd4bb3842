/**
 * After logging in, each role lands on its own page unless a page was asked
 * for (issue 26): an admin on /admin, a coordinator on the dashboard, a
 * trainer on their courses, a learner on their learning. A page asked for
 * wins, if it is on this site.
 */
import { beforeAll, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { getDb } from "~/db/client.server";
import * as loginRoute from "~/routes/login";
import { anonymous, statusOf, routeArgs } from "../support/auth";
import { coop, member, trainerOf } from "../support/factories";

const PASSWORD = "landing-password";
const emails = { learner: "", trainer: "", coordinator: "", admin: "" };

beforeAll(async () => {
  const db = getDb();
  const org = await coop("Landing SACCO");
  for (const role of Object.keys(emails) as (keyof typeof emails)[]) {
    emails[role] = `landing-${role}@example.org`;
    const user = await createUser(db, { email: emails[role], name: `Landing ${role}`, password: PASSWORD, isAdmin: role === "admin" });
    if (role === "coordinator") await member(user.id, org, "coordinator");
    if (role === "trainer") await trainerOf(user.id, "sample-course");
    if (role === "learner") await member(user.id, org, "learner");
  }
});

const logIn = (email: string, redirectTo = "") =>
  statusOf(() =>
    loginRoute.action(
      routeArgs(
        anonymous("/login", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email, password: PASSWORD, redirectTo }),
        }),
      ),
    ),
  );

it("lands each role on its own page", async () => {
  expect(await logIn(emails.learner)).toMatchObject({ status: 302, location: "/learn" });
  expect(await logIn(emails.trainer)).toMatchObject({ status: 302, location: "/teach" });
  expect(await logIn(emails.coordinator)).toMatchObject({ status: 302, location: "/dashboard" });
  expect(await logIn(emails.admin)).toMatchObject({ status: 302, location: "/admin" });
});

it("goes where the person was going instead, if it is on this site", async () => {
  expect(await logIn(emails.coordinator, "/courses/sample-course")).toMatchObject({ status: 302, location: "/courses/sample-course" });
  expect(await logIn(emails.admin, "https://evil.example/")).toMatchObject({ status: 302, location: "/admin" });
});
