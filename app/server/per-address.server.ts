/**
 * A cap on the requests one network address may have open at once, so that
 * no single client (or script) can hold all of the server's connections and
 * memory. It is generous on purpose: a whole class in a co-op office shares
 * one address behind its router, and 200 of them pressing "Submit" together
 * is the burst the server is built for. Past the cap a newcomer from that
 * address is told to come back (429 with Retry-After); others are unaffected.
 */
import type { ServerResponse } from "node:http";

export function perAddressLimit(max: number) {
  const open = new Map<string, number>();
  return {
    /** True if the request may go on; it is then counted until its response finishes or its connection closes. */
    enter(address: string, res: ServerResponse): boolean {
      if (max <= 0) return true;
      const n = open.get(address) ?? 0;
      if (n >= max) return false;
      open.set(address, n + 1);
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        const now = (open.get(address) ?? 1) - 1;
        if (now <= 0) open.delete(address);
        else open.set(address, now);
      };
      res.once("finish", leave);
      res.once("close", leave);
      return true;
    },
    openFor: (address: string) => open.get(address) ?? 0,
  };
}
