import type { Db } from "~/db/client.server";

/**
 * What server.ts hands every loader, action and middleware, on the request's RouterContextProvider (the
 * framework's migration path from AppLoadContext: plain fields for what the server provides; values that
 * middleware computes use the provider's typed `get`/`set`, e.g. the session in app/auth/auth.server.ts).
 */
declare module "react-router" {
  interface RouterContextProvider {
    /**
     * The app's database. Routes reach it only through this, handing it to the domain function they call: no
     * route imports app/db (a test and the linter check it).
     */
    db: Db;
    /** Nonce of this response's Content-Security-Policy, for inline scripts Remix writes. */
    cspNonce?: string;
    /** The client's address, as express sees it (behind a proxy: per its trust setting). */
    clientAddress?: string;
  }
}
export {};
