import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  // The browser's only dependencies are these. Left to discover them, Vite's scanner follows route files into
  // .server modules, pre-bundles server-only packages for the browser and reloads open pages in the middle of
  // a trainer's work. (@node-rs/argon2 ships native binaries the scanner cannot handle at all.)
  optimizeDeps: {
    noDiscovery: true,
    include: ["react", "react/jsx-runtime", "react/jsx-dev-runtime", "react-dom", "react-dom/client", "react-router", "react-router/dom"],
    exclude: ["@node-rs/argon2"],
  },
  build: { cssCodeSplit: true, assetsInlineLimit: 0 },
  server: { watch: { ignored: ["**/data/**", "**/.cache/**", "**/content/**"] } },
  plugins: [reactRouter()],
});
