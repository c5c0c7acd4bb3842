import { PassThrough } from "node:stream";
import type { EntryContext, RouterContextProvider } from "react-router";
import { ServerRouter } from "react-router";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import "~/context";
import { NonceProvider } from "~/components/nonce";

/** server.ts calls these: migrate, seed the demo and load the catalog before listening; close on SIGTERM. */
export { startup, shutdown, contentChanged } from "~/server/lifecycle.server";
/** And this for quiz answers sent with JavaScript (its lane in server.ts; decision 0017). */
export { replyToAttempt } from "~/quizzes/attempts-reply.server";
/** And this for every request's load context: the database routes hand to the domain functions they call. */
export { getDb } from "~/db/client.server";

export const streamTimeout = 5_000;

/**
 * Pages sent with no client JavaScript at all: in data-saver mode, and routes
 * whose handle says scripts: false (the public certificate page). React's
 * streaming adds inline scripts of its own, so such a page is rendered whole,
 * then every script and module preload is taken out.
 */
function wantsNoScripts(context: EntryContext): boolean {
  const data = context.staticHandlerContext.loaderData as Record<string, { dataSaver?: boolean } | undefined>;
  if (data.root?.dataSaver) return true;
  return context.staticHandlerContext.matches.some((m) => (context.routeModules[m.route.id]?.handle as { scripts?: boolean } | undefined)?.scripts === false);
}

const SCRIPTS = /<script\b[^>]*>[\s\S]*?<\/script>|<link\b[^>]*rel="modulepreload"[^>]*\/?>/gi;

/**
 * Pages are rendered whole, then sent in one piece. Every loader here answers
 * from SQLite and memory at once (nothing is deferred), so streaming would
 * flush the same bytes a fraction of a millisecond sooner, in dozens of small
 * chunks that each cross the web-stream adapter and the gzip stream on their
 * own: one buffer costs the server about a third less per page.
 */
function renderWhole(request: Request, routerContext: EntryContext, nonce: string, bot: boolean) {
  return new Promise<{ html: Buffer; failed: boolean }>((resolve, reject) => {
    let failed = false;
    const body = new PassThrough();
    const chunks: Buffer[] = [];
    body.on("data", (c: Buffer) => chunks.push(c));
    body.on("end", () => {
      // The guard against a render that never finishes must not outlive the render: its closure holds the whole page.
      clearTimeout(guard);
      resolve({ html: insideBody(Buffer.concat(chunks)), failed });
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(guard);
          reject(error);
        },
        onError(error: unknown) {
          failed = true;
          // Bots and people alike get the whole page; errors after the shell are logged, not thrown.
          if (!bot) console.error(error);
        },
      },
    );
    const guard = setTimeout(abort, streamTimeout + 1000);
  });
}

const END = Buffer.from("</body></html>");

/**
 * React writes the router's data (the scripts that hand the loaders' data to the browser) after the document's
 * own end, once the page around it is done: `</html>` followed by scripts, which HTML does not allow (the W3C
 * checker reports a fatal "stray start tag"). The page is rendered whole, so they are simply moved to the end
 * of the body, where browsers ran them anyway.
 */
export function insideBody(html: Buffer): Buffer {
  const at = html.lastIndexOf(END);
  if (at < 0 || at + END.length === html.length) return html;
  return Buffer.concat([html.subarray(0, at), html.subarray(at + END.length), END]);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  const nonce = loadContext.cspNonce ?? "";
  const bot = isbot(request.headers.get("user-agent") ?? "");
  const { html, failed } = await renderWhole(request, routerContext, nonce, bot);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // Data saver and pages whose handle says scripts: false get no script at all (React adds inline ones of its own).
  // Other pages go out as the bytes React wrote, not decoded to a string and encoded again.
  // (Buffer.concat always makes a Buffer over a plain ArrayBuffer, which is what BodyInit asks for.)
  const body = wantsNoScripts(routerContext) ? html.toString("utf8").replace(SCRIPTS, "") : (html as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: failed ? 500 : responseStatusCode, headers: responseHeaders });
}
