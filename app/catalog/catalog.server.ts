import fs from "node:fs";
import path from "node:path";
import { getEnv } from "~/env.server";
import { sameChoiceLayout, type QuizDefinition } from "~/quizzes/definition";
import { DiskCache, getRendererFingerprint, sha256 } from "./cache.server";
import { untouchedScaffold } from "./scaffold.server";
import { linksLeavingFolder, normaliseAssetPath, resolveCourseFile } from "./course-files.server";
import { compileModule, type CompiledModule, type CompileResult } from "./compile.server";
import { courseYamlSchema, moduleFilePattern, type CourseYaml } from "./schemas";
import type { Problem } from "./types";
import type { Language } from "~/i18n/language";
import { parseYamlWithPositions } from "./yaml-positions";
import { LANGUAGE_SUFFIX } from "~/i18n/languages.server";
import { withFrenchSpaces } from "./french-spaces";

export type CatalogModule = {
  slug: string;
  number: number;
  /** Path of the original-language file, relative to the working directory. */
  file: string;
  title: string;
  summary?: string;
  minutes: number;
  draft: boolean;
  /** SHA-256 of the original-language source: stored with progress and quiz attempts. */
  contentHash: string;
  /** Compiled content per language; the course's first language is always there. */
  variants: Partial<Record<Language, CompiledModule>>;
  quizzes: QuizDefinition[];
};

export type CatalogCourse = {
  slug: string;
  dir: string;
  meta: CourseYaml & { certificateTitle: string };
  modules: CatalogModule[];
  contentHash: string;
  estimatedMinutes: number;
};

export type Catalog = {
  courses: Map<string, CatalogCourse>;
  problems: Problem[];
  stats: { modules: number; compiled: number; cached: number; ms: number };
  loadedAt: Date;
};

export type LoadOptions = {
  contentDir: string;
  cacheDir?: string;
  /** Only courses whose folder or files lie under this path (content check <path>). */
  only?: string;
  concurrency?: number;
};

