/**
 * POST /courses/<course>/<module>/attempts: quiz answers sent with JavaScript,
 * answered with small JSON (app/quizzes/attempts-reply.server.ts). In
 * production server.ts answers POSTs to this address with the same function
 * in a lane of its own, after the same perimeter, without the framework's
 * routing (decision 0017); this route answers them in development and in
 * tests, and answers every other method.
 */
import type { Route } from "./+types/courses.$course.$module.attempts";
import { replyToAttempt, type AttemptAnswer } from "~/quizzes/attempts-reply.server";

function toResponse({ status, reply, headers, cookies }: AttemptAnswer): Response {
  const h = new Headers(headers);
  for (const c of cookies) h.append("Set-Cookie", c);
  return Response.json(reply, { status, headers: h });
}

/** Only POST: anything else is told which method this address takes. */
export async function loader({ request, params }: Route.LoaderArgs) {
  return toResponse(await replyToAttempt(request, params, ""));
}

export async function action({ request, params }: Route.ActionArgs) {
  return toResponse(await replyToAttempt(request, params, await request.text()));
}
