/**
 * patches/ (applied by patch-package after every install) changes five
 * framework packages. The behaviour that matters is checked here, so an
 * install that skipped the patches, or an upgrade that dropped them, fails a
 * test (docs/decisions/0008).
 */
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { writeReadableStreamToWritable } from "@remix-run/node";
import { createStaticHandler, matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticRouter } from "react-router-dom/server";
import { describe, expect, it, vi } from "vitest";

describe("@remix-run/node streams a body at the pace of its reader", () => {
  it("waits for a full writable to drain (a CSV export is never held whole in memory)", async () => {
    let peak = 0;
    let sent = 0;
    const writable = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        setTimeout(callback, 1);
      },
    });
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          peak = Math.max(peak, writable.writableLength);
          if (sent++ === 100) controller.close();
          else controller.enqueue(new Uint8Array(8));
        },
      },
      { highWaterMark: 0 },
    );
    await writeReadableStreamToWritable(body, writable);
    // Without waiting for 'drain', all 800 bytes would be waiting in the writable at once.
    expect(peak).toBeLessThanOrEqual(24);
  });

  it("stops reading the body when the response is closed early", async () => {
    let cancelled = false;
    let pulled = 0;
    const writable = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        setTimeout(callback, 5);
      },
    });
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(64));
      },
      cancel() {
        cancelled = true;
      },
    });
    const done = writeReadableStreamToWritable(body, writable).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 20));
    writable.destroy();
    expect(await done).toBeInstanceOf(Error);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});

describe("route matching is worked out once per set of routes, not on every render", () => {
  it("@remix-run/router ranks a routes array's branches once and reuses them", () => {
    const routes: AgnosticRouteObject[] = [{ id: "a", path: "/courses/:course" }];
    expect(matchRoutes(routes, "/courses/x")?.[0]?.route.id).toBe("a");
    // The ranked branches were kept for this array: a change to a route object afterwards is not seen
    // (routes are never changed in place; a new build or HMR update makes new arrays).
    routes[0]!.path = "/elsewhere/:course";
    expect(matchRoutes(routes, "/courses/x")?.[0]?.route.id).toBe("a");
    expect(matchRoutes([...routes], "/courses/x")).toBeNull();
  });

  it("@remix-run/router remembers the matches of a pathname, and each caller gets its own copy", () => {
    const routes: AgnosticRouteObject[] = [{ id: "root", path: "/", children: [{ id: "module", path: "courses/:course/:module" }] }];
    const first = matchRoutes(routes, "/courses/x/y")!;
    (first[1]!.params as Record<string, string>).course = "changed by a caller";
    routes[0]!.children![0]!.path = "elsewhere/:course/:module";
    // Remembered (the change to the route is not seen), and the caller's change to its params did not leak.
    const second = matchRoutes(routes, "/courses/x/y")!;
    expect(second.map((m) => m.route.id)).toEqual(["root", "module"]);
    expect(second[1]!.params).toEqual({ course: "x", module: "y" });
    // As matchRoutes makes them, the matches of one branch share one params object.
    expect(second[0]!.params).toBe(second[1]!.params);
    expect(matchRoutes(routes, "/courses/x/y/z")).toBeNull();
  });

  it("react-router-dom's static router makes data routes once per routes array", async () => {
    const routes = [{ id: "root", path: "/" }];
    const context = await createStaticHandler(routes).query(new Request("http://campus.test/"));
    if (context instanceof Response) throw new Error("unexpected response");
    const first = createStaticRouter(routes, context);
    const second = createStaticRouter(routes, context);
    expect(second.routes).toBe(first.routes);
    expect(createStaticRouter([...routes], context).routes).not.toBe(first.routes);
  });

  it("@remix-run/react's RemixServer makes its routes once per build, and again when a route module changes", async () => {
    // The same CommonJS instances that the server build loads.
    const require = createRequire(import.meta.url);
    const routesModule = require("@remix-run/react/dist/routes.js") as { createServerRoutes: (...args: unknown[]) => unknown };
    const { RemixServer } = require("@remix-run/react/dist/server.js") as { RemixServer: (props: { context: object; url: string }) => JSX.Element };
    const manifest = {
      routes: { root: { id: "root", path: "", hasLoader: false, hasAction: false, hasClientLoader: false, hasClientAction: false, hasErrorBoundary: false, module: "/root.js" } },
      entry: { module: "/entry.client.js", imports: [] },
      url: "/manifest.js",
      version: "1",
    };
    const future = { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true };
    const render = async (rootModule: object) => {
      const context = await createStaticHandler([{ id: "root", path: "/" }]).query(new Request("http://campus.test/"));
      if (context instanceof Response) throw new Error("unexpected response");
      // Remix makes a fresh routeModules object for every request, holding the same modules.
      const entryContext = { manifest, routeModules: { root: rootModule }, staticHandlerContext: context, future, isSpaMode: false, serverHandoffString: "{}", criticalCss: undefined };
      return renderToString(createElement(RemixServer, { context: entryContext, url: "http://campus.test/" }));
    };
    const spy = vi.spyOn(routesModule, "createServerRoutes");
    try {
      const root = { default: () => createElement("p", null, "first") };
      expect(await render(root)).toContain("first");
      expect(await render(root)).toContain("first");
      expect(spy).toHaveBeenCalledTimes(1);
      // A changed module (a rebuild in development) is never served from the old routes.
      expect(await render({ default: () => createElement("p", null, "second") })).toContain("second");
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("@remix-run/server-runtime hands a loader the request itself when there is nothing to strip", () => {
  // The CommonJS instance the server build loads.
  const require = createRequire(import.meta.url);
  const { callRouteLoader, callRouteAction } = require("@remix-run/server-runtime/dist/data.js") as {
    callRouteLoader: (args: object) => Promise<unknown>;
    callRouteAction: (args: object) => Promise<unknown>;
  };
  const seen = async (call: (args: object) => Promise<unknown>, request: Request) => {
    let got: Request | undefined;
    const handler = ({ request }: { request: Request }) => ((got = request), null);
    await call({ loadContext: {}, loader: handler, action: handler, params: {}, request, routeId: "r", singleFetch: true });
    return got!;
  };

  it("passes a page's request through uncopied (two copies a loader before)", async () => {
    const request = new Request("http://campus.test/courses/c/m?preview=key");
    expect(await seen(callRouteLoader, request)).toBe(request);
    const posted = new Request("http://campus.test/courses/c/m", { method: "POST", body: "intent=quiz" });
    const got = await seen(callRouteAction, posted);
    expect(got).toBe(posted);
    expect(await got.text()).toBe("intent=quiz");
  });

  it("still strips Remix's own markers when they are there", async () => {
    const got = await seen(callRouteLoader, new Request("http://campus.test/courses/c?index&_routes=root&page=2"));
    expect(new URL(got.url).search).toBe("?page=2");
    const kept = await seen(callRouteLoader, new Request("http://campus.test/c?index=x"));
    expect(new URL(kept.url).search).toBe("?index=x");
  });
});
