import { useRootData } from "~/root-data";
import type { Language } from "~/i18n/language";
import type { ClientMessages } from "./messages";
import { enFallback } from "./fallback";
import { formatMessage, richMessage, type Message, type Plain } from "./message";
import { percent } from "./format";

export { dateLocale, dayAndTime, dayOrDash, format, rich, percentOrDash, percent } from "./format";

/** Used only when the root loader failed: enough English for the layout and the error page. */
const fallback = enFallback as unknown as ClientMessages;

/**
 * The interface text in the page's language, with its formatters: `f` fills a message's placeholders and chooses
 * its plural; `rich` does the same for a message with tags (a sentence with its links inside it).
 */
export function useT() {
  const root = useRootData();
  const lang: Language = root?.lang ?? "en";
  // The root sends only this page's texts (see client-messages.server.ts); the English fallback covers a failed root loader.
  const m = root?.t ? withFallback(root.t as Partial<ClientMessages>) : fallback;
  return { lang, m, ...formatters(lang) };
}

// A page calls useT in dozens of components: each gets the same merged texts and the same formatters,
// made once per set of texts (the root's data object, shared by every render of it) and once per language.
const merged = new WeakMap<object, ClientMessages>();
function withFallback(t: Partial<ClientMessages>): ClientMessages {
  let m = merged.get(t);
  if (!m) {
    m = { ...fallback, ...t } as ClientMessages;
    merged.set(t, m);
  }
  return m;
}
/** Fills a message: a plain one alone, one with placeholders with their values (a missing one fails the type check). */
type Formatter = { (msg: string): string; <V>(msg: string | Message<V>, vars: Plain<V>): string };
const made = new Map<string, ReturnType<typeof make>>();
const make = (lang: Language) => ({
  f: ((msg: string | Message<unknown>, vars?: Plain<unknown>) => formatMessage(lang, msg, vars as Plain<unknown>)) as Formatter,
  rich: <V>(msg: string | Message<V>, vars: V) => richMessage(lang, msg, vars),
  /** A share as a percentage in the page's language ("80 %" in French). */
  pct: (x: number) => percent(lang, x),
});
function formatters(lang: Language) {
  let f = made.get(lang);
  if (!f) made.set(lang, (f = make(lang)));
  return f;
}
