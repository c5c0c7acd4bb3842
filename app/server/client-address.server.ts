/**
 * Who is asking, by network address: the one rule the per-address limits,
 * the log-in throttle and the logs share. A co-op office server often sits
 * behind a reverse proxy on the same machine, so a request that comes from
 * a loopback address may name its client in X-Forwarded-For; anything else
 * is taken at its word (its own socket address), so that no remote client
 * can choose the address it is counted under. This is express's
 * `trust proxy: loopback`, written once for the server and the routes.
 */
import type { IncomingMessage } from "node:http";

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

export function isLoopback(address: string | undefined): boolean {
  return !!address && LOOPBACK.test(address);
}

export function clientAddress(req: Pick<IncomingMessage, "headers" | "socket">): string {
  const socket = req.socket?.remoteAddress ?? "unknown";
  if (!isLoopback(socket)) return normalise(socket);
  const forwarded = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  // From the nearest hop back: the first address that is not our own proxy is the client.
  for (let i = hops.length - 1; i >= 0; i--) if (!isLoopback(hops[i])) return normalise(hops[i]!);
  return normalise(socket);
}

const normalise = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1").slice(0, 64);
