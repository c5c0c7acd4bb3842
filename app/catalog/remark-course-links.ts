/**
 * Markdown images and links that point into the course folder: images are
 * served from /content/<course>/…, links to another module file
 * (`02-the-board.mdx`) become that module's address. Each is recorded so that
 * `content check` can say when its target is missing.
 */
import type { Root } from "mdast";
import { moduleFilePattern } from "./schemas";
import { assetUrl, isExternal, type AssetUse } from "~/mdx/context";

export type LinkUse = AssetUse;

export function remarkCourseLinks(options: { courseSlug: string; uses: LinkUse[] }) {
  return () => (tree: Root) => {
    const visit = (node: { type: string; url?: string; alt?: string | null; children?: unknown[]; position?: { start: { line: number } } }) => {
      if ((node.type === "image" || node.type === "link") && node.url && !isExternal(node.url) && !/^(#|mailto:|\/)/.test(node.url)) {
        const [pathPart, hash] = node.url.split("#", 2);
        const file = pathPart!.replace(/^\.\//, "");
        const module = moduleFilePattern.exec(file);
        if (node.type === "link" && module) {
          options.uses.push({ path: file, kind: "link", line: node.position?.start.line });
          node.url = `/courses/${options.courseSlug}/${module[2]}${hash ? `#${hash}` : ""}`;
        } else {
          options.uses.push({ path: file, kind: node.type === "image" ? "image" : "download", alt: node.alt ?? undefined, line: node.position?.start.line });
          node.url = assetUrl(options.courseSlug, file);
        }
      }
      for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
    };
    visit(tree as unknown as Parameters<typeof visit>[0]);
  };
}
