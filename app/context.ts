import type { Db } from "~/db/client.server";

/** What server.ts hands every loader and action. */
declare module "react-router" {
  interface AppLoadContext {
    /**
     * The app's database. Routes reach it only through this, handing it to the domain function they call: no
     * route imports app/db (a test and the linter check it).
     */
    db: Db;
    /** Nonce of this response's Content-Security-Policy, for inline scripts Remix writes. */
    cspNonce?: string;
    /** The client's address, as express sees it (behind a proxy: per its trust setting). */
    clientAddress?: string;
    /** Set-Cookie values to add to the response (session renewal). */
    setCookies?: string[];
  }
}
export {};
