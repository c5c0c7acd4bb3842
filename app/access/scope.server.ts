/**
 * Who a coordinator may see and act on: the one place scopes are decided.
 *
 * - An admin's scope is everything.
 * - A coordinator's scope is the organisations they coordinate and all their
 *   descendants (a federation, a programme such as "Kenya pilot"), and the
 *   people who are **learners** there. A trainer or coordinator membership of
 *   a co-op does not put that person in its coordinators' scope: a coordinator
 *   follows and helps learners, and never acts on a colleague's account
 *   (certificates, one-time codes, learner pages alike).
 *
 * Report queries start from `scopeCte`; pages and actions ask the functions
 * below, and the `may…` rules in ./rules.server.ts are built on them.
 */
import { and, eq, sql } from "drizzle-orm";
import { preparedOnce, rawAll, rawGet, type Db, type RawQuery } from "~/db/client.server";
import { memberships, type User } from "~/db/schema";

export type Scope = { all: true } | { all: false; coordinatorId: number };
export type Q = RawQuery;

/** A coordinator's scope, an admin's (everything), or null for everyone else. */
export async function scopeOf(db: Db, user: Pick<User, "id" | "isAdmin">): Promise<Scope | null> {
  if (user.isAdmin) return { all: true };
  const row = await coordinatesSomething(db).get({ userId: user.id });
  return row ? { all: false, coordinatorId: user.id } : null;
}

// Asked by the root's loader on every page a signed-in person opens: prepared once (compiling it each time cost
// about 4% of the server's CPU on the module page bench), and with no LIMIT, since `get` stops at the first row.
const coordinatesSomething = preparedOnce((db) =>
  db
    .select({ one: sql<number>`1` })
    .from(memberships)
    .where(and(eq(memberships.userId, sql.placeholder("userId")), eq(memberships.role, "coordinator")))
    .prepare(),
);

/** `scope(id) as (…)`: the organisations in scope, for a `with recursive` clause. Written here once. */
export function scopeCte(scope: Scope): Q {
  return scope.all
    ? { text: "scope(id) as (select id from organisations)", params: [] }
    : {
        text: `scope(id) as (
          select organisation_id from memberships where user_id = ? and role = 'coordinator'
          union select o.id from organisations o join scope s on o.parent_id = s.id)`,
        params: [scope.coordinatorId],
      };
}

const one = (db: Db, q: Q) => rawGet<Record<string, unknown>>(db, q);

/** Ids of the organisations in scope, descendants included. */
export async function orgIdsInScope(db: Db, scope: Scope): Promise<number[]> {
  const cte = scopeCte(scope);
  return (await rawAll<{ id: number }>(db, { text: `with recursive ${cte.text} select id from scope`, params: cte.params })).map((r) => r.id);
}

export async function orgInScope(db: Db, scope: Scope, orgId: number): Promise<boolean> {
  const cte = scopeCte(scope);
  return !!(await one(db, { text: `with recursive ${cte.text} select 1 ok from scope where id = ?`, params: [...cte.params, orgId] }));
}

/** The rule: an admin covers every account; a coordinator, the learners of organisations in their scope. */
export async function learnerInScope(db: Db, scope: Scope, userId: number): Promise<boolean> {
  if (scope.all) return !!(await one(db, { text: "select 1 ok from users where id = ?", params: [userId] }));
  const cte = scopeCte(scope);
  return !!(await one(db, {
    text: `with recursive ${cte.text} select 1 ok from memberships m where m.user_id = ? and m.role = 'learner' and m.organisation_id in (select id from scope) limit 1`,
    params: [...cte.params, userId],
  }));
}

/** One row when the account (the one parameter) is staff: an admin, a trainer or coordinator of any organisation, or a course's trainer. */
export const PRIVILEGED_SQL = `select 1 ok from users u where u.id = ? and (u.is_admin
  or exists (select 1 from memberships m where m.user_id = u.id and m.role in ('trainer', 'coordinator'))
  or exists (select 1 from course_trainers t where t.user_id = u.id))`;

/** Staff accounts open more than a learner's: coordinators never act on them, imports never change them. */
export async function isPrivileged(db: Db, userId: number): Promise<boolean> {
  return !!(await one(db, { text: PRIVILEGED_SQL, params: [userId] }));
}
