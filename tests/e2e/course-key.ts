import fs from "node:fs";
import path from "node:path";

/**
 * The answer key of a module, read straight from its MDX source with a few
 * regular expressions. A test oracle that shares no code with the compiler it
 * checks: if the app lost or mixed up a key, answering from this would fail.
 */
export type KeyedQuestion =
  | { id: string; prompt: string; kind: "single" | "multiple"; correct: string[] }
  | { id: string; prompt: string; kind: "truefalse"; answer: boolean }
  | { id: string; prompt: string; kind: "text"; answers: string[] };

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
const decode = (s: string) =>
  s
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

export function moduleKey(file: string): KeyedQuestion[] {
  const source = fs.readFileSync(file, "utf8");
  const quiz = /<Quiz\b[\s\S]*?<\/Quiz>/.exec(source)?.[0];
  if (!quiz) return [];
  const questions: KeyedQuestion[] = [];
  const re = /<Question\b([^>]*?)(\/>|>([\s\S]*?)<\/Question>)/g;
  for (let m = re.exec(quiz); m; m = re.exec(quiz)) {
    const tag = m[1]!;
    const body = m[3] ?? "";
    const id = attr(tag, "id")!;
    const prompt = decode(attr(tag, "prompt")!);
    const kind = attr(tag, "kind") ?? "single";
    if (kind === "truefalse") questions.push({ id, prompt, kind, answer: /answer=\{true\}/.test(tag) });
    else if (kind === "text")
      questions.push({ id, prompt, kind, answers: [...body.matchAll(/<Answer>([\s\S]*?)<\/Answer>/g)].map((a) => decode(a[1]!.trim())) });
    else
      questions.push({
        id,
        prompt,
        kind: kind as "single" | "multiple",
        correct: [...body.matchAll(/<Choice correct>([\s\S]*?)<\/Choice>/g)].map((c) => decode(c[1]!.trim())),
      });
  }
  return questions;
}

/** The module files of a course in one language, in order: `[slug, path]`. */
export function courseModules(courseSlug: string, language: string) {
  const dir = path.join("content", "courses", courseSlug);
  return fs
    .readdirSync(dir)
    .map((name) => /^(\d\d)-([a-z0-9-]+)\.mdx$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a[1]!.localeCompare(b[1]!))
    .map((m) => {
      const translated = path.join(dir, `${m[1]}-${m[2]}.${language}.mdx`);
      return { slug: m[2]!, file: fs.existsSync(translated) ? translated : path.join(dir, m[0]) };
    });
}

/** The module's title, from its frontmatter. */
export const moduleTitle = (file: string) => /^title:\s*(.+)$/m.exec(fs.readFileSync(file, "utf8"))?.[1]!.trim().replace(/^"|"$/g, "");
