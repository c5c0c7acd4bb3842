import { useRootData } from "~/root-data";
import type { Language } from "~/catalog/types";
import { messages, type ClientMessages } from "./messages";
import { enFallback } from "./messages/en";

export { messages };

export { dateLocale, dayAndTime, dayOrDash, format, percentOrDash, plural, percent } from "./format";
import { format } from "./format";

/** Used only when the root loader failed: enough English for the layout and the error page. */
const fallback = enFallback as unknown as ClientMessages;

/** The interface text in the page's language: the root loader sends it, in that language only. */
export function useT() {
  const root = useRootData();
  const lang: Language = root?.lang ?? "en";
  // The root sends only this page's texts (see client-messages.server.ts); the English fallback covers a failed root loader.
  const m = root?.t ? withFallback(root.t) : fallback;
  return { lang, m, f: formatters[lang] };
}

// A page calls useT in dozens of components: each gets the same merged texts and the same formatter,
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
const formatter = (lang: Language) => (text: string, vars?: Record<string, string | number>) => format(lang, text, vars);
const formatters: Record<Language, ReturnType<typeof formatter>> = { en: formatter("en"), fr: formatter("fr"), sw: formatter("sw") };
