import type { Language } from "~/i18n/language";

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
const percents = perLanguage((lang) => new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }));
const zoned = new Map<string, Intl.DateTimeFormat>();
/** One formatter per language, time zone and style, made once. */
function inZone(lang: Language, timeZone: string, style: "day" | "time") {
  const key = `${lang}|${timeZone}|${style}`;
  let f = zoned.get(key);
  if (!f) {
    f =
      style === "day"
        ? new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: "medium", timeZone })
        : new Intl.DateTimeFormat("en-CA", {
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
            timeZone,
          });
    zoned.set(key, f);
  }
  return f;
}

/** A catalog message in one language: placeholders, numbers and plurals by ICU MessageFormat (see message.ts). */
export { formatMessage as format, richMessage as rich } from "./message";

/** A share as a percentage; in French with a narrow no-break space before the sign ("50 %"), as French typography has it. */
export const percent = (lang: Language, x: number) => {
  const text = percents(lang).format(x);
  return lang === "fr" ? text.replace(/[\u00a0 ]%/, "\u202f%") : text;
};

/** The locale Intl should use for dates: people in Kenya and Cameroon write day, month, year (en-GB, not en-US). */
export function dateLocale(lang: Language) {
  return lang === "en" ? "en-GB" : lang;
}

/** A share as a percentage, or a dash when there is none (report tables). */
export const percentOrDash = (lang: Language, x: number | null) => (x === null ? "–" : percent(lang, x));

/** A day such as "22 Nov 2026" in the reader's time zone (UTC unless given), or a dash when there is none (report tables). */
export const dayOrDash = (lang: Language, at: number | Date | null, timeZone = "UTC") => (at === null ? "–" : inZone(lang, timeZone, "day").format(at));

/** A day and time such as "2026-11-22 14:05" in the reader's time zone (the audit log: sortable, and the same in every language). */
export const dayAndTime = (_lang: Language, at: number | Date, timeZone = "UTC") => {
  const parts = Object.fromEntries(
    inZone("en", timeZone, "time")
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
};