const rel = (abs: string) => path.relative(process.cwd(), abs) || abs;

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/** Discovers, validates and compiles every course under contentDir/courses. */
export async function loadCatalog(options: LoadOptions): Promise<Catalog> {
  const started = performance.now();
  options = { ...options, contentDir: path.resolve(options.contentDir) };
  const coursesDir = path.join(options.contentDir, "courses");
  const cache = options.cacheDir ? new DiskCache<CompileResult>(path.join(options.cacheDir, "catalog")) : undefined;
  const fingerprint = getRendererFingerprint();
  const problems: Problem[] = [];
  const courses = new Map<string, CatalogCourse>();
  const stats = { modules: 0, compiled: 0, cached: 0, ms: 0 };

  let slugs: string[] = [];
  try {
    slugs = fs
      .readdirSync(coursesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    problems.push({ file: rel(coursesDir), line: 1, column: 1, severity: "error", message: "content folder has no courses/ directory" });
  }
  if (options.only) {
    const only = path.resolve(options.only);
    slugs = slugs.filter((s) => {
      const dir = path.join(coursesDir, s);
      return only === coursesDir || only === options.contentDir || only.startsWith(dir + path.sep) || only === dir || dir.startsWith(only + path.sep);
    });
  }

  type Job = { course: string; language: Language; abs: string; number: number; slug: string };
  const pending: { slug: string; dir: string; meta: CourseYaml; yamlSource: string; jobs: Job[]; valid: boolean }[] = [];

  for (const slug of slugs) {
    const dir = path.join(coursesDir, slug);
    const yamlFile = path.join(dir, "course.yaml");
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      problems.push({
        file: rel(dir),
        line: 1,
        column: 1,
        severity: "error",
        message: `course folder "${slug}" must use lower-case letters, digits and hyphens`,
      });
      continue;
    }
    let yamlSource: string;
    try {
      yamlSource = fs.readFileSync(yamlFile, "utf8");
    } catch {
      problems.push({ file: rel(yamlFile), line: 1, column: 1, severity: "error", message: "course.yaml is missing" });
      continue;
    }
    const parsed = parseYamlWithPositions(yamlSource, courseYamlSchema, rel(yamlFile));
    problems.push(...parsed.problems, ...untouchedScaffold(rel(yamlFile), yamlSource));
    // An invalid course.yaml leaves the course out, but its modules are still checked, so every problem shows at once.
    const valid = parsed.data !== undefined;
    const meta = withFrenchSpaces(parsed.data ?? courseYamlSchema.parse({ title: slug, summary: slug }));

    const jobs: Job[] = [];
    const numbers = new Map<number, string>();
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith(".mdx")) continue;
      const m = moduleFilePattern.exec(name);
      if (!m) {
        problems.push({
          file: rel(path.join(dir, name)),
          line: 1,
          column: 1,
          severity: "error",
          message: "module files are named NN-slug.mdx (or NN-slug.fr.mdx for a translation)",
        });
        continue;
      }
      const number = Number(m[1]);
      const moduleSlug = m[2]!;
      const language = (m[3] as Language | undefined) ?? meta.languages[0]!;
      if (!m[3]) {
        const other = numbers.get(number);
        if (other && other !== moduleSlug) {
          problems.push({
            file: rel(path.join(dir, name)),
            line: 1,
            column: 1,
            severity: "error",
            message: `module number ${m[1]} is also used by "${other}"`,
          });
          continue;
        }
        numbers.set(number, moduleSlug);
      } else if (!meta.languages.includes(language)) {
        problems.push({
          file: rel(path.join(dir, name)),
          line: 1,
          column: 1,
          severity: "warning",
          message: `translation "${language}" is not listed in course.yaml languages`,
        });
      }
      jobs.push({ course: slug, language, abs: path.join(dir, name), number, slug: moduleSlug });
    }
    const sorted = [...numbers.keys()].sort((a, b) => a - b);
    sorted.forEach((n, i) => {
      if (n !== i + 1) {
        problems.push({
          file: rel(path.join(dir, `${String(n).padStart(2, "0")}-${numbers.get(n)}.mdx`)),
          line: 1,
          column: 1,
          severity: "error",
          message: `module numbers must run 01, 02, … without gaps: expected ${String(i + 1).padStart(2, "0")}`,
        });
      }
    });
    for (const job of jobs) {
      if (job.language !== meta.languages[0] && !numbers.has(job.number)) {
        problems.push({ file: rel(job.abs), line: 1, column: 1, severity: "error", message: "translation has no original module beside it" });
      }
    }
    if (parsed.data?.cover) {
      const cover = resolveCourseFile(dir, parsed.data.cover);
      if (!cover)
        problems.push({
          file: rel(yamlFile),
          line: 1,
          column: 1,
          severity: "error",
          message: `cover "${parsed.data.cover}" is not a file in the course folder`,
        });
      else if (cover.stat.size > 15 * 1024)
        problems.push({
          file: rel(yamlFile),
          line: 1,
          column: 1,
          severity: "warning",
          message: `cover "${parsed.data.cover}" is ${Math.round(cover.stat.size / 1024)} KB: keep it under 15 KB (learners pay for every byte)`,
        });
    }
    for (const link of linksLeavingFolder(dir)) {
      problems.push({
        file: rel(path.join(dir, link)),
        line: 1,
        column: 1,
        severity: "error",
        message: "this symbolic link leads outside the course folder, so it is never served: put the file itself in the folder",
      });
    }
    pending.push({ slug, dir, meta, yamlSource, jobs, valid });
  }

  const results = new Map<string, { source: string; result: CompileResult }>();
  const assetPrints = new Map(pending.map((p) => [p.slug, assetFingerprint(p.dir)]));
  const allJobs = pending.flatMap((p) => p.jobs.map((j) => ({ ...j, meta: p.meta, dir: p.dir, assets: assetPrints.get(p.slug)! })));
  await pool(allJobs, options.concurrency ?? 4, async (job) => {
    const source = fs.readFileSync(job.abs, "utf8");
    // Everything that shapes the output: the compiler, the file, the course's pass mark, and the course's other files
    // (a module that referred to a missing image must be checked again once the image is added).
    const key = sha256(fingerprint, rel(job.abs), String(job.meta.passMark), job.language, job.assets, source);
    let result = cache?.get(key);
    if (result) stats.cached++;
    else {
      result = await compileModule({
        file: rel(job.abs),
        source,
        cwd: job.dir,
        courseSlug: job.course,
        language: job.language,
        defaultPassMark: job.meta.passMark,
      });
      stats.compiled++;
      cache?.set(key, result);
    }
    stats.modules++;
    problems.push(...result.problems, ...untouchedScaffold(rel(job.abs), source));
    results.set(job.abs, { source, result });
  });

  for (const p of pending) {
    const primary = p.meta.languages[0]!;
    // Quiz ids are unique within a course, counted over every original-language file, compiled or not.
    const quizIds = new Map<string, string>();
    for (const j of p.jobs) {
      if (j.language !== primary) continue;
      for (const q of results.get(j.abs)?.result.quizIds ?? []) {
        const other = quizIds.get(q.id);
        if (other) problems.push({ file: rel(j.abs), line: q.line, column: 1, severity: "error", message: `quiz id "${q.id}" is also used in ${other}` });
        else quizIds.set(q.id, rel(j.abs));
      }
    }
    if (!p.valid) continue;
    const modules: CatalogModule[] = [];
    const bySlug = new Map<string, Job[]>();
    for (const j of p.jobs) bySlug.set(j.slug, [...(bySlug.get(j.slug) ?? []), j]);
    for (const [slug, jobs] of bySlug) {
      const original = jobs.find((j) => j.language === primary && !LANGUAGE_SUFFIX.test(j.abs)) ?? jobs.find((j) => j.language === primary);
      if (!original) continue;
      const base = results.get(original.abs);
      if (!base?.result.module) continue; // reported above; the rest of the course keeps serving
      const variants: CatalogModule["variants"] = { [primary]: base.result.module };
      for (const j of jobs) {
        if (j === original) continue;
        const r = results.get(j.abs)?.result.module;
        if (!r) continue;
        const missing = sameQuizIds(base.result.module, r);
        if (missing) {
          problems.push({
            file: rel(j.abs),
            line: 1,
            column: 1,
            severity: "error",
            message: `translation must carry the same quizzes and questions as the original: ${missing}`,
          });
          continue;
        }
        for (const q of unparallelChoices(base.result.module, r)) {
          problems.push({
            file: rel(j.abs),
            line: q.line,
            column: 1,
            severity: "warning",
            message: `quiz "${q.quizId}", question "${q.id}": the choices are not in the original's number and order (right answers in the same places); trainers' statistics count this version's answers apart`,
          });
        }
        variants[j.language] = r;
      }
      const fm = base.result.module.frontmatter;
      modules.push({
        slug,
        number: original.number,
        file: rel(original.abs),
        title: fm.title,
        summary: fm.summary,
        minutes: fm.minutes,
        draft: fm.draft,
        contentHash: sha256(base.source),
        variants,
        quizzes: base.result.module.quizzes,
      });
    }
    modules.sort((a, b) => a.number - b.number);
    if (modules.length === 0) {
      problems.push({ file: rel(path.join(p.dir, "course.yaml")), line: 1, column: 1, severity: "error", message: "course has no module that compiles" });
      continue;
    }
    courses.set(p.slug, {
      slug: p.slug,
      dir: p.dir,
      meta: { ...p.meta, certificateTitle: p.meta.certificateTitle ?? p.meta.title },
      modules,
      contentHash: sha256(p.yamlSource, ...modules.map((m) => m.contentHash)),
      estimatedMinutes: modules.reduce((sum, m) => sum + m.minutes, 0),
    });
  }

  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
  stats.ms = Math.round(performance.now() - started);
  return { courses, problems, stats, loadedAt: new Date() };
}

