/**
 * The interface's languages: one catalog file each, in ICU MessageFormat (docs/translating.md).
 * Adding a language is its catalog file and one line here.
 */
export { default as en } from "./en.json" with { type: "json" };
export { default as fr } from "./fr.json" with { type: "json" };
export { default as sw } from "./sw.json" with { type: "json" };
