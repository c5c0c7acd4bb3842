/**
 * One quiz submission, from the form's fields to the reply: the fields
 * checked with a schema, the answers read against the version of the quiz
 * the learner was shown, the attempt graded and stored, and every refusal
 * told in the learner's language with its status. The module page's action
 * (forms posted without JavaScript) and the attempts endpoint (the enhanced
 * form) both call this, so they cannot drift apart.
 *
 * Submissions that arrive together are stored in one transaction (group
 * commit, decision 0012): the reply comes once the attempt is durable.
 */
import { z } from "zod";
import { quizzesIn, type CatalogCourse, type CatalogModule } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import { LANGUAGES } from "~/i18n/languages.server";
import { signCertificatesSoon } from "~/certificates/signing.server";
import { getDb, type Tx } from "~/db/client.server";
import { inGroupCommit } from "~/db/group-commit.server";
import { messages } from "~/i18n/messages";
import { format } from "~/i18n/format";
import { LearningError } from "~/learning/enrolment.server";
import { submitAttempt } from "./attempts.server";
import { parseSubmission } from "./grading";
import type { QuizReply } from "./replies";
import { certificateOf } from "~/certificates/issue.server";
import { shortCertificatePath } from "~/components/course-complete";
import { getEnv } from "~/env.server";

/** The fields of a quiz form besides the answers (which are `q.<question id>`). */
export const quizFieldsSchema = z.object({
  quizId: z.string().min(1).max(100),
  attemptKey: z.string().max(100),
  language: z.enum(LANGUAGES).optional(),
});

/** What both a FormData and URLSearchParams offer. */
export type QuizFields = {
  get(name: string): FormDataEntryValue | null;
  entries(): IterableIterator<[string, FormDataEntryValue]>;
};

export type QuizSubmission = {
  userId: number;
  course: CatalogCourse;
  module: CatalogModule;
  fields: QuizFields;
  /** The learner's interface language, for messages. */
  language: Language;
};

export async function answerQuiz(input: QuizSubmission): Promise<{ status: number; reply: QuizReply }> {
  const { status, reply, courseCompleted } = await inGroupCommit(getDb(), (tx) => answerNow(tx, input));
  // The certificate was issued in the committed transaction; its credential is signed after it.
  if (courseCompleted) void signCertificatesSoon();
  return { status, reply };
}

async function answerNow(tx: Tx, input: QuizSubmission): Promise<{ status: number; reply: QuizReply; courseCompleted?: boolean }> {
  const { userId, course, module, fields, language } = input;
  const qe = messages[language].quizErrors;
  const parsed = quizFieldsSchema.safeParse({
    quizId: fields.get("quizId"),
    attemptKey: fields.get("attemptKey"),
    language: fields.get("language") ?? undefined,
  });
  if (!parsed.success) return { status: 400, reply: { ok: false, message: qe.unreadableForm } };
  const { quizId, attemptKey, language: shown } = parsed.data;
  // Graded against the version the learner was shown (its choices and accepted answers); attempts count by quiz id whatever the language.
  const quiz = quizzesIn(module, shown).find((q) => q.id === quizId);
  if (!quiz) return { status: 404, reply: { ok: false, message: qe.noSuchQuiz } };
  const submission = parseSubmission(quiz, fields.entries(), language);
  if (!submission.ok) {
    return {
      status: 400,
      reply: {
        ok: false,
        quizId,
        message: submission.errors.form ?? qe.someMissing,
        errors: submission.errors.questions,
        answers: submission.answers,
        nextAttemptKey: attemptKey, // nothing was stored: the same key stays good
      },
    };
  }
  try {
    const outcome = await submitAttempt(tx, { userId, course, module, quiz, answers: submission.answers, idempotencyKey: attemptKey });
    return {
      status: 200,
      courseCompleted: outcome.courseCompleted,
      reply: {
        ok: true,
        quizId,
        nextAttemptKey: crypto.randomUUID(),
        answers: outcome.attempt.answers,
        standing: outcome.standing,
        result: {
          score: outcome.grade.score,
          passed: outcome.grade.passed,
          attemptNumber: outcome.attempt.attemptNumber,
          moduleCompleted: outcome.moduleCompleted,
          courseCompleted: outcome.courseCompleted,
          ...certificateOfCompletion(outcome.courseCompleted ? (await certificateOf(tx, userId, course.slug))?.code : undefined),
          ...(outcome.courseCompleted ? { completeTexts: messages[language].complete } : {}),
          questions: outcome.grade.questions.map((q) => ({ id: q.id, credit: q.credit, explanation: q.explanation })),
        },
      },
    };
  } catch (error) {
    if (error instanceof LearningError) return { status: error.status, reply: { ok: false, quizId, message: learningMessage(error, language) } };
    throw error;
  }
}

function certificateOfCompletion(code: string | undefined) {
  return { certificateCode: code ?? null, certificateUrl: code ? `${getEnv().origin}${shortCertificatePath(code)}` : null };
}

/** A refused learning action in the learner's language (the English message when it has no key). */
export function learningMessage(error: LearningError, language: Language) {
  const t = messages[language].learningErrors;
  if (!error.problem) return error.message;
  if (error.problem === "noAttemptsLeft") return format(language, t.noAttemptsLeft, { n: error.count ?? 0 });
  return t[error.problem];
}
