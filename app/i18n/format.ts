import type { Language } from "~/catalog/types";

/** Fills {placeholders}; numbers through Intl in the language's own format. */
export function format(lang: Language, text: string, vars: Record<string, string | number> = {}) {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    return v === undefined ? `{${k}}` : typeof v === "number" ? new Intl.NumberFormat(lang).format(v) : v;
  });
}

export function plural(lang: Language, forms: { one: string; other: string }, n: number, vars: Record<string, string | number> = {}) {
  return format(lang, new Intl.PluralRules(lang).select(n) === "one" ? forms.one : forms.other, { n, ...vars });
}

export const percent = (lang: Language, x: number) => new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(x);
