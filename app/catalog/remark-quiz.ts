/**
 * A remark plugin that lifts every <Quiz> out of a module at compile time.
 * The definition, answer key included, is handed to the catalog; the MDX tree
 * keeps only a <QuizSlot id="…"/> where the quiz stood, so no key can reach
 * the rendered page.
 */
import { createHash } from "node:crypto";
import type { Root } from "mdast";
import type { QuestionDefinition, QuizDefinition } from "~/quizzes/definition";
import type { Problem } from "./types";

type JsxAttribute = { type: string; name?: string; value?: unknown };
type JsxElement = {
  type: "mdxJsxFlowElement" | "mdxJsxTextElement";
  name: string | null;
  attributes: JsxAttribute[];
  children: unknown[];
  position?: { start: { line: number; column: number } };
};

export type QuizCollector = { quizzes: QuizDefinition[]; problems: Problem[] };

export type RemarkQuizOptions = {
  file: string;
  defaultPassMark: number;
  /** Lines added before the MDX body (the frontmatter), so positions match the file. */
  collector: QuizCollector;
};

const isJsx = (n: unknown): n is JsxElement =>
  typeof n === "object" && n !== null && ["mdxJsxFlowElement", "mdxJsxTextElement"].includes((n as { type: string }).type);

function attr(el: JsxElement, name: string): { present: boolean; value: unknown } {
  const a = el.attributes.find((x) => x.type === "mdxJsxAttribute" && x.name === name);
  if (!a) return { present: false, value: undefined };
  if (a.value === null || a.value === undefined) return { present: true, value: true };
  if (typeof a.value === "string") return { present: true, value: a.value };
  const expr = (a.value as { value?: string }).value?.trim() ?? "";
  if (expr === "true") return { present: true, value: true };
  if (expr === "false") return { present: true, value: false };
  if (expr !== "" && !Number.isNaN(Number(expr))) return { present: true, value: Number(expr) };
  const str = /^(["'`])(.*)\1$/s.exec(expr);
  if (str) return { present: true, value: str[2] };
  return { present: true, value: expr };
}

function textOf(node: unknown): string {
  if (!node || typeof node !== "object") return "";
  const n = node as { value?: unknown; children?: unknown[] };
  if (typeof n.value === "string" && !isJsx(node)) return n.value;
  return (n.children ?? []).map(textOf).join("");
}

/**
 * Opaque, stable choice identifier: it depends on which question and what the choice says (and, for two choices
 * worded alike, which of them it is), never on whether it is right nor on where the author placed it, so that a
 * shuffled question's ids do not give its authored order (where the right answer often stands first) away.
 */
export function choiceId(quizId: string, questionId: string, label: string, sameLabelBefore = 0): string {
  return "c" + createHash("sha256").update(`choice\u0000${quizId}\u0000${questionId}\u0000${label}\u0000${sameLabelBefore}`).digest("hex").slice(0, 10);
}

/** The id the same choice had before (it hashed the authored position): stored answers written then still read by it. */
export function legacyChoiceId(quizId: string, questionId: string, index: number, label: string): string {
  return "c" + createHash("sha256").update(`${quizId}\u0000${questionId}\u0000${index}\u0000${label}`).digest("hex").slice(0, 10);
}

export function remarkQuiz(options: RemarkQuizOptions) {
  const { file, defaultPassMark, collector } = options;
  const problem = (el: { position?: JsxElement["position"] } | undefined, message: string) =>
    collector.problems.push({
      file,
      line: el?.position?.start.line ?? 1,
      column: el?.position?.start.column ?? 1,
      severity: "error",
      message,
    });

  return () => (tree: Root) => {
    walk(tree as unknown as { children: unknown[] });
  };

  function walk(parent: { children: unknown[] }) {
    parent.children.forEach((child, index) => {
      if (isJsx(child) && child.name === "Quiz") {
        const quiz = readQuiz(child);
        const slot = {
          type: "mdxJsxFlowElement",
          name: "QuizSlot",
          attributes: quiz ? [{ type: "mdxJsxAttribute", name: "id", value: quiz.id }] : [],
          children: [],
        };
        parent.children[index] = slot;
        return;
      }
      if (isJsx(child) && (child.name === "Question" || child.name === "Choice")) {
        problem(child, `<${child.name}> must be inside a <Quiz>`);
      }
      const c = child as { children?: unknown[] };
      if (Array.isArray(c.children)) walk(c as { children: unknown[] });
    });
  }

  function readQuiz(el: JsxElement): QuizDefinition | undefined {
    const line = el.position?.start.line ?? 1;
    const id = attr(el, "id").value;
    if (typeof id !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      problem(el, typeof id === "string" ? `quiz id "${id}" must use lower-case letters, digits and hyphens` : "quiz has no id");
      return undefined;
    }
    let passMark = defaultPassMark;
    const pm = attr(el, "passMark");
    if (pm.present) {
      if (typeof pm.value !== "number" || pm.value < 0 || pm.value > 1) {
        problem(el, `quiz "${id}": passMark must be a number between 0 and 1`);
      } else passMark = pm.value;
    }
    let maxAttempts: number | null = null;
    const ma = attr(el, "maxAttempts");
    if (ma.present) {
      if (typeof ma.value !== "number" || !Number.isInteger(ma.value) || ma.value < 1) {
        problem(el, `quiz "${id}": maxAttempts must be a whole number of at least 1`);
      } else maxAttempts = ma.value;
    }
    const shuffle = attr(el, "shuffle").value === true;
    const questions: QuestionDefinition[] = [];
    let questionElements = 0;
    const seen = new Set<string>();
    for (const child of el.children) {
      if (!isJsx(child)) {
        if (textOf(child).trim()) problem(child as Pick<JsxElement, "position">, `quiz "${id}": only <Question> elements may stand inside a <Quiz>`);
        continue;
      }
      if (child.name !== "Question") {
        problem(child, `quiz "${id}": <${child.name}> is not allowed inside a <Quiz>; use <Question>`);
        continue;
      }
      questionElements++;
      const q = readQuestion(id, child);
      if (!q) continue;
      if (seen.has(q.id)) problem(child, `quiz "${id}": duplicate question id "${q.id}"`);
      seen.add(q.id);
      questions.push(q);
    }
    if (questionElements === 0) problem(el, `quiz "${id}" has no questions`);
    if (collector.quizzes.some((q) => q.id === id)) problem(el, `duplicate quiz id "${id}"`);
    const quiz = { id, passMark, maxAttempts, shuffle, questions, line };
    collector.quizzes.push(quiz);
    return quiz;
  }

  function readQuestion(quizId: string, el: JsxElement): QuestionDefinition | undefined {
    const line = el.position?.start.line ?? 1;
    const id = attr(el, "id").value;
    const prompt = attr(el, "prompt").value;
    const explanationAttr = attr(el, "explanation").value;
    const explanation = typeof explanationAttr === "string" ? explanationAttr : undefined;
    const kindAttr = attr(el, "kind");
    const kind = kindAttr.present ? kindAttr.value : "single";
    if (typeof id !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      problem(el, `quiz "${quizId}": a question has ${typeof id === "string" ? `an invalid id "${id}"` : "no id"}`);
      return undefined;
    }
    const where = `quiz "${quizId}", question "${id}"`;
    if (typeof prompt !== "string" || !prompt.trim()) {
      problem(el, `${where}: prompt is required`);
      return undefined;
    }
    if (kind !== "single" && kind !== "multiple" && kind !== "truefalse" && kind !== "text") {
      problem(el, `${where}: kind must be single, multiple, truefalse or text`);
      return undefined;
    }
    const children = el.children.filter(isJsx);
    if (kind === "text") {
      const answers = children
        .filter((c) => c.name === "Answer")
        .map((c) => textOf(c).trim())
        .filter(Boolean);
      if (answers.length === 0) {
        problem(el, `${where}: a text question needs at least one <Answer>`);
        return undefined;
      }
      return { id, kind, prompt: prompt.trim(), explanation, answers, line };
    }
    let raw: { label: string; correct: boolean }[];
    if (kind === "truefalse") {
      const answer = attr(el, "answer").value;
      if (answer !== true && answer !== false) {
        problem(el, `${where}: a truefalse question needs answer={true} or answer={false}`);
        return undefined;
      }
      raw = [
        { label: "True", correct: answer === true },
        { label: "False", correct: answer === false },
      ];
    } else {
      raw = children.filter((c) => c.name === "Choice").map((c) => ({ label: textOf(c).trim(), correct: attr(c, "correct").value === true }));
      for (const c of children) if (c.name !== "Choice") problem(c, `${where}: <${c.name}> is not allowed in a question; use <Choice>`);
      if (raw.length < 2) {
        problem(el, `${where}: a question needs at least two choices`);
        return undefined;
      }
      const correct = raw.filter((c) => c.correct).length;
      if (correct === 0) {
        problem(el, `${where}: no choice is marked correct`);
        return undefined;
      }
      if (kind === "single" && correct > 1) {
        problem(el, `${where}: a single-answer question has ${correct} correct choices; use kind="multiple"`);
        return undefined;
      }
      if (raw.some((c) => !c.label)) problem(el, `${where}: a choice is empty`);
    }
    const partialCredit = attr(el, "scoring").value === "partial";
    return {
      id,
      kind,
      prompt: prompt.trim(),
      explanation,
      partialCredit,
      choices: raw.map((c, i) => ({
        id: choiceId(quizId, id, c.label, raw.slice(0, i).filter((d) => d.label === c.label).length),
        legacyId: legacyChoiceId(quizId, id, i, c.label),
        label: c.label,
        correct: c.correct,
      })),
      line,
    };
  }
}
