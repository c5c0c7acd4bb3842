import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { logIn } from "~/auth/auth.server";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { seedDemo } from "~/db/seed.server";

describe("demo data", () => {
  it("creates four accounts with random passwords that work, once, and only into an empty database", async () => {
    const accounts = await seedDemo(getDb(), { trainerCourses: ["sample-course"] });
    expect(accounts?.map((a) => a.role)).toEqual(["learner", "trainer", "coordinator", "admin"]);
    const passwords = accounts!.map((a) => a.password);
    expect(new Set(passwords).size).toBe(4);
    for (const p of passwords) expect(p).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const login = await logIn(new Request("http://localhost/login"), accounts![3]!.email, accounts![3]!.password);
    expect(login.ok && login.user.isAdmin).toBe(true);

    expect(await seedDemo(getDb())).toBeNull();
    expect(getDb().select({ n: count() }).from(users).get()!.n).toBe(4);
  });

  it("never uses a fixed password", async () => {
    const { generatePassword } = await import("~/db/seed.server");
    const many = new Set(Array.from({ length: 50 }, generatePassword));
    expect(many.size).toBe(50);
  });
});
