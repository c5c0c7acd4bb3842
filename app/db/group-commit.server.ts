/**
 * Group commit: writes that arrive together share one transaction.
 *
 * When a class presses "Submit" at once, the server receives many quiz
 * submissions within a few milliseconds. Committed one by one, each pays for
 * its own BEGIN IMMEDIATE and COMMIT, and each commit writes the same few
 * pages (the attempts table and its indexes, the enrolments, the report
 * totals) to the WAL again: under such a burst about a third of a
 * submission's server time (decision 0012). Here each write is queued, and
 * the queue runs as one immediate transaction, every write in a savepoint of
 * its own.
 *
 * When the queue runs: at the end of the first turn of the event loop that
 * brought no new write, or once it holds MAX_GROUP writes, or MAX_WAIT_MS
 * after its first write, whichever comes first. A lone write waits one more
 * turn (microseconds). Under a burst every turn brings one: node accepts one
 * new connection per turn of its loop (libuv since 1.45), so 200 phones
 * submitting together reach the handler one turn after another, and a queue
 * run at the end of each turn committed them one by one (decision 0012,
 * "Accepting one connection per turn").
 *
 * What each caller sees is what it would see alone:
 * - its promise settles only after the COMMIT that made its write durable,
 *   so nothing is acknowledged that a crash could lose;
 * - a write that throws is rolled back to its savepoint and rejects its own
 *   promise; the others commit;
 * - if the transaction itself fails (BEGIN or COMMIT: the disk, a lock held
 *   elsewhere past the busy timeout), every write of the group is rolled back
 *   and every promise rejects: none is told it counted.
 * Writes run in the order they were queued, each seeing the ones before it,
 * so two sends with the same idempotency key in one group still count once.
 */
import type { Db, Tx } from "./client.server";

type Pending = { work: (tx: Tx) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** At most this many writes share a transaction: a longer queue commits in several. */
export const MAX_GROUP = 100;
/** The longest a write waits for others while every turn of the loop brings more. */
export const MAX_WAIT_MS = 20;

type Queue = { pending: Pending[]; seen: number; since: number };
const queues = new WeakMap<Db, Queue>();
const chains = new WeakMap<Db, Promise<void>>();

/** Runs `work` in a savepoint of the next group transaction on `db`, with that transaction's handle; settles after its commit. */
export function inGroupCommit<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      const opened: Queue = { pending: [], seen: 0, since: performance.now() };
      queues.set(db, (queue = opened));
      setImmediate(() => whenQuiet(db, opened));
    }
    queue.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

/** Runs at the end of each turn of the loop: waits one more turn if this one brought writes, else commits. */
function whenQuiet(db: Db, queue: Queue) {
  const grew = queue.pending.length > queue.seen;
  queue.seen = queue.pending.length;
  if (grew && queue.pending.length < MAX_GROUP && performance.now() - queue.since < MAX_WAIT_MS) {
    setImmediate(() => whenQuiet(db, queue));
    return;
  }
  queues.delete(db);
  // Groups commit one after another, in order: on PostgreSQL two groups running at once on the pool could wait
  // for each other's locks (report totals, learners) and one would be aborted as a deadlock.
  let chain = chains.get(db) ?? Promise.resolve();
  for (let i = 0; i < queue.pending.length; i += MAX_GROUP) {
    const group = queue.pending.slice(i, i + MAX_GROUP);
    chain = chain.then(() => commitGroup(db, group));
  }
  chains.set(db, chain);
}

async function commitGroup(db: Db, group: Pending[]) {
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    await db.transaction(async (tx) => {
      for (const pending of group) {
        try {
          // Nested in the group's transaction, each write is a savepoint.
          outcomes.push({ ok: true, value: await tx.transaction((savepoint) => pending.work(savepoint)) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    for (const pending of group) pending.reject(error);
    return;
  }
  group.forEach((pending, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) pending.resolve(outcome.value);
    else pending.reject(outcome.error);
  });
}
