/**
 * A language of the interface and of course content: one per catalog in app/i18n/catalogs/ (its index lists them;
 * the list itself is LANGUAGES in ./languages.server). A type only, so that any layer may name it.
 */
export type Language = keyof typeof import("./catalogs");
