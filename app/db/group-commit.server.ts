/**
 * Group commit: writes that arrive together share one transaction.
 *
 * When a class presses "Submit" at once, the server receives many quiz
 * submissions within a few milliseconds. Committed one by one, each pays for
 * its own BEGIN IMMEDIATE and COMMIT, and each commit writes the same few
 * pages (the attempts table and its indexes, the enrolments, the report
 * totals) to the WAL again: under such a burst about a third of a
 * submission's server time (decision 0012). Here each write is queued, and
 * the queue is run at the end of the event loop's turn, every write in a
 * savepoint of its own inside one immediate transaction.
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
import type Database from "better-sqlite3";

type Pending = { work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** At most this many writes share a transaction: a longer queue commits in several. */
export const MAX_GROUP = 100;

const queues = new WeakMap<Database.Database, Pending[]>();

/** Runs `work` (synchronous, on `client`'s connection) in the next group transaction; settles after its commit. */
export function inGroupCommit<T>(client: Database.Database, work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(client);
    if (!queue) {
      queues.set(client, (queue = []));
      setImmediate(() => flush(client));
    }
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

function flush(client: Database.Database) {
  const queue = queues.get(client) ?? [];
  queues.delete(client);
  for (let i = 0; i < queue.length; i += MAX_GROUP) commitGroup(client, queue.slice(i, i + MAX_GROUP));
}

function commitGroup(client: Database.Database, group: Pending[]) {
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    // Nested in the group's transaction, better-sqlite3 runs each write as a savepoint.
    const one = client.transaction((work: () => unknown) => work());
    client
      .transaction(() => {
        for (const pending of group) {
          try {
            outcomes.push({ ok: true, value: one(pending.work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })
      .immediate();
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
