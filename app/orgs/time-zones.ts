/**
 * Time zones for dates and times on the coordinators' pages and exports: a
 * person's own setting, else the zone of their organisation's country, else
 * UTC. Pages and CSVs then say "the 3rd" on the day it was the 3rd there,
 * not in London.
 */
export const COUNTRY_ZONES: Record<string, string> = {
  KE: "Africa/Nairobi",
  CM: "Africa/Douala",
  UG: "Africa/Kampala",
  TZ: "Africa/Dar_es_Salaam",
  RW: "Africa/Kigali",
  BI: "Africa/Bujumbura",
  ET: "Africa/Addis_Ababa",
  SO: "Africa/Mogadishu",
  NG: "Africa/Lagos",
  GH: "Africa/Accra",
  SN: "Africa/Dakar",
  CI: "Africa/Abidjan",
  BF: "Africa/Ouagadougou",
  BJ: "Africa/Porto-Novo",
  TG: "Africa/Lome",
  ML: "Africa/Bamako",
  NE: "Africa/Niamey",
  TD: "Africa/Ndjamena",
  CF: "Africa/Bangui",
  GA: "Africa/Libreville",
  CG: "Africa/Brazzaville",
  CD: "Africa/Kinshasa",
  MG: "Indian/Antananarivo",
  MW: "Africa/Blantyre",
  MZ: "Africa/Maputo",
  ZM: "Africa/Lusaka",
  ZW: "Africa/Harare",
  ZA: "Africa/Johannesburg",
  EG: "Africa/Cairo",
  MA: "Africa/Casablanca",
  TN: "Africa/Tunis",
  IN: "Asia/Kolkata",
  NP: "Asia/Kathmandu",
  BD: "Asia/Dhaka",
  PH: "Asia/Manila",
  JP: "Asia/Tokyo",
  CH: "Europe/Zurich",
  FR: "Europe/Paris",
  BE: "Europe/Brussels",
  GB: "Europe/London",
  US: "America/New_York",
  CA: "America/Toronto",
  BR: "America/Sao_Paulo",
  CO: "America/Bogota",
};

/** The zones people may choose in settings: those of the countries above, and UTC. */
export const TIME_ZONE_CHOICES: string[] = ["UTC", ...new Set(Object.values(COUNTRY_ZONES))].sort();

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const zoneOfCountry = (country: string | null | undefined) => (country && COUNTRY_ZONES[country.toUpperCase()]) || "UTC";
