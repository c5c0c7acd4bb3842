import type { CatalogModule } from "~/catalog/catalog.server";
import type { Language } from "~/catalog/types";

/** The layout, header, footer and route data a module page carries besides its text (measured: about 8 KB). */
const PAGE_OVERHEAD_BYTES = 8 * 1024;

/**
 * What "save this course for offline reading" downloads: every module page,
 * and about how many bytes that is before compression. A page holds its text
 * twice (the HTML, and the same HTML in the data the page hydrates from).
 */
export function offlineBundle(courseSlug: string, modules: CatalogModule[], language: Language) {
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const m of modules) {
    const variant = m.variants[language] ?? Object.values(m.variants)[0]!;
    const text = variant.segments.reduce((n, s) => n + (s.type === "html" ? encoder.encode(s.html).length : 0), 0);
    bytes += 2 * text + PAGE_OVERHEAD_BYTES;
  }
  return { urls: modules.map((m) => `/courses/${courseSlug}/${m.slug}`), bytes };
}
