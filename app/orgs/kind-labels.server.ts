import type { Language } from "~/i18n/language";
import { messages } from "~/i18n/messages";
import { ORG_KIND_VALUES, type OrgKind } from "./kinds";

/** A kind of organisation's name in a language (from the catalogs), or undefined for a kind the campus does not know. */
export function kindLabel(kind: string, language: Language): string | undefined {
  return (ORG_KIND_VALUES as readonly string[]).includes(kind) ? messages[language].orgKinds[kind as OrgKind] : undefined;
}

/** Every kind with its name, for a list to choose from. */
export const kindChoices = (language: Language) => ORG_KIND_VALUES.map((value) => ({ value, label: messages[language].orgKinds[value] }));
