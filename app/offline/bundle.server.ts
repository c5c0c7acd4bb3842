import zlib from "node:zlib";
import type { CatalogModule } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import { toPublicQuiz } from "~/quizzes/definition";

/**
 * A module page over the network (Brotli, as browsers get it), measured on the build (2 December 2026, the
 * demo and pilots courses, within 3 %): about 4.9 KB for the layout, the interface texts and the route data,
 * plus 1.84 times the module's own text and quiz compressed alone (the page carries them twice, in the HTML and
 * in the data it hydrates from, and compresses less well in pieces).
 */
const PAGE_OVERHEAD_BYTES = 4_900;
const CONTENT_FACTOR = 1.84;
/** The course outline and "My learning" (measured: 5.7 to 6.9 KB), saved with the modules so that links between them work offline. */
const OTHER_PAGE_BYTES = 6_300;

const compressed = new WeakMap<object, number>();
function compressedText(module: CatalogModule, language: Language): number {
  const variant = module.variants[language] ?? Object.values(module.variants)[0]!;
  let size = compressed.get(variant);
  if (size === undefined) {
    const html = variant.segments.map((s) => (s.type === "html" ? s.html : "")).join("");
    size = zlib.gzipSync(html + JSON.stringify(variant.quizzes.map(toPublicQuiz))).length;
    compressed.set(variant, size);
  }
  return size;
}

/**
 * What "save this course for offline reading" downloads: every module page, the course outline and the
 * learner's "My learning" page, and about how many bytes that is over the network (compressed, as the phone
 * pays for it; within a tenth of what saving then reports, tests/e2e/offline.spec.ts).
 */
export function offlineBundle(courseSlug: string, modules: CatalogModule[], language: Language) {
  let bytes = 2 * OTHER_PAGE_BYTES;
  for (const m of modules) bytes += Math.round(compressedText(m, language) * CONTENT_FACTOR) + PAGE_OVERHEAD_BYTES;
  return { urls: modules.map((m) => `/courses/${courseSlug}/${m.slug}`), also: [`/courses/${courseSlug}`, "/learn"], bytes };
}
