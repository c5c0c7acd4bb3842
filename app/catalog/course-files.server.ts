/**
 * Files of a course folder (images, videos, downloads) as the site may serve
 * them: a regular file whose real path, symbolic links followed, lies inside
 * the course folder's own real path, reached without any hidden segment.
 * A link that leads out of the folder (to the issuer's key, say) is never
 * followed: the route answers 404 and `content check` reports it.
 */
import fs from "node:fs";
import path from "node:path";

/** The file's real path, or null when it is not a servable file of this course folder. */
export function resolveCourseFile(courseDir: string, relative: string): { real: string; stat: fs.Stats } | null {
  if (!relative || relative.split(/[\\/]/).some((p) => p === "" || p.startsWith("."))) return null;
  try {
    const root = fs.realpathSync(courseDir);
    const real = fs.realpathSync(path.resolve(courseDir, relative));
    if (!real.startsWith(root + path.sep)) return null;
    const stat = fs.statSync(real);
    return stat.isFile() ? { real, stat } : null;
  } catch {
    return null;
  }
}

/** Symbolic links under the course folder whose target lies outside it (or nowhere): relative paths, for content check. */
export function linksLeavingFolder(courseDir: string): string[] {
  const found: string[] = [];
  let root: string;
  try {
    root = fs.realpathSync(courseDir);
  } catch {
    return found;
  }
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        let target: string | null = null;
        try {
          target = fs.realpathSync(abs);
        } catch {
          /* a dangling link */
        }
        if (!target || !(target === root || target.startsWith(root + path.sep))) found.push(path.relative(courseDir, abs));
      } else if (entry.isDirectory()) walk(abs);
    }
  };
  walk(courseDir);
  return found.sort();
}

/** A file a module names, as the content route is asked for it: forward slashes, no leading "./". */
export const normaliseAssetPath = (relative: string) => path.posix.normalize(relative.replace(/\\/g, "/").replace(/^\.\//, ""));
