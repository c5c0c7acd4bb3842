import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Admission control for a small server. At most `limit` requests are worked
 * on at once; the others wait their turn, first come first served, and once
 * `queue` are already waiting a newcomer is told to come back (503 with
 * Retry-After) instead of piling up in memory.
 *
 * The server's work is CPU-bound (SQLite answers synchronously), so admitting
 * more requests at once does not finish them sooner: it only keeps more
 * half-rendered pages in memory and lets latecomers overtake early arrivals.
 * Under 100 simultaneous connections a limit of 8 lowered the module page's
 * peak memory by 25 to 50 MB, throughput and latency unchanged within the
 * bench's noise (`npm run bench -- module`); and a burst far larger than the
 * server can take no longer grows memory without bound.
 *
 * `exempt` paths skip the line: health checks, and long downloads (a CSV
 * export streams for seconds and would hold a place all that time).
 */
export function admission(options: { limit: number; queue: number; exempt?: (path: string) => boolean }) {
  const { limit, queue, exempt } = options;
  let active = 0;
  const waiting: (() => void)[] = [];
  const admitNext = () => {
    while (active < limit && waiting.length > 0) waiting.shift()!();
  };
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (limit <= 0 || exempt?.(req.url ?? "/")) return next();
    const start = () => {
      // Someone who gave up while waiting takes no place. (Not `req.destroyed`: a request whose body was read whole
      // before it queued, as server.ts does, is finished, not gone; its connection and its response tell.)
      if (res.destroyed || res.writableEnded || req.socket?.destroyed) return;
      active++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        active--;
        admitNext();
      };
      res.once("finish", release);
      res.once("close", release);
      next();
    };
    if (active < limit && waiting.length === 0) return start();
    if (waiting.length >= queue) {
      res.statusCode = 503;
      res.setHeader("Retry-After", "5");
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("The server is busy. Please try again in a few seconds.");
      return;
    }
    waiting.push(start);
  };
  return Object.assign(middleware, { stats: () => ({ active, waiting: waiting.length }) });
}
