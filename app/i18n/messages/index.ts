import type { Language } from "~/catalog/types";
import { en, type Messages } from "./en";
import { fr } from "./fr";
import { sw } from "./sw";

/** Every interface text, by language. Plain data: safe in the compiler, the CLI and the browser. */
export const messages: Record<Language, Messages> = { en, fr, sw };
export type { Messages };

/** What a browser gets (see client-messages.server.ts): everything but the server's own texts. */
export type ClientMessages = Omit<
  Messages,
  "mdx" | "requestErrors" | "importSheet" | "csv" | "formErrors" | "quizErrors" | "learningErrors" | "joinErrors" | "importErrors" | "exportErrors"
>;
