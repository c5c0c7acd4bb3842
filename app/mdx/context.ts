import { createContext, useContext } from "react";
import type { Language } from "~/i18n/language";
import { messages } from "~/i18n/messages";

/** A file of the course folder that a module uses (image, video, download). */
export type AssetUse = { path: string; kind: "image" | "video" | "download" | "link"; alt?: string; line?: number };

/**
 * What MDX components know while a module is compiled: its course, whether
 * this is the data-saver rendering, and how to measure a course file. They
 * record every file they use so `content check` can verify it exists.
 */
export type CompileContextValue = {
  courseSlug: string;
  /** The module's language: components label themselves in it. */
  language: Language;
  dataSaver: boolean;
  /** Size in bytes of a file in the course folder, or undefined when it does not exist. */
  sizeOf: (relativePath: string) => number | undefined;
  uses: AssetUse[];
};

export const CompileContext = createContext<CompileContextValue | null>(null);
export const useCompileContext = () => useContext(CompileContext);

export function assetUrl(courseSlug: string, relativePath: string) {
  return `/content/${courseSlug}/${relativePath.replace(/^\.\//, "").split("/").map(encodeURIComponent).join("/")}`;
}

export { formatBytes } from "~/utils/bytes";

export const isExternal = (src: string) => /^https?:\/\//.test(src);

/** The component labels in the module's language (English outside a compile). */
export function useMdxText() {
  const ctx = useContext(CompileContext);
  return messages[ctx?.language ?? "en"].mdx;
}
