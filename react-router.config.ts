import type { Config } from "@react-router/dev/config";

/**
 * React Router 7 in framework mode, server-rendered (every page works without client JavaScript). The
 * production server is our own (server.ts), with the framework's request handler inside it.
 */
export default {
  appDirectory: "app",
  buildDirectory: "build",
  ssr: true,
} satisfies Config;
