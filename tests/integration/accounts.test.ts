import { describe, expect, it } from "vitest";
import { logIn } from "~/auth/auth.server";
import { LIMITS } from "~/auth/throttle.server";
import { createUser, DuplicateEmailError, findUserByEmail } from "~/auth/users.server";
import { getDb } from "~/db/client.server";

describe("accounts", () => {
  it("normalises emails and refuses a second account for the same address", async () => {
    const u = await createUser(getDb(), { email: "  Wanjiru@Example.ORG ", name: " Wanjiru ", password: "password-one" });
    expect(u.email).toBe("wanjiru@example.org");
    expect(u.name).toBe("Wanjiru");
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(createUser(getDb(), { email: "wanjiru@example.org", name: "Other", password: "password-two" })).rejects.toBeInstanceOf(DuplicateEmailError);
    expect((await findUserByEmail(getDb(), "WANJIRU@example.org"))?.id).toBe(u.id);
  });

  it("logs in with the right password only", async () => {
    await createUser(getDb(), { email: "amina@example.org", name: "Amina", password: "correct horse" });
    const req = new Request("http://localhost/login");
    expect((await logIn(req, "Amina@example.org", "correct horse", "10.0.0.1")).ok).toBe(true);
    expect(await logIn(req, "amina@example.org", "wrong", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await logIn(req, "nobody@example.org", "whatever", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after repeated failures, even with the right password, from any address", async () => {
    await createUser(getDb(), { email: "target@example.org", name: "Target", password: "the real one" });
    const req = new Request("http://localhost/login");
    for (let i = 1; i < LIMITS.account; i++) {
      expect((await logIn(req, "target@example.org", `guess ${i}`, `10.1.0.${i}`)).ok).toBe(false);
    }
    const last = await logIn(req, "target@example.org", "last guess", "10.1.0.99");
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    const right = await logIn(req, "target@example.org", "the real one", "10.2.0.1");
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
    if (!right.ok && right.reason === "throttled") expect(right.retryAfterSeconds).toBeGreaterThan(60);
  });

  it("limits one address trying many accounts", async () => {
    const req = new Request("http://localhost/login");
    let outcome;
    for (let i = 0; i < LIMITS.address; i++) outcome = await logIn(req, `spray${i}@example.org`, "x", "10.9.9.9");
    expect(outcome).toMatchObject({ ok: false, reason: "throttled" });
    expect(await logIn(req, "fresh@example.org", "x", "10.9.9.9")).toMatchObject({ reason: "throttled" });
  });
});
