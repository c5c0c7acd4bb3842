/** Types shared by the server catalog and the routes. Nothing here may hold an answer key. */

export type Severity = "error" | "warning";

/** One problem found in the content folder, located like a compiler message. */
export type Problem = {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
};

/** What a learner's browser may receive about a quiz: prompts and opaque choice ids, never the key. */
export type PublicChoice = { id: string; label: string };
export type PublicQuestion =
  { id: string; kind: "single" | "multiple" | "truefalse"; prompt: string; choices: PublicChoice[] } | { id: string; kind: "text"; prompt: string };
export type PublicQuiz = {
  id: string;
  passMark: number;
  maxAttempts: number | null;
  shuffle: boolean;
  questions: PublicQuestion[];
};

/** A rendered module is HTML with quiz slots between its parts. */
export type Segment = { type: "html"; html: string } | { type: "quiz"; id: string };
