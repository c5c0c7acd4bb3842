import type { Language } from "~/catalog/types";

/**
 * Intl formatters take tens of microseconds to build and are used on every
 * page (and in every row of a report): each kind is built once per language.
 */
function perLanguage<T>(make: (lang: Language) => T) {
  const made = new Map<Language, T>();
  return (lang: Language) => {
    let value = made.get(lang);
    if (value === undefined) made.set(lang, (value = make(lang)));
    return value;
  };
}
const numbers = perLanguage((lang) => new Intl.NumberFormat(lang));
const plurals = perLanguage((lang) => new Intl.PluralRules(lang));
const percents = perLanguage((lang) => new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }));
const days = perLanguage((lang) => new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: "medium", timeZone: "UTC" }));

/** Fills {placeholders}; numbers through Intl in the language's own format. */
export function format(lang: Language, text: string, vars: Record<string, string | number> = {}) {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = vars[k];
    return v === undefined ? `{${k}}` : typeof v === "number" ? numbers(lang).format(v) : v;
  });
}

export function plural(lang: Language, forms: { one: string; other: string }, n: number, vars: Record<string, string | number> = {}) {
  return format(lang, plurals(lang).select(n) === "one" ? forms.one : forms.other, { n, ...vars });
}

export const percent = (lang: Language, x: number) => percents(lang).format(x);

/** The locale Intl should use for dates: people in Kenya and Cameroon write day, month, year (en-GB, not en-US). */
export function dateLocale(lang: Language) {
  return lang === "en" ? "en-GB" : lang;
}

/** A share as a percentage, or a dash when there is none (report tables). */
export const percentOrDash = (lang: Language, x: number | null) => (x === null ? "–" : percent(lang, x));

/** A day such as "22 Nov 2026", or a dash when there is none (report tables). */
export const dayOrDash = (lang: Language, at: number | Date | null) => (at === null ? "–" : days(lang).format(at));
