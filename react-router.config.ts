import type { Config } from "@react-router/dev/config";

/**
 * React Router 7 in framework mode, server-rendered (every page works without client JavaScript). The
 * production server is our own (server.ts), with the framework's request handler inside it.
 */
export default {
  appDirectory: "app",
  buildDirectory: "build",
  ssr: true,
  // Middleware (the root's looks the session up once per request and sets its cookie on the way out); the load
  // context becomes a RouterContextProvider, which app/context.ts extends with what server.ts hands every request.
  future: { v8_middleware: true },
  routeDiscovery: { mode: "initial" },
} satisfies Config;
