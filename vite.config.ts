import { reactRouter } from "@react-router/dev/vite";
import { defineConfig, type Plugin } from "vite";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  // The browser's only dependencies are these. Left to discover them, Vite's scanner follows route files into
  // .server modules, pre-bundles server-only packages for the browser and reloads open pages in the middle of
  // a trainer's work. (@node-rs/argon2 ships native binaries the scanner cannot handle at all.)
  optimizeDeps: {
    noDiscovery: true,
    include: ["react", "react/jsx-runtime", "react/jsx-dev-runtime", "react-dom", "react-dom/client", "react-router", "react-router/dom", "intl-messageformat"],
    exclude: ["@node-rs/argon2"],
  },
  build: { cssCodeSplit: true, assetsInlineLimit: 0 },
  server: { watch: { ignored: ["**/data/**", "**/.cache/**", "**/content/**"] } },
  plugins: [reactRouter(), formatterWithoutParser()],
});

/**
 * Messages reach the browser already parsed (app/i18n/compile.server.ts), so its build of the formatter leaves
 * out the ICU parser: about 7 KB compressed off every first visit (FormatJS documents this alias).
 */
function formatterWithoutParser(): Plugin {
  return {
    name: "campus:icu-formatter-without-parser",
    enforce: "pre",
    applyToEnvironment: (environment) => environment.name === "client",
    async resolveId(id, importer) {
      if (id !== "@formatjs/icu-messageformat-parser" || this.environment.mode !== "build") return null;
      return this.resolve("@formatjs/icu-messageformat-parser/no-parser.js", importer, { skipSelf: true });
    },
  };
}
