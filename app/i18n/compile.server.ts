import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import type { Compiled } from "./message";
import { encode } from "./wire";

export type RawCatalog = { [key: string]: string | RawCatalog };
type CompiledCatalog = { [key: string]: Compiled | CompiledCatalog };

/** One message parsed: plain text stays a string (what most messages are); the rest become the formatter's syntax tree, in its wire form. */
export function compileMessage(source: string): Compiled {
  const ast = parse(source);
  if (ast.length === 0) return "";
  if (ast.length === 1 && ast[0]!.type === TYPE.literal) return ast[0]!.value;
  return { icu: JSON.stringify(encode(ast)) };
}

/** A whole catalog parsed once, at start: a message that does not parse stops the server with its key. */
export function compileCatalog(raw: RawCatalog, path = ""): CompiledCatalog {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => {
      if (typeof value !== "string") return [key, compileCatalog(value, `${path}${key}.`)];
      try {
        return [key, compileMessage(value)];
      } catch (e) {
        throw new Error(`The message ${path}${key} does not parse as ICU MessageFormat: ${(e as Error).message}`);
      }
    }),
  );
}

export type ArgumentKind = "string" | "number" | "date" | "tag";
/** The placeholders of a message and what each takes (for the catalog checks and the generated types). */
export function argumentsOf(source: string): Map<string, ArgumentKind> {
  const found = new Map<string, ArgumentKind>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument) found.set(e.value, found.get(e.value) ?? "string");
      else if (e.type === TYPE.number) found.set(e.value, "number");
      else if (e.type === TYPE.date || e.type === TYPE.time) found.set(e.value, "date");
      else if (e.type === TYPE.select) {
        found.set(e.value, "string");
        for (const option of Object.values(e.options)) walk(option.value);
      } else if (e.type === TYPE.plural) {
        found.set(e.value, "number");
        for (const option of Object.values(e.options)) walk(option.value);
      } else if (e.type === TYPE.tag) {
        found.set(e.value, "tag");
        walk(e.children);
      }
    }
  };
  walk(parse(source));
  return found;
}
