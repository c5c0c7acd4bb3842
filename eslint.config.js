// @ts-check
/**
 * Lint: TypeScript's recommended rules, React's hook rules, accessibility
 * (jsx-a11y), no import cycles, and the project's layering: routes never
 * import the database layer (they get `context.db` and call a domain function).
 */
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "node_modules/",
      ".react-router/",
      ".cache/",
      "public/",
      "coverage/",
      "test-results/",
      "playwright-report/",
      "screenshots/",
      "data/",
      "drizzle/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver()] },
    plugins: { "react-hooks": reactHooks, "import-x": importX },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
    },
  },
  { files: ["**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  {
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/db/*", "../db/*"],
              allowTypeImports: true,
              message: "Routes reach the database through context.db and a domain function, never app/db.",
            },
            { group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3"], allowTypeImports: true, message: "No SQL in routes: call a domain function." },
          ],
        },
      ],
    },
  },
  {
    // The data layer is asynchronous (issue 29): a database call that is not awaited runs after its caller has
    // answered, outside the transaction it was meant for, and its errors are lost. Type-aware, so that it knows
    // which calls return promises.
    files: ["app/**/*.{ts,tsx}", "tests/**/*.ts", "cli/**/*.ts", "bench/**/*.ts", "server.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    files: ["tests/**", "bench/**", "scripts/**", "cli/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
