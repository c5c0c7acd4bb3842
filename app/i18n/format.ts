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

/** The locale Intl should use for dates: people in Kenya and Cameroon write day, month, year (en-GB, not en-US). */
export const dateLocale = (lang: Language) => (lang === "en" ? "en-GB" : lang);

/** A share as a percentage, or a dash when there is none (report tables). */
export const percentOrDash = (lang: Language, x: number | null) => (x === null ? "–" : percent(lang, x));

/** A day such as "22 Nov 2026", or a dash when there is none (report tables). */
export const dayOrDash = (lang: Language, at: number | Date | null) =>
  at === null ? "–" : new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: "medium", timeZone: "UTC" }).format(at);
