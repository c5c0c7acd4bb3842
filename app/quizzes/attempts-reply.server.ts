/**
 * The reply to quiz answers sent to /courses/<course>/<module>/attempts: what
 * the quiz form sends when JavaScript runs, and what answers kept offline are
 * sent to when the connection returns. One function, called by the resource
 * route (app/routes/courses.$course.$module.attempts.ts) and by the server's
 * lane for these posts (server.ts; decision 0017): both sit behind the same
 * perimeter as every action (body limits, per-address cap, cross-site
 * refusal, admission), and both answer with exactly this.
 *
 * Its checks: the method (405), a form body (415), a signed-in learner (401,
 * with where to sign in), the course and module as this person may see them
 * (404), then `answerQuiz`, which the module page's action also calls, for the
 * schema, grading, storing and every refusal in the learner's language.
 */
import { lookUpSession, toViewer } from "~/auth/auth.server";
import { findCourse, getCatalog, visibleModules } from "~/catalog/catalog.server";
import { messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import type { QuizReply } from "~/quizzes/replies";
import { answerQuiz } from "~/quizzes/submission.server";
import type { RequestLike } from "~/utils/request-like";

export type AttemptRequest = RequestLike & { readonly method: string };
export type AttemptAnswer = { status: number; reply: QuizReply; headers: Record<string, string>; cookies: string[] };

/** `body` is the request's body, already read whole and bounded (app/server/bodies.server.ts). */
export async function replyToAttempt(request: AttemptRequest, target: { course: string; module: string }, body: string): Promise<AttemptAnswer> {
  let cookies: string[] = [];
  const answer = (status: number, reply: QuizReply, headers: Record<string, string> = {}): AttemptAnswer => ({
    status,
    reply,
    headers: { "Cache-Control": "no-store", ...headers },
    cookies,
  });
  // Known before the session only from the browser, so the first refusals use its language.
  const early = () => messages[negotiateLanguage(request, null)].quizErrors;
  if (request.method !== "POST") return answer(405, { ok: false, message: early().notTheForm }, { Allow: "POST" });
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return answer(415, { ok: false, message: early().notTheForm });

  // This lane runs before the framework (decision 0017): the session, and its renewed cookie, are looked up here.
  const session = await lookUpSession(request);
  if (session.cookie) cookies = [session.cookie];
  const user = session.signedIn?.user ?? null;
  const language = negotiateLanguage(request, user);
  const modulePath = `/courses/${encodeURIComponent(target.course)}/${encodeURIComponent(target.module)}`;
  if (!user) return answer(401, { ok: false, message: messages[language].quizErrors.signIn, login: `/login?redirectTo=${encodeURIComponent(modulePath)}` });
  const viewer = await toViewer(user);
  const course = findCourse(await getCatalog(), target.course, viewer);
  const module = course ? visibleModules(course, viewer).find((m) => m.slug === target.module) : undefined;
  if (!course || !module) return answer(404, { ok: false, message: messages[language].serverErrors[course ? "noModule" : "noCourse"] });
  // Invalid UTF-8 became U+FFFD, which no choice id matches and the schema and grading then refuse or mark wrong.
  const { status, reply } = await answerQuiz({ userId: user.id, course, module, fields: new URLSearchParams(body), language });
  return answer(status, reply);
}