/** Names, sizes and times of the files in a course folder other than its modules and course.yaml. */
function assetFingerprint(dir: string): string {
  const entries: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (!e.name.endsWith(".mdx") && e.name !== "course.yaml") {
        const st = fs.statSync(abs);
        entries.push(`${path.relative(dir, abs)}:${st.size}:${Math.floor(st.mtimeMs)}`);
      } else if (e.name.endsWith(".mdx")) entries.push(path.relative(dir, abs)); // links between modules
    }
  };
  walk(dir);
  return sha256(...entries.sort());
}

/** Returns a description of what differs, or undefined when the quiz and question ids match. */
function sameQuizIds(a: CompiledModule, b: CompiledModule): string | undefined {
  const ids = (m: CompiledModule) => m.quizzes.flatMap((q) => [q.id, ...q.questions.map((x) => `${q.id}/${x.id}`)]).sort();
  const x = ids(a);
  const y = ids(b);
  const missing = x.filter((i) => !y.includes(i));
  const extra = y.filter((i) => !x.includes(i));
  if (missing.length === 0 && extra.length === 0) return undefined;
  return [missing.length ? `missing ${missing.join(", ")}` : "", extra.length ? `unexpected ${extra.join(", ")}` : ""].filter(Boolean).join("; ");
}

/** Questions whose translated choices cannot be matched to the original's by place (see app/quizzes/stats.ts). */
function unparallelChoices(a: CompiledModule, b: CompiledModule): { quizId: string; id: string; line: number }[] {
  return b.quizzes.flatMap((quiz) =>
    quiz.questions.flatMap((q) => {
      const original = a.quizzes.find((x) => x.id === quiz.id)?.questions.find((x) => x.id === q.id);
      if (!original || original.kind === "text" || q.kind === "text") return [];
      return sameChoiceLayout(original, q) ? [] : [{ quizId: quiz.id, id: q.id, line: q.line }];
    }),
  );
}

export function formatProblem(p: Problem) {
  return `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`;
}

let current: Promise<Catalog> | undefined;

