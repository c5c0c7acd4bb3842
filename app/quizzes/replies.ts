/**
 * What the server answers to a quiz submission, the same from the module
 * page's action (a form posted without JavaScript) and from the attempts
 * endpoint (the enhanced form): the client and server share these shapes.
 */

export type QuizResult = {
  score: number;
  passed: boolean;
  attemptNumber: number;
  moduleCompleted: boolean;
  /** This attempt completed the whole course: its certificate's code, to show and share at once. */
  courseCompleted: boolean;
  certificateCode: string | null;
  /** The certificate's short public address, to share. */
  certificateUrl: string | null;
  /** The completion card's texts, in the learner's language (a module page does not carry them otherwise). */
  completeTexts?: import("~/i18n/messages").Messages["complete"];
  questions: { id: string; credit: number; explanation?: string }[];
};

/** A learner's standing on one quiz: attempts made, best score (the one that counts), passed, attempts left. */
export type QuizStanding = { attempts: number; best: number | null; passed: boolean; remaining: number | null };

/**
 * Every answer carries the key for the next submission, so a quick retake is
 * never mistaken for a resend; a graded one carries the learner's standing
 * after it, so the page can show it without loading the module again.
 */
export type QuizReply =
  | { ok: true; quizId: string; result: QuizResult; answers: Record<string, string[]>; nextAttemptKey: string; standing: QuizStanding }
  | {
      ok: false;
      quizId?: string;
      message?: string;
      errors?: Record<string, string>;
      answers?: Record<string, string[]>;
      nextAttemptKey?: string;
      /** Set when the answer was refused because nobody is signed in: where to sign in and come back. */
      login?: string;
    };

/** Where the enhanced quiz form (and the offline queue) posts the answers of a module page. */
export const attemptsUrlOf = (modulePath: string) => `${modulePath.replace(/\/+$/, "")}/attempts`;

/** The module page an attempts URL belongs to, or null when the path is not one. */
export function attemptsTarget(pathname: string): { course: string; module: string } | null {
  const m = /^\/courses\/([^/]+)\/([^/]+)\/attempts\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return { course: decodeURIComponent(m[1]!), module: decodeURIComponent(m[2]!) };
  } catch {
    return null;
  }
}
