import { IntlMessageFormat } from "intl-messageformat";
import { Fragment, createElement, type ReactNode } from "react";
import { decode, type WirePart } from "./wire";

/**
 * A catalog message with placeholders, parsed on the server (see compile.server.ts) so that browsers
 * get the parser-free formatter: its arguments are typed from the English catalog (catalog-types.ts).
 * Messages without placeholders are plain strings.
 */
export type Message<Vars> = { readonly icu: string; readonly __vars?: Vars };
/** A tag in a message, such as `<link>log in</link>`: a function that wraps its text. */
export type Tag = (chunks: ReactNode[]) => ReactNode;
export type Compiled = string | { readonly icu: string };

const formats = new WeakMap<object, Map<string, IntlMessageFormat>>();
function formatter(lang: string, msg: { readonly icu: string }) {
  let byLang = formats.get(msg);
  if (!byLang) formats.set(msg, (byLang = new Map()));
  let imf = byLang.get(lang);
  if (!imf) byLang.set(lang, (imf = new IntlMessageFormat(decode(JSON.parse(msg.icu) as WirePart[]), lang)));
  return imf;
}

export type Plain<V> = { [K in keyof V]: V[K] extends Tag ? never : V[K] };

/** A message as text, its placeholders filled and plurals chosen by the language's rules (CLDR). A message with placeholders needs its values (the type says which). */
export function formatMessage(lang: string, msg: string): string;
export function formatMessage<V>(lang: string, msg: string | Message<V>, vars: Plain<V>): string;
export function formatMessage<V>(lang: string, msg: string | Message<V>, vars?: Plain<V>): string {
  if (typeof msg === "string") return msg;
  return String(formatter(lang, msg).format(vars as Record<string, string | number>));
}

/** A message with tags (links, emphasis) as React nodes: a whole sentence with its links inside it. */
export function richMessage<V>(lang: string, msg: string | Message<V>, vars: V): ReactNode {
  if (typeof msg === "string") return msg;
  const parts = formatter(lang, msg).format<ReactNode>(vars as Record<string, never>);
  return Array.isArray(parts) ? parts.map((part, i) => createElement(Fragment, { key: i }, part)) : parts;
}
