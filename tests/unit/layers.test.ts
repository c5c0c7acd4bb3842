/**
 * The layers keep to their direction: routes parse, ask access and call a
 * domain function, and reach the database only through `context.db`; they
 * never import app/db (types aside) nor write SQL. The database layer imports
 * no domain module.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
/** Every module a file imports for its values (not `import type`), by specifier. */
const valueImports = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/^import\s+(?!type\s)[^;]*?\s+from\s+"([^"]+)"/gm)].map((m) => m[1]!);
/**
 * Every module a file imports or re-exports from, types included, but for `import type { loader }`: a loader's data
 * typed where it is read (the root's, app/root-data.ts) is the framework's way, not a dependency.
 */
const allImports = (file: string) =>
  [...fs.readFileSync(file, "utf8").matchAll(/^(?:import|export)\s(?!type \{ loader \})[^;]*?\s+from\s+"([^"]+)"/gm)].map((m) => m[1]!);

it("no route imports app/db (types included) or drizzle, or prepares SQL", () => {
  const offending = files("app/routes").flatMap((file) => {
    const source = fs.readFileSync(file, "utf8");
    const bad = [
      ...valueImports(file).filter((s) => s === "drizzle-orm" || s === "better-sqlite3"),
      // Not even for a type: a route names what the domain functions it calls give it.
      ...allImports(file).filter((s) => s.startsWith("~/db/")),
    ];
    if (/\.prepare\(|\$client/.test(source)) bad.push("SQL");
    return bad.map((b) => `${file}: ${b}`);
  });
  expect(offending).toEqual([]);
});

it("app/db imports no domain module, not even for a type", () => {
  const domain = /^~\/(auth|learning|quizzes|certificates|orgs|reports|access|audit|catalog|server|offline|routes)\//;
  const offending = files("app/db").flatMap((file) =>
    allImports(file)
      .filter((s) => domain.test(s))
      .map((s) => `${file}: ${s}`),
  );
  expect(offending).toEqual([]);
});

it("no import cycles among the app's modules, types included", () => {
  const all = files("app");
  const resolve = (from: string, spec: string): string | undefined => {
    const base = spec.startsWith("~/") ? path.join("app", spec.slice(2)) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : undefined;
    if (!base) return undefined;
    return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => all.includes(f));
  };
  const graph = new Map(
    all.map((f) => [
      f,
      allImports(f)
        .map((s) => resolve(f, s))
        .filter((x): x is string => !!x),
    ]),
  );
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === "open") cycles.push([...stack.slice(stack.indexOf(g)), g].join(" → "));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of all) if (!state.has(f)) visit(f);
  expect(cycles).toEqual([]);
});
