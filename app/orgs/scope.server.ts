/**
 * Who coordinates whom. Coordinating an organisation covers all its
 * descendants (a federation, a programme such as "Kenya pilot").
 */
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";

/** Ids of the organisations a person coordinates, their descendants included. */
export function coordinatedOrgIds(db: Db, userId: number): number[] {
  return db
    .all<{ id: number }>(sql`
      with recursive scope(id) as (
        select organisation_id from memberships where user_id = ${userId} and role = 'coordinator'
        union
        select o.id from organisations o join scope s on o.parent_id = s.id
      )
      select id from scope`)
    .map((r) => r.id);
}

/** Whether a coordinator's scope includes any organisation the learner belongs to. */
export function coordinatesLearner(db: Db, coordinatorId: number, learnerId: number): boolean {
  const row = db.get<{ ok: number }>(sql`
    with recursive scope(id) as (
      select organisation_id from memberships where user_id = ${coordinatorId} and role = 'coordinator'
      union
      select o.id from organisations o join scope s on o.parent_id = s.id
    )
    select 1 as ok from memberships m where m.user_id = ${learnerId} and m.organisation_id in (select id from scope) limit 1`);
  return !!row;
}
