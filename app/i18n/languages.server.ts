import type { Language } from "~/i18n/language";
import * as catalogs from "./catalogs";

/** The languages of the interface and of course content: one per catalog in app/i18n/catalogs/ (its index lists them). */
export const LANGUAGES = Object.keys(catalogs) as [Language, ...Language[]];

/** Each language named in itself ("Français"), with its short code for the language buttons ("FR"). */
export const LANGUAGE_CHOICES: readonly { code: Language; short: string; name: string }[] = LANGUAGES.map((code) => ({
  code,
  short: catalogs[code].language.short,
  name: catalogs[code].language.name,
}));

export const languageName = (code: Language) => catalogs[code].language.name;

/** A module's translation file names its language: `01-slug.fr.mdx`. */
export const LANGUAGE_SUFFIX = new RegExp(`\\.(${LANGUAGES.join("|")})\\.mdx$`);
