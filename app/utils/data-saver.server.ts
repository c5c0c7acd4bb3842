import type { User } from "~/db/schema";

/** Data-saver mode: the browser's Save-Data header or the person's own setting. */
export function wantsDataSaver(request: Request, user: Pick<User, "dataSaver"> | null): boolean {
  return request.headers.get("Save-Data")?.toLowerCase() === "on" || user?.dataSaver === true;
}
