import { argumentsOf, type ArgumentKind, type RawCatalog } from "./compile.server";

/** Every message's key, as `namespace.key`, with its source text. */
export function flatten(catalog: RawCatalog, path = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === "string") out.set(`${path}${key}`, value);
    else for (const [k, v] of flatten(value, `${path}${key}.`)) out.set(k, v);
  }
  return out;
}

const describe = (args: Map<string, ArgumentKind>) =>
  [...args]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, kind]) => (kind === "string" ? name : `${name} (${kind})`))
    .join(", ") || "none";

/**
 * What is wrong with a translation, against the English catalog: a missing key, an extra key, a message that does
 * not parse, or placeholders and tags that differ from the English (a translator may reorder them, not rename them).
 */
export function catalogProblems(english: RawCatalog, translation: RawCatalog, language: string): string[] {
  const en = flatten(english);
  const other = flatten(translation);
  const problems: string[] = [];
  for (const key of en.keys()) if (!other.has(key)) problems.push(`${language}: ${key} is missing`);
  for (const [key, text] of other) {
    if (!en.has(key)) {
      problems.push(`${language}: ${key} is not in the English catalog`);
      continue;
    }
    let theirs: Map<string, ArgumentKind>;
    try {
      theirs = argumentsOf(text);
    } catch (e) {
      problems.push(`${language}: ${key} does not parse: ${(e as Error).message}`);
      continue;
    }
    const ours = argumentsOf(en.get(key)!);
    if (describe(ours) !== describe(theirs)) problems.push(`${language}: ${key} has placeholders ${describe(theirs)}; English has ${describe(ours)}`);
  }
  return problems;
}

const TS_KIND: Record<ArgumentKind, string> = { string: "string", number: "number", date: "Date | number", tag: "Tag" };

/** The TypeScript type of the catalogs, from the English one: a message with placeholders says which (catalog-types.ts). */
export function catalogTypes(english: RawCatalog): string {
  const body = (catalog: RawCatalog, indent: string): string =>
    Object.entries(catalog)
      .map(([key, value]) => {
        const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
        if (typeof value !== "string") return `${indent}${name}: {\n${body(value, indent + "  ")}${indent}};\n`;
        const args = argumentsOf(value);
        if (args.size === 0) return `${indent}${name}: string;\n`;
        const vars = [...args].map(([arg, kind]) => `${arg}: ${TS_KIND[kind]}`).join("; ");
        return `${indent}${name}: Message<{ ${vars} }>;\n`;
      })
      .join("");
  return [
    "// Generated from app/i18n/catalogs/en.json by `npm run i18n`: do not edit (a test fails when it is out of date).",
    'import type { Message, Tag } from "./message";',
    "",
    "export type Messages = {",
    body(english, "  ") + "};",
    "",
  ].join("\n");
}
