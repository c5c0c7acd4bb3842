import { DrizzleQueryError } from "drizzle-orm";

/**
 * drizzle's asynchronous driver wraps an error from SQLite in its own ("Failed query: …"), with SQLite's as its
 * cause; the synchronous one threw SQLite's. This settles as `query` does, but rejects with SQLite's error (a
 * constraint or a trigger's message), so that a test can name it.
 */
export function sqliteError<T>(query: PromiseLike<T>): Promise<T> {
  return Promise.resolve(query).catch((error: unknown) => {
    throw error instanceof DrizzleQueryError && error.cause ? error.cause : error;
  });
}
