import { describe, expect, it } from "vitest";
import { clientMessages, namespacesFor } from "~/i18n/client-messages.server";

describe("interface texts sent with a page", () => {
  it("a module page gets its quiz texts in the reader's language, and nothing the server keeps", () => {
    const t = clientMessages("fr", "/courses/kenya-cameroon-pilots/planning-step-by-step");
    expect(t.quiz?.submit).toBe("Envoyer mes réponses");
    expect(t.layout?.courses).toBe("Cours");
    expect(Object.keys(t)).not.toEqual(expect.arrayContaining(["formErrors"]));
    expect(JSON.stringify(t)).not.toMatch(/Indiquez votre nom|Activité/); // validation and compile-time labels stay on the server
  });

  it("each kind of page gets the texts its components use", () => {
    expect(namespacesFor("/")).toContain("pages");
    expect(namespacesFor("/courses/x")).toEqual(expect.arrayContaining(["pages", "module", "offline"]));
    expect(namespacesFor("/courses/x/glossary")).toContain("pages");
    // Module pages, the ones learners load most, carry only what a module page shows.
    expect(namespacesFor("/courses/x/what-is-a-cooperative")).toEqual(expect.arrayContaining(["module", "quiz", "offline", "layout"]));
    expect(namespacesFor("/courses/x/what-is-a-cooperative")).not.toContain("pages");
    // The trainer bar's texts go to staff only (trainers, admins, or anyone while developing).
    expect(namespacesFor("/courses/x/what-is-a-cooperative")).not.toContain("trainer");
    expect(namespacesFor("/courses/x/what-is-a-cooperative", { staff: () => false })).not.toContain("trainer");
    expect(namespacesFor("/courses/x/what-is-a-cooperative", { staff: () => true })).toContain("trainer");
    // Other pages never ask (the answer costs a database lookup).
    const never = () => {
      throw new Error("asked whether the reader is staff");
    };
    for (const path of ["/", "/courses", "/courses/x", "/courses/x/stats", "/learn", "/dashboard"])
      expect(() => namespacesFor(path, { staff: never })).not.toThrow();
    expect(namespacesFor("/courses/x/stats")).toContain("stats");
    expect(namespacesFor("/certificates/ABCD-EFGH")).toContain("certificate");
    expect(namespacesFor("/signup")).toContain("auth");
    expect(namespacesFor("/settings")).toEqual(expect.arrayContaining(["settings", "auth"]));
    expect(namespacesFor("/join")).toContain("join");
    expect(namespacesFor("/dashboard/coops/3/import")).toEqual(expect.arrayContaining(["dash", "importPage"]));
    expect(namespacesFor("/coops")).toContain("coopsPage");
    expect(namespacesFor("/admin")).toContain("admin");
    expect(namespacesFor("/no/such/page")).toEqual(expect.arrayContaining(["layout", "errors", "serverErrors"]));
  });

  it("pages of one kind in one language share one texts object, made once and never changed", () => {
    const a = clientMessages("sw", "/courses/kenya-cameroon-pilots/planning-step-by-step");
    expect(clientMessages("sw", "/courses/coop-governance-essentials/members-and-democracy")).toBe(a);
    expect(clientMessages("fr", "/courses/kenya-cameroon-pilots/planning-step-by-step")).not.toBe(a);
    expect(clientMessages("sw", "/courses/kenya-cameroon-pilots")).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
