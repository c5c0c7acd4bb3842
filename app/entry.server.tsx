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

/**
 * Pages sent with no client JavaScript at all: in data-saver mode, and routes
 * whose handle says scripts: false (the public certificate page). React's
 * streaming adds inline scripts of its own, so such a page is rendered whole,
 * then every script and module preload is taken out.
 */
function wantsNoScripts(context: EntryContext): boolean {
  const data = context.staticHandlerContext.loaderData as Record<string, { dataSaver?: boolean } | undefined>;
  if (data.root?.dataSaver) return true;
  return context.staticHandlerContext.matches.some(
    (m) => (context.routeModules[m.route.id]?.handle as { scripts?: boolean } | undefined)?.scripts === false,
  );
}

const SCRIPTS = /<script\b[^>]*>[\s\S]*?<\/script>|<link\b[^>]*rel="modulepreload"[^>]*\/?>/gi;

function renderWithoutScripts(request: Request, status: number, headers: Headers, remixContext: EntryContext, nonce: string) {
  return new Promise<Response>((resolve, reject) => {
    const body = new PassThrough();
    const chunks: Buffer[] = [];
    body.on("data", (c: Buffer) => chunks.push(c));
    body.on("end", () => {
      headers.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(Buffer.concat(chunks).toString("utf8").replace(SCRIPTS, ""), { status, headers }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          status = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

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
  if (wantsNoScripts(remixContext)) return renderWithoutScripts(request, responseStatusCode, responseHeaders, remixContext, nonce);
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
