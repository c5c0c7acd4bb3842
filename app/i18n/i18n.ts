import { useRouteLoaderData } from "@remix-run/react";
import type { Language } from "~/catalog/types";
import { messages } from "./messages";

export { messages };

export { format, plural, percent } from "./format";
import { format } from "./format";

/** The interface text in the page's language (the root loader decides it). */
export function useT() {
  const root = useRouteLoaderData("root") as { lang?: Language } | undefined;
  const lang: Language = root?.lang ?? "en";
  return { lang, m: messages[lang], f: (text: string, vars?: Record<string, string | number>) => format(lang, text, vars) };
}
