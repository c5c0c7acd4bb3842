import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import type { Problem } from "./types";

type Position = { line: number; column: number };

/** Parses YAML text and validates it against a schema, locating every problem by line and column. */
export function parseYamlWithPositions<T extends z.ZodTypeAny>(
  text: string,
  schema: T,
  file: string,
  lineOffset = 0,
): { data: z.infer<T> | undefined; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems: Problem[] = [];
  const at = (pos: Position, message: string): Problem => ({
    file,
    line: pos.line + lineOffset,
    column: pos.column,
    severity: "error",
    message,
  });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
      problems.push(at({ line: pos.line, column: pos.col }, `YAML syntax: ${err.message.split("\n")[0]}`));
    }
    return { data: undefined, problems };
  }
  const raw = doc.toJS() ?? {};
  const result = schema.safeParse(raw);
  if (result.success) return { data: result.data, problems };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.push(at(positionOf(doc, lineCounter, [...issue.path, key]), `unknown field "${key}"`));
      continue;
    }
    const pos = positionOf(doc, lineCounter, issue.path);
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    const message = issue.message;
    problems.push(at(pos, message.startsWith(String(issue.path[0] ?? "\u0000")) ? message : `${where}${message}`));
  }
  return { data: undefined, problems };
}

function positionOf(doc: Document, lc: LineCounter, path: (string | number)[]): Position {
  let node: unknown = doc.contents;
  let best: Position = { line: 1, column: 1 };
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) best = toPos(lc, keyNode.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item?.range) break;
      best = toPos(lc, item.range[0]);
      node = item;
    } else break;
  }
  return best;
}

function toPos(lc: LineCounter, offset: number): Position {
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}
