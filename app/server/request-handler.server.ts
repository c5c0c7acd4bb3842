/**
 * The glue between express and the framework's request handler: a web
 * Request in, a web Response out. It is the framework adapter's job, written
 * here (about fifty lines) because this server needs three things the stock
 * adapter does not do (decision 0016):
 *
 * - the body handed to the framework is the one already read, within its
 *   limits, before admission control (app/server/bodies.server.ts), so that
 *   a slow client never holds a place that pages need;
 * - every response to a signed-in person (a request with the session cookie,
 *   or a response that sets one) is `Cache-Control: private, no-store`,
 *   whatever the route said, unless the route declared it public (the same
 *   for everyone: course images, the issuer's did.json);
 * - a streamed body (a CSV export) is written no faster than the client
 *   takes it: a full socket is waited for, not buffered in memory.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RouterContextProvider } from "react-router";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { SESSION_COOKIE } from "~/auth/cookies.server";
import { bodyOf, hasBody } from "./bodies.server";

export type HandleRequest = (request: Request, context: RouterContextProvider) => Promise<Response>;

export function createExpressHandler(options: {
  handle: () => Promise<HandleRequest> | HandleRequest;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => RouterContextProvider;
}) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const controller = new AbortController();
      // Loaders and actions are told when the response can no longer be sent (closed before it finished).
      res.once("close", () => !res.writableFinished && controller.abort());
      const request = toWebRequest(req, controller.signal);
      const response = await (await options.handle())(request, options.getLoadContext(req, res));
      if (forSignedIn(req, response) && !/^\s*public\b/i.test(response.headers.get("Cache-Control") ?? "")) {
        response.headers.set("Cache-Control", "private, no-store");
      }
      await send(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function toWebRequest(req: ExpressRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  // The host as the browser named it (the port included); the scheme as express sees it (behind a proxy: its trust setting).
  const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  const init: RequestInit = { method: req.method, headers, signal };
  if (hasBody(req.method)) init.body = new Uint8Array(bodyOf(req as IncomingMessage));
  return new Request(url, init);
}

const hasSessionCookie = (header: string | undefined) => !!header && header.split(";").some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`));

function forSignedIn(req: ExpressRequest, response: Response): boolean {
  if (hasSessionCookie(req.headers.cookie)) return true;
  return response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

async function send(res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") continue;
    res.setHeader(key, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (!response.body) {
    res.end();
    return;
  }
  // compression() buffers: a streamed download (a CSV export) is flushed as it is made; a page or a JSON reply,
  // rendered whole, is compressed in one piece (flushing each of React's chunks would compress them one by one).
  const streamed = !/^(text\/html|application\/json)/i.test(response.headers.get("Content-Type") ?? "");
  const reader = response.body.getReader();
  const waitForDrain = drains(res);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await waitForDrain();
      if (streamed) (res as ServerResponse & { flush?: () => void }).flush?.();
    }
    res.end();
  } catch (error) {
    // Cancelled without a reason: a body read from a file (createReadableStreamFromReadable) destroys its file
    // stream with the reason it is given and stops listening for errors first, so a reason became an 'error'
    // event nobody heard, and a learner whose phone gave up on a course picture stopped the whole server.
    reader.cancel().catch(() => {});
    res.destroy(error as Error);
  }
}

/**
 * Waits for a full response to drain. One listener for the whole response, not one per wait: compression() hands
 * "drain" listeners to its gzip stream, where removing them (as `once` does) never reaches, so a listener per wait
 * piled up on a long export and each drain called all of them.
 */
function drains(res: ServerResponse): () => Promise<void> {
  let waiting: { resolve: () => void; reject: (error: Error) => void } | null = null;
  let closed = false;
  res.on("drain", () => {
    waiting?.resolve();
    waiting = null;
  });
  res.once("close", () => {
    closed = true;
    waiting?.reject(new Error("The response was closed before its body was sent."));
    waiting = null;
  });
  return () =>
    closed
      ? Promise.reject(new Error("The response was closed before its body was sent."))
      : new Promise<void>((resolve, reject) => {
          waiting = { resolve, reject };
        });
}
