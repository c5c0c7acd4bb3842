import type { Language } from "~/catalog/types";
import { messages } from "./messages";

/** The interface text in the page's language, for a route's meta function (the root loader decides it). */
export function metaText(matches: readonly { id: string; data: unknown }[]) {
  const root = matches.find((m) => m.id === "root")?.data as { lang?: Language } | undefined;
  return messages[root?.lang ?? "en"];
}

export const titled = (title: string) => `${title} · Co-op Campus`;
