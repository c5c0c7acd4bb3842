import { describe, expect, it } from "vitest";
import { action as signUp } from "~/routes/signup";
import { action as logIn } from "~/routes/login";
import { anonymous, statusOf, routeArgs } from "../support/auth";

const post = (path: string, fields: Record<string, string>, language?: string) =>
  anonymous(path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(language ? { "Accept-Language": language } : {}) },
  });

describe("form problems are told in the visitor's language", () => {
  it("sign-up: English by default, French and Swahili from the browser's language", async () => {
    const fields = { name: "", email: "not-an-email", password: "short", locale: "fr" };
    const en = await statusOf(() => signUp(routeArgs(post("/signup", fields))));
    expect(en.status).toBe(400);
    expect(en.body).toMatchObject({
      fieldErrors: { name: "Enter your name.", email: "Enter a valid email address, like name@example.org.", password: "Use at least 8 characters." },
    });
    const fr = await statusOf(() => signUp(routeArgs(post("/signup", fields, "fr-CM,fr;q=0.9"))));
    expect(fr.body).toMatchObject({
      fieldErrors: { name: "Indiquez votre nom.", email: "Indiquez une adresse e-mail valide, comme nom@example.org.", password: "8 caractères au moins." },
    });
    const sw = await statusOf(() => signUp(routeArgs(post("/signup", fields, "sw-KE"))));
    expect(sw.body).toMatchObject({ fieldErrors: { name: "Andika jina lako." } });
  });

  it("log-in: a wrong password is refused in French", async () => {
    const r = await statusOf(() =>
      logIn(routeArgs(post("/login", { email: "nobody@example.org", password: "whatever it is" }, "fr"), {}, { clientAddress: "127.0.0.9" })),
    );
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ formError: "Cette adresse (ou ce nom d'utilisateur) et ce mot de passe ne correspondent à aucun compte." });
  });
});
