import type { User } from "~/db/schema";

/** Data-saver mode: the browser's Save-Data header or the person's own setting. */
export function wantsDataSaver(request: Request, user: Pick<User, "dataSaver"> | null): boolean {
  // Tolerant: a header set twice arrives combined ("on, on").
  return /(^|[\s,])on($|[\s,;])/i.test(request.headers.get("Save-Data") ?? "") || user?.dataSaver === true;
}
