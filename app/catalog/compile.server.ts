import { frenchSpaces, remarkFrenchSpaces } from "./french-spaces";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { messages } from "~/i18n/messages";
import { normaliseAssetPath, resolveCourseFile } from "./course-files.server";
import { mdxComponents, TermsContext, type TermCollector } from "~/mdx/components";
import { CompileContext, type AssetUse, type CompileContextValue } from "~/mdx/context";
import { remarkCourseLinks } from "./remark-course-links";
import type { QuizDefinition } from "~/quizzes/definition";
import { remarkQuiz, type QuizCollector } from "./remark-quiz";
import { moduleFrontmatterSchema, type ModuleFrontmatter } from "./schemas";
import type { Problem, Segment } from "./types";
import type { Language } from "~/i18n/language";
import { parseYamlWithPositions } from "./yaml-positions";

/** The compiler is loaded when a module needs compiling, not by every server start (a warm start compiles nothing). */
let tools: Promise<[typeof import("mdx-bundler"), typeof import("mdx-bundler/client/index.js"), typeof import("remark-gfm")]> | undefined;
const compilerTools = () => (tools ??= Promise.all([import("mdx-bundler"), import("mdx-bundler/client/index.js"), import("remark-gfm")]));

export type CompiledModule = {
  frontmatter: ModuleFrontmatter;
  segments: Segment[];
  /** The data-saver rendering (images and videos as links), when it differs. */
  liteSegments?: Segment[];
  quizzes: QuizDefinition[];
  terms: TermCollector["terms"];
  words: number;
  /** The module's sections (its second-level headings), in order, with their ids. */
  sections: { id: string; title: string }[];
  /** The course files this module shows or offers (images, videos, downloads): the only ones served for it. */
  assets: string[];
};

/** quizIds is filled even for a module that failed, so duplicate ids across a course are still found. */
export type CompileResult = { module?: CompiledModule; problems: Problem[]; quizIds: { id: string; line: number }[] };

const FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Compiles one module file: frontmatter checked with zod, MDX bundled by
 * mdx-bundler, quizzes lifted out, then rendered once to static HTML with the
 * trainers' components. Every problem is located by line and column in the
 * original file.
 */
export const IMAGE_BUDGET_BYTES = 200 * 1024;

