import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { messages } from "~/i18n/messages";

/**
 * Compiled modules cached on disk, one JSON file per key. The key is a hash of
 * everything that shapes the output, so a stale entry can never be served:
 * it is simply never asked for again.
 */
export class DiskCache<T> {
  constructor(private readonly dir: string) {}

  private file(key: string) {
    return path.join(this.dir, `${key}.json`);
  }

  get(key: string): T | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(key), "utf8")) as T;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: T) {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file(key)}.${process.pid}.${Date.now()}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(value));
      fs.renameSync(tmp, this.file(key));
    } catch (error) {
      // A read-only or full disk costs speed, never correctness.
      console.warn(`catalog cache: could not write ${key}: ${(error as Error).message}`);
    }
  }
}

export function sha256(...parts: (string | Buffer)[]) {
  const h = createHash("sha256");
  for (const p of parts) {
    h.update(p);
    h.update("\u0000");
  }
  return h.digest("hex");
}

let rendererFingerprint: string | undefined;

/**
 * A fingerprint of the code that turns MDX into HTML (the compiler and the MDX
 * components) and of the words those components write into the page (the
 * `mdx` interface texts, in every language). Changing either invalidates the
 * cache. The code is read from the source tree when it is there; a deployment
 * without sources uses the format version and the texts alone.
 */
export function getRendererFingerprint(): string {
  if (rendererFingerprint) return rendererFingerprint;
  const FORMAT = "catalog-format-2";
  const parts: string[] = [FORMAT, JSON.stringify(Object.values(messages).map((m) => m.mdx))];
  for (const dir of ["app/mdx", "app/catalog"]) {
    const abs = path.resolve(dir);
    let names: string[] = [];
    try {
      names = fs
        .readdirSync(abs)
        .filter((n) => /\.(tsx?|css)$/.test(n))
        .sort();
    } catch {
      continue;
    }
    for (const n of names) parts.push(n, fs.readFileSync(path.join(abs, n), "utf8"));
  }
  rendererFingerprint = sha256(...parts);
  return rendererFingerprint;
}
