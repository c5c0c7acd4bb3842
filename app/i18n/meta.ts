import type { ClientMessages } from "./messages";
import { enFallback } from "./fallback";

/** Any text missing from the fallback reads as the site's name (only when the root loader failed). */
const missing: unknown = new Proxy(() => "Co-op Campus", {
  get: (target, key) => (key === Symbol.toPrimitive || key === "toString" ? () => "Co-op Campus" : missing),
});
const fallback = new Proxy(enFallback, { get: (target, key) => (key in target ? target[key as keyof typeof target] : missing) }) as unknown as ClientMessages;

/** The interface text in the page's language, for a route's meta function (the root loader sends it). */
export function metaText(matches: readonly ({ id: string; loaderData?: unknown } | undefined)[]): ClientMessages {
  const root = matches.find((m) => m?.id === "root")?.loaderData as { t?: Partial<ClientMessages> } | undefined;
  return new Proxy(root?.t ?? {}, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : (fallback as unknown as Record<string | symbol, unknown>)[key]),
  }) as ClientMessages;
}

export const titled = (title: string) => `${title} · Co-op Campus`;
