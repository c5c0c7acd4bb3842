/** Kinds of organisation, written in kebab-case in the CLI and CSV files. */
export const ORG_KINDS = {
  health: "Health co-operative",
  "savings-credit": "Savings and credit co-operative",
  agricultural: "Agricultural co-operative",
  consumer: "Consumer co-operative",
  worker: "Worker co-operative",
  housing: "Housing co-operative",
  "multi-stakeholder": "Multi-stakeholder co-operative",
  federation: "Federation / apex body",
  support: "Support organisation or programme",
} as const;
export type OrgKind = keyof typeof ORG_KINDS;
export const ORG_KIND_VALUES = Object.keys(ORG_KINDS) as [OrgKind, ...OrgKind[]];

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

const KIND_LABELS: Record<"fr" | "sw", Record<OrgKind, string>> = {
  fr: {
    health: "Coopérative de santé",
    "savings-credit": "Coopérative d'épargne et de crédit",
    agricultural: "Coopérative agricole",
    consumer: "Coopérative de consommateurs",
    worker: "Coopérative de travailleurs",
    housing: "Coopérative d'habitation",
    "multi-stakeholder": "Coopérative multi-sociétaires",
    federation: "Fédération / faîtière",
    support: "Organisation d'appui ou programme",
  },
  sw: {
    health: "Chama cha ushirika cha afya",
    "savings-credit": "Chama cha akiba na mikopo",
    agricultural: "Chama cha ushirika cha kilimo",
    consumer: "Chama cha ushirika cha walaji",
    worker: "Chama cha ushirika cha wafanyakazi",
    housing: "Chama cha ushirika cha nyumba",
    "multi-stakeholder": "Chama cha ushirika cha wadau mbalimbali",
    federation: "Shirikisho / chombo kikuu",
    support: "Shirika la msaada au programu",
  },
};

/** A kind's name in a language (English as written in ORG_KINDS otherwise). */
export function kindLabel(kind: string, language: string): string | undefined {
  if (!(kind in ORG_KINDS)) return undefined;
  if (language === "fr" || language === "sw") return KIND_LABELS[language][kind as OrgKind];
  return ORG_KINDS[kind as OrgKind];
}