export async function compileModule(input: {
  file: string;
  source: string;
  cwd: string;
  courseSlug: string;
  language: Language;
  defaultPassMark: number;
}): Promise<CompileResult> {
  const { file, source, cwd, courseSlug, language, defaultPassMark } = input;
  const linkUses: AssetUse[] = [];
  const problems: Problem[] = [];
  const fm = FRONTMATTER.exec(source);
  if (!fm) {
    return {
      problems: [{ file, line: 1, column: 1, severity: "error", message: "missing frontmatter: start the file with --- title: …, minutes: … ---" }],
      quizIds: [],
    };
  }
  const fmResult = parseYamlWithPositions(fm[1] ?? "", moduleFrontmatterSchema, file, 1);
  problems.push(...fmResult.problems);

  // Keep line numbers true: the frontmatter becomes as many blank lines.
  const frontmatterLines = fm[0].split("\n").length - 1;
  const body = "\n".repeat(frontmatterLines) + source.slice(fm[0].length);

  const [{ bundleMDX }, { getMDXComponent }, { default: remarkGfm }] = await compilerTools();
  const collector: QuizCollector = { quizzes: [], problems: [] };
  let code: string;
  try {
    const result = await bundleMDX({
      source: body,
      cwd,
      mdxOptions(options) {
        options.remarkPlugins = [
          ...(options.remarkPlugins ?? []),
          remarkGfm,
          remarkQuiz({ file, defaultPassMark, collector }),
          // After the quizzes are lifted out: a choice's id is a hash of its label as written, and must not change.
          ...(language === "fr" ? [remarkFrenchSpaces()] : []),
          remarkCourseLinks({ courseSlug, uses: linkUses }),
        ];
        return options;
      },
      esbuildOptions(options) {
        options.minify = false;
        options.target = "es2022";
        options.logLevel = "silent";
        return options;
      },
    });
    code = result.code;
  } catch (error) {
    problems.push(...collector.problems, ...mdxErrorToProblems(error, file));
    return { problems, quizIds: [] };
  }
  problems.push(...collector.problems);
  const quizIds = collector.quizzes.map((q) => ({ id: q.id, line: q.line }));

  // Never outside the course folder, not even through a symbolic link (app/catalog/course-files.server.ts).
  const sizeOf = (relative: string) => resolveCourseFile(cwd, relative)?.stat.size;
  let html: string;
  let liteHtml: string;
  const terms: TermCollector = { terms: [] };
  const context: CompileContextValue = { courseSlug, language, dataSaver: false, sizeOf, uses: [] };
  try {
    const Component = getMDXComponent(code);
    const render = (ctx: CompileContextValue, collector: TermCollector) =>
      renderToStaticMarkup(
        createElement(
          CompileContext.Provider,
          { value: ctx },
          createElement(TermsContext.Provider, { value: collector }, createElement(Component, { components: mdxComponents })),
        ),
      );
    html = render(context, terms);
    liteHtml = render({ ...context, dataSaver: true, uses: [] }, { terms: [] });
  } catch (error) {
    problems.push(renderErrorToProblem(error, file, source));
    return { problems, quizIds };
  }
  problems.push(...checkAssets([...linkUses, ...context.uses], { file, source, sizeOf }));

  if (terms.terms.length > 0) {
    const glossary = glossaryHtml(terms.terms, language);
    html += glossary;
    liteHtml += glossary;
  }
  // Every section heading gets an address, so that a long module can list its sections at the top.
  const sectioned = withSectionIds(html);
  html = sectioned.html;
  liteHtml = withSectionIds(liteHtml).html;

  if (!fmResult.data || problems.some((p) => p.severity === "error")) return { problems, quizIds };

  const segments = toSegments(html);
  const liteSegments = liteHtml === html ? undefined : toSegments(liteHtml);

  return {
    module: {
      frontmatter:
        language === "fr"
          ? { ...fmResult.data, title: frenchSpaces(fmResult.data.title), ...(fmResult.data.summary ? { summary: frenchSpaces(fmResult.data.summary) } : {}) }
          : fmResult.data,
      segments,
      liteSegments,
      quizzes: collector.quizzes,
      terms: terms.terms,
      words: countWords(html),
      sections: sectioned.sections,
      assets: [...new Set([...linkUses, ...context.uses].filter((u) => u.kind !== "link").map((u) => normaliseAssetPath(u.path)))].sort(),
    },
    problems,
    quizIds,
  };
}

function toSegments(html: string): Segment[] {
  const segments: Segment[] = [];
  html.split(/<div data-quiz-slot="([^"]*)"><\/div>/).forEach((part, i) => {
    if (i % 2 === 1) {
      if (part) segments.push({ type: "quiz", id: part });
    } else if (part.trim()) segments.push({ type: "html", html: part });
  });
  return segments;
}

