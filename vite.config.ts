import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import path from "node:path";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  // @node-rs/argon2 ships native binaries; Vite's dependency scanner cannot handle them.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  build: { cssCodeSplit: true, assetsInlineLimit: 0 },
  server: { watch: { ignored: ["**/data/**", "**/.cache/**", "**/content/**"] } },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/*.css"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
});
