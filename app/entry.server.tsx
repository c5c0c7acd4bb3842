import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import "~/context";
import { NonceProvider } from "~/components/nonce";

/** server.ts calls these: migrate, seed the demo and load the catalog before listening; close on SIGTERM. */
export { startup, shutdown, contentChanged } from "~/server/lifecycle.server";

export const streamTimeout = 5_000;

function appendCookies(headers: Headers, context: AppLoadContext) {
  for (const cookie of context.setCookies ?? []) headers.append("Set-Cookie", cookie);
  if (context.setCookies) context.setCookies.length = 0;
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  appendCookies(response.headers, context);
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const bot = isbot(request.headers.get("user-agent") ?? "");
  appendCookies(responseHeaders, loadContext);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