/** The catalog of the content folder the environment names, loaded once per process. */
export function getCatalog(): Promise<Catalog> {
  if (!current) {
    const env = getEnv();
    current = loadCatalog({ contentDir: env.contentDir, cacheDir: env.cacheDir }).then((catalog) => {
      for (const p of catalog.problems) console.warn(`content: ${formatProblem(p)}`);
      return catalog;
    });
    current.catch(() => {
      current = undefined;
    });
  }
  return current;
}

/** Forgets the loaded catalog so the next request reloads it (tests). */
export function invalidateCatalog() {
  current = undefined;
}

/**
 * Development: reloads the content folder after a save. Unchanged modules come
 * from the disk cache, so only the saved file is compiled. A module that no
 * longer compiles keeps being served in its last good version, while its
 * problems are reported (and shown in its page).
 */
export async function reloadCatalog(): Promise<Catalog> {
  const previous = current ? await current.catch(() => undefined) : undefined;
  const env = getEnv();
  const next = await loadCatalog({ contentDir: env.contentDir, cacheDir: env.cacheDir });
  if (previous) keepLastGood(previous, next);
  current = Promise.resolve(next);
  return next;
}

function keepLastGood(previous: Catalog, next: Catalog) {
  const broken = new Set(next.problems.filter((p) => p.severity === "error").map((p) => p.file));
  for (const [slug, old] of previous.courses) {
    const course = next.courses.get(slug);
    if (!course) {
      if ([...broken].some((f) => f.startsWith(rel(old.dir) + path.sep))) next.courses.set(slug, old);
      continue;
    }
    for (const m of old.modules) {
      const now = course.modules.find((x) => x.slug === m.slug);
      if (!now) {
        if (broken.has(m.file)) course.modules.push(m);
        continue;
      }
      for (const [lang, variant] of Object.entries(m.variants)) {
        const key = lang as Language;
        if (!now.variants[key] && [...broken].some((f) => f === m.file.replace(/\.mdx$/, `.${lang}.mdx`))) now.variants[key] = variant;
      }
    }
    course.modules.sort((a, b) => a.number - b.number);
  }
}

/** Problems in a module's own files (any language), for the development error banner. */
export function problemsOf(catalog: Catalog, module: CatalogModule) {
  const base = module.file.replace(/\.mdx$/, "");
  return catalog.problems.filter((p) => p.file === module.file || (p.file.startsWith(base + ".") && p.file.endsWith(".mdx")));
}

export type Viewer = { isAdmin: boolean; trainerOf: ReadonlySet<string> } | null;

export function canSeeDrafts(viewer: Viewer, courseSlug: string) {
  return !!viewer && (viewer.isAdmin || viewer.trainerOf.has(courseSlug));
}

/** The courses a viewer may see, in catalog order (featured first, then title). */
export function visibleCourses(catalog: Catalog, viewer: Viewer = null): CatalogCourse[] {
  return [...catalog.courses.values()]
    .filter((c) => !c.meta.draft || canSeeDrafts(viewer, c.slug))
    .sort((a, b) => Number(b.meta.featured) - Number(a.meta.featured) || a.meta.title.localeCompare(b.meta.title));
}

export function findCourse(catalog: Catalog, slug: string, viewer: Viewer = null): CatalogCourse | undefined {
  const course = catalog.courses.get(slug);
  if (!course || (course.meta.draft && !canSeeDrafts(viewer, slug))) return undefined;
  return course;
}

/** Modules of a course a viewer may see, in order. */
export function visibleModules(course: CatalogCourse, viewer: Viewer = null) {
  return course.modules.filter((m) => !m.draft || canSeeDrafts(viewer, course.slug));
}

/**
 * Whether a course file may be sent to this viewer: one that a module they may see shows or offers (in any of
 * its languages). Files only draft modules use, and files no module uses, are for those who may see drafts.
 */
export function mayServeAsset(course: CatalogCourse, viewer: Viewer, relative: string): boolean {
  if (canSeeDrafts(viewer, course.slug)) return true;
  const file = normaliseAssetPath(relative);
  // The course's own cover is public wherever the course is.
  if (course.meta.cover && normaliseAssetPath(course.meta.cover) === file) return true;
  return visibleModules(course, viewer).some((m) => Object.values(m.variants).some((v) => v?.assets.includes(file)));
}

/**
 * A module's quizzes as written in one language: the same quiz and question
 * ids as the original (content check insists), with that version's choices,
 * accepted answers and explanations. The original when there is no such version.
 */
export function quizzesIn(module: CatalogModule, language: Language | undefined): QuizDefinition[] {
  return (language && module.variants[language]?.quizzes) || module.quizzes;
}
