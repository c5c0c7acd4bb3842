import type { Language } from "~/i18n/language";
import * as catalogs from "./catalogs";
import type { Messages } from "./catalog-types";
import { compileCatalog } from "./compile.server";

/** Every interface text, by language, parsed once at start (server only: browsers get their page's texts from the root loader). */
export const messages = Object.fromEntries(Object.entries(catalogs).map(([lang, catalog]) => [lang, compileCatalog(catalog)])) as unknown as Record<
  Language,
  Messages
>;
export type { Messages };

/** What a browser gets (see client-messages.server.ts): everything but the server's own texts. */
export type ClientMessages = Omit<
  Messages,
  "mdx" | "requestErrors" | "importSheet" | "csv" | "formErrors" | "quizErrors" | "learningErrors" | "joinErrors" | "importErrors" | "exportErrors"
>;