/** Every file a module uses must exist in its course folder; images should stay light; figures need alt text. */
function checkAssets(uses: AssetUse[], ctx: { file: string; source: string; sizeOf: (p: string) => number | undefined }): Problem[] {
  const lines = ctx.source.split("\n");
  const lineOf = (needle: string) => {
    const i = lines.findIndex((l) => l.includes(needle));
    return i >= 0 ? { line: i + 1, column: lines[i]!.indexOf(needle) + 1 } : { line: 1, column: 1 };
  };
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const use of uses) {
    const key = `${use.kind}:${use.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = use.line ? { line: use.line, column: Math.max(1, lines[use.line - 1]?.indexOf(use.path) ?? 0) + 1 } : lineOf(use.path);
    if (use.kind === "image" && use.alt !== undefined && !use.alt.trim()) {
      problems.push({ file: ctx.file, ...at, severity: "error", message: `image ${use.path} needs alt text that says what it shows` });
    }
    const size = ctx.sizeOf(use.path);
    if (size === undefined) {
      const what = use.kind === "link" ? "linked module" : use.kind;
      problems.push({ file: ctx.file, ...at, severity: "error", message: `${what} not found: ${use.path} (paths are relative to the course folder)` });
      continue;
    }
    if (use.kind === "image" && size > IMAGE_BUDGET_BYTES) {
      problems.push({
        file: ctx.file,
        ...at,
        severity: "warning",
        message: `image ${use.path} is ${Math.round(size / 1024)} KB; keep images under ${IMAGE_BUDGET_BYTES / 1024} KB for learners on mobile data`,
      });
    }
  }
  return problems;
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function glossaryHtml(terms: TermCollector["terms"], language: Language) {
  const items = terms.map((t) => `<dt id="${t.anchor}">${escapeHtml(t.term)}</dt><dd>${escapeHtml(t.definition)}</dd>`).join("");
  return `<section class="glossary" aria-labelledby="glossary-heading"><h2 id="glossary-heading">${messages[language].mdx.glossary}</h2><dl>${items}</dl></section>`;
}

/** Adds an id to each h2 that has none (from its text, made unique) and lists the sections. */
export function withSectionIds(html: string): { html: string; sections: { id: string; title: string }[] } {
  const sections: { id: string; title: string }[] = [];
  const used = new Set<string>([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  const out = html.replace(/<h2(\s[^>]*)?>([\s\S]*?)<\/h2>/g, (whole, attrs: string | undefined, inner: string) => {
    const title = inner
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .trim();
    const existing = /\sid="([^"]+)"/.exec(attrs ?? "")?.[1];
    if (existing) {
      sections.push({ id: existing, title });
      return whole;
    }
    const base =
      "section-" +
      (title
        .toLowerCase()
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "part");
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    sections.push({ id, title });
    return `<h2${attrs ?? ""} id="${id}">${inner}</h2>`;
  });
  return { html: out, sections };
}

function countWords(html: string) {
  return html
    .replace(/<[^>]+>/g, " ")
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w)).length;
}

type VFileLike = {
  line?: number;
  column?: number;
  place?: { line?: number; column?: number; start?: { line: number; column: number } };
  reason?: string;
  name?: string;
  cause?: unknown;
};
type EsbuildMessage = { text: string; location?: { line: number; column: number } | null; detail?: VFileLike };

/** Turns what mdx-bundler throws (an esbuild failure wrapping a vfile message) into located problems. */
function mdxErrorToProblems(error: unknown, file: string): Problem[] {
  const e = error as { errors?: EsbuildMessage[]; message?: string } & VFileLike;
  const messages: { text: string; detail?: VFileLike; location?: EsbuildMessage["location"] }[] =
    Array.isArray(e.errors) && e.errors.length > 0 ? e.errors : [{ text: e.message ?? String(error), detail: e }];
  return messages.map((m) => {
    // The innermost cause is the MDX parser's own message, with the real position.
    let v: VFileLike | undefined = m.detail;
    while (v && typeof v.cause === "object" && v.cause && "reason" in (v.cause as object)) v = v.cause as VFileLike;
    const reason = v?.reason ?? m.text.split("\n").pop()!;
    const pos =
      positionFrom(v, reason) ?? (m.location && m.location.line > 0 ? { line: m.location.line, column: m.location.column + 1 } : { line: 1, column: 1 });
    return {
      file,
      ...pos,
      severity: "error" as const,
      message: `MDX: ${reason
        .replace(/\s*\(\d+:\d+(-\d+:\d+)?\)\s*$/, "")
        .replace(/^\s*\d+:\d+(-\d+:\d+)?:\s*/, "")
        .trim()}`,
    };
  });
}

function positionFrom(v: VFileLike | undefined, reason: string): { line: number; column: number } | undefined {
  if (!v) return undefined;
  if (typeof v.line === "number" && v.line > 0) return { line: v.line, column: v.column ?? 1 };
  const place = v.place?.start ?? v.place;
  if (place && typeof place.line === "number" && place.line > 0) return { line: place.line, column: (place as { column?: number }).column ?? 1 };
  const inReason = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(reason);
  if (inReason) return { line: Number(inReason[1]), column: Number(inReason[2]) };
  return undefined;
}

function renderErrorToProblem(error: unknown, file: string, source: string): Problem {
  const message = (error as Error).message ?? String(error);
  const missing = /Expected component `([^`]+)` to be defined/.exec(message);
  if (missing) {
    const name = missing[1]!;
    const lines = source.split("\n");
    const index = lines.findIndex((l) => l.includes(`<${name}`));
    return {
      file,
      line: index >= 0 ? index + 1 : 1,
      column: index >= 0 ? lines[index]!.indexOf(`<${name}`) + 1 : 1,
      severity: "error",
      message: `unknown component <${name}>; see content/README.md for the components you can use`,
    };
  }
  return { file, line: 1, column: 1, severity: "error", message: `render: ${message.split("\n")[0]}` };
}
