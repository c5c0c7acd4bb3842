import type { Language } from "~/i18n/language";

/** The units of a file size as each language writes them: French counts octets (o, Ko, Mo). */
const UNITS: Partial<Record<Language, [string, string, string]>> = { fr: ["o", "Ko", "Mo"] };

/**
 * A file size as people read it, in their language: 512 B, 38 KB, 1.2 MB; in French 38 Ko, 1,2 Mo (the decimal
 * comma, and a no-break space so the unit never starts a line).
 */
export function formatBytes(bytes: number, lang: Language = "en"): string {
  const [b, kb, mb] = UNITS[lang] ?? ["B", "KB", "MB"];
  const number = (n: number, digits: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${number(bytes, 0)}\u00a0${b}`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 1024), 0)}\u00a0${kb}`;
  return `${number(bytes / (1024 * 1024), 1)}\u00a0${mb}`;
}
