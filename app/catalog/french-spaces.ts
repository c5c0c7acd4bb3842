/**
 * French typography, applied to what trainers write: before : ; ! ? and », and after «, French puts a narrow
 * no-break space (U+202F), so a phone never starts a line with the colon. Trainers type an ordinary space (or a
 * no-break one); the compiler puts the right one in its place. Nothing is added where they typed none.
 */
export const frenchSpaces = (text: string) => text.replace(/[ \u00a0]+([:;!?»])/g, "\u202f$1").replace(/«[ \u00a0]+/g, "«\u202f");

import type { CourseYaml } from "./schemas";

type Node = { type: string; value?: string; children?: Node[]; attributes?: { type: string; name?: string; value?: unknown }[] };

/** The components' attributes that are words a reader sees (not addresses, ids or numbers). */
const WORDS = new Set(["title", "caption", "alt", "definition", "label", "summary"]);

/**
 * The remark plugin: every text node of a French module, and the components' attributes that readers see
 * (code and inline code are left as written). It runs after the quizzes are lifted out (see compile.server.ts).
 */
export function remarkFrenchSpaces() {
  return () => (tree: unknown) => {
    const visit = (node: Node) => {
      if (node.type === "text" && typeof node.value === "string") node.value = frenchSpaces(node.value);
      for (const a of node.attributes ?? [])
        if (a.type === "mdxJsxAttribute" && a.name && WORDS.has(a.name) && typeof a.value === "string") a.value = frenchSpaces(a.value);
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree as Node);
  };
}

/** A course's French title, summary and audience with French spacing (french-spaces.ts), as its modules get it. */
export function withFrenchSpaces(meta: CourseYaml): CourseYaml {
  const fr = <T extends { title: string; summary?: string; audience?: string }>(t: T): T => ({
    ...t,
    title: frenchSpaces(t.title),
    ...(t.summary !== undefined ? { summary: frenchSpaces(t.summary) } : {}),
    ...(t.audience !== undefined ? { audience: frenchSpaces(t.audience) } : {}),
  });
  const translations = meta.translations.fr ? { ...meta.translations, fr: fr(meta.translations.fr) } : meta.translations;
  return meta.languages[0] === "fr" ? { ...fr(meta), translations } : { ...meta, translations };
}
