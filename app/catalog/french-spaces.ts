/**
 * French typography, applied to what trainers write: before : ; ! ? and », and after «, French puts a narrow
 * no-break space (U+202F), so a phone never starts a line with the colon. Trainers type an ordinary space (or a
 * no-break one); the compiler puts the right one in its place. Nothing is added where they typed none.
 */
export const frenchSpaces = (text: string) => text.replace(/[ \u00a0]+([:;!?»])/g, "\u202f$1").replace(/«[ \u00a0]+/g, "«\u202f");

import type { CourseYaml } from "./schemas";

type Node = { type: string; value?: string; children?: Node[] };

/** The remark plugin: every text node of a French module (code, inline code and attributes are left as written). */
export function remarkFrenchSpaces() {
  return () => (tree: unknown) => {
    const visit = (node: Node) => {
      if (node.type === "text" && typeof node.value === "string") node.value = frenchSpaces(node.value);
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
