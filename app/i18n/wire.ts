import { TYPE, type MessageFormatElement, type PluralOrSelectOption } from "@formatjs/icu-messageformat-parser";

/**
 * A parsed message in a compact form for the wire: the parser's syntax tree spelled out as JSON is about three
 * times the size of the message's source, and every page carries its texts. Literal text is a string, a plain
 * placeholder `[name]`, `#` in a plural is 0, and the rest `[name, kind, …]`. The browser turns it back into the
 * syntax tree that intl-messageformat formats (`decode`), once per message.
 */
export type WirePart =
  | string
  | 0
  | [name: string]
  | [name: string, kind: "number" | "date" | "time", style?: string]
  | [name: string, kind: "select", options: Record<string, WirePart[]>]
  | [name: string, kind: "plural" | "ordinal", options: Record<string, WirePart[]>, offset?: number]
  | [name: string, kind: "tag", children: WirePart[]];

const options = (o: Record<string, PluralOrSelectOption>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, encode(v.value)]));

export function encode(elements: MessageFormatElement[]): WirePart[] {
  return elements.map((e): WirePart => {
    switch (e.type) {
      case TYPE.literal:
        return e.value;
      case TYPE.argument:
        return [e.value];
      case TYPE.number:
      case TYPE.date:
      case TYPE.time: {
        const kind = e.type === TYPE.number ? "number" : e.type === TYPE.date ? "date" : "time";
        if (e.style && typeof e.style !== "string")
          throw new Error(`{${e.value}, ${kind}, ::…}: skeletons are not supported; use a named style (integer, percent, short…)`);
        return e.style ? [e.value, kind, e.style] : [e.value, kind];
      }
      case TYPE.select:
        return [e.value, "select", options(e.options)];
      case TYPE.plural:
        return e.offset
          ? [e.value, e.pluralType === "ordinal" ? "ordinal" : "plural", options(e.options), e.offset]
          : [e.value, e.pluralType === "ordinal" ? "ordinal" : "plural", options(e.options)];
      case TYPE.pound:
        return 0;
      case TYPE.tag:
        return [e.value, "tag", encode(e.children)];
    }
  });
}

const decodeOptions = (o: Record<string, WirePart[]>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { value: decode(v) }]));

export function decode(parts: readonly WirePart[]): MessageFormatElement[] {
  return parts.map((p): MessageFormatElement => {
    if (typeof p === "string") return { type: TYPE.literal, value: p };
    if (p === 0) return { type: TYPE.pound };
    const [value, kind] = p;
    const rest = p as unknown as [string, string, never, number?];
    switch (kind) {
      case undefined:
        return { type: TYPE.argument, value };
      case "number":
        return { type: TYPE.number, value, style: rest[2] ?? null };
      case "date":
        return { type: TYPE.date, value, style: rest[2] ?? null };
      case "time":
        return { type: TYPE.time, value, style: rest[2] ?? null };
      case "select":
        return { type: TYPE.select, value, options: decodeOptions(rest[2]) };
      case "plural":
      case "ordinal":
        return { type: TYPE.plural, value, options: decodeOptions(rest[2]), offset: rest[3] ?? 0, pluralType: kind === "ordinal" ? "ordinal" : "cardinal" };
      case "tag":
        return { type: TYPE.tag, value, children: decode(rest[2]) };
    }
  });
}
