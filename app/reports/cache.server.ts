/**
 * Dashboard figures are read far more often than they change; recomputing
 * them over hundreds of thousands of enrolments on every page view wastes the
 * small server a co-op federation runs on. Results are kept for a short time
 * (REPORT_CACHE_SECONDS, default 30; 0 turns it off) per scope and filters,
 * and the page says how old they are.
 */
const entries = new Map<string, { at: number; value: unknown }>();
const MAX_ENTRIES = 500;

export async function cachedReport<T>(key: string, ttlSeconds: number, compute: () => Promise<T>, now = Date.now()): Promise<{ value: T; at: number }> {
  if (ttlSeconds <= 0) return { value: await compute(), at: now };
  const hit = entries.get(key);
  if (hit && now - hit.at < ttlSeconds * 1000) return { value: hit.value as T, at: hit.at };
  // The figures are computed on the reports' thread: requests that miss together share one computation.
  let running = inFlight.get(key) as Promise<T> | undefined;
  if (!running) {
    running = compute().finally(() => inFlight.delete(key));
    inFlight.set(key, running);
  }
  const value = await running;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { at: now, value });
  return { value, at: now };
}
const inFlight = new Map<string, Promise<unknown>>();

export function clearReportCache() {
  entries.clear();
}
