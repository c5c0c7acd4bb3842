/** What server.ts hands every loader and action. */
declare module "react-router" {
  interface AppLoadContext {
    /** Nonce of this response's Content-Security-Policy, for inline scripts Remix writes. */
    cspNonce?: string;
    /** The client's address, as express sees it (behind a proxy: per its trust setting). */
    clientAddress?: string;
    /** Set-Cookie values to add to the response (session renewal). */
    setCookies?: string[];
  }
}
export {};
