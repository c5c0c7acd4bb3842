/**
 * What reading cookies, the language and the scheme needs of a request. A web
 * `Request` has it; so does the quiz-answers lane's cheap view of a node
 * request (app/server/attempts-lane.server.ts, decision 0017), which skips
 * building a web Request, the costliest step of a small request on Node 20.
 */
export type RequestLike = {
  readonly url: string;
  readonly headers: { get(name: string): string | null };
};
