/** Kinds of organisation, written in kebab-case in the CLI and CSV files. */
export const ORG_KIND_VALUES = [
  "health",
  "savings-credit",
  "agricultural",
  "consumer",
  "worker",
  "housing",
  "multi-stakeholder",
  "federation",
  "support",
] as const;
export type OrgKind = (typeof ORG_KIND_VALUES)[number];
// Their names, in each language, are in the catalogs (orgKinds; kindLabel in kind-labels.server.ts).

const regions = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
/** User-assigned and grouping codes that CLDR names but that are no country: ZZ "Unknown Region", EU, UN, QO… (Kosovo's XK is kept). */
const NOT_COUNTRIES = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;

/** ISO 3166-1 alpha-2: two letters that name a real country or territory. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.test(code)) return false;
  try {
    return regions.of(code) !== undefined;
  } catch {
    return false;
  }
}

const regionNames = new Map<string, Intl.DisplayNames>();

export function countryName(code: string, locale = "en"): string {
  try {
    // One formatter per language, kept: an export names a country on each of its rows.
    let names = regionNames.get(locale);
    if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: "region" })));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
