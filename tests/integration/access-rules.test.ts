/**
 * One membership rule for every question a coordinator asks (app/access): a
 * person is in a coordinator's scope when they are a *learner* of an
 * organisation the coordinator covers. Before, the learner page and one-time
 * codes counted any membership while certificate revocation counted learner
 * memberships only: a trainer or coordinator of a co-op was in scope for one
 * and not the other. Each rule is asked here for the cases where they
 * disagreed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { memberships } from "~/db/schema";
import { learnerInScope, scopeOf } from "~/access/scope.server";
import { mayCloseAccount, mayIssueCode, mayRevoke } from "~/access/rules.server";
import * as learnerRoute from "~/routes/dashboard.learners.$id";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { coop, coordinator, learner, type Person } from "../support/factories";

let federation = 0;
let kenyan = 0;
let coord: Person;
let admin: Person;
beforeAll(async () => {
  federation = await coop("Rules Federation", { kind: "federation" });
  kenyan = await coop("Rules SACCO", { parentId: federation });
  coord = await coordinator(federation);
  admin = await signedIn({ admin: true });
});

/** A person with the given role in the Kenyan co-op. */
async function member(role: "learner" | "trainer" | "coordinator") {
  if (role === "learner") return (await learner(kenyan)).user;
  const person = await signedIn();
  await getDb().insert(memberships).values({ userId: person.user.id, organisationId: kenyan, role });
  return person.user;
}

describe("the one membership rule", () => {
  for (const role of ["trainer", "coordinator"] as const) {
    it(`a ${role} of a covered co-op is not in its coordinator's scope: no learner page, no code, no revocation`, async () => {
      const colleague = await member(role);
      const scope = (await scopeOf(getDb(), coord.user))!;
      expect(await learnerInScope(getDb(), scope, colleague.id)).toBe(false);
      expect(await mayIssueCode(getDb(), scope, colleague.id)).toBe("notInScope");
      expect(await mayRevoke(getDb(), coord.user, { userId: colleague.id })).toBe(false);
      const page = await statusOf(() => learnerRoute.loader(routeArgs(coord.request(`/dashboard/learners/${colleague.id}`), { id: String(colleague.id) })));
      expect(page.status).toBe(404);
    });
  }

  it("a learner of a covered co-op is in scope for every rule; an admin covers everyone", async () => {
    const person = await member("learner");
    const scope = (await scopeOf(getDb(), coord.user))!;
    expect(await learnerInScope(getDb(), scope, person.id)).toBe(true);
    expect(await mayIssueCode(getDb(), scope, person.id)).toBeNull();
    expect(await mayRevoke(getDb(), coord.user, { userId: person.id })).toBe(true);
    const page = await statusOf(() => learnerRoute.loader(routeArgs(coord.request(`/dashboard/learners/${person.id}`), { id: String(person.id) })));
    expect(page.status).toBe(200);
    const colleague = await member("trainer");
    expect(await learnerInScope(getDb(), { all: true }, colleague.id)).toBe(true);
    expect(await mayRevoke(getDb(), admin.user, { userId: colleague.id })).toBe(true);
  });
});

describe("closing an account", () => {
  it("is an admin's, for an account that is neither an admin's nor their own", async () => {
    const person = await member("learner");
    expect(await mayCloseAccount(getDb(), coord.user, person.id)).toBe("adminsOnly");
    expect(await mayCloseAccount(getDb(), admin.user, person.id)).toBeNull();
    expect(await mayCloseAccount(getDb(), admin.user, admin.user.id)).toBe("notHere");
    const otherAdmin = await signedIn({ admin: true });
    expect(await mayCloseAccount(getDb(), admin.user, otherAdmin.user.id)).toBe("notHere");
    expect(await mayCloseAccount(getDb(), admin.user, 999_999)).toBe("notHere");
  });
});
