import type { AppLoadContext } from "react-router";
import { data } from "react-router";
import { requireUser } from "./auth.server";
import { httpError } from "~/utils/http-errors";

/** Site administrators only. */
export function requireAdmin(request: Request, context: AppLoadContext) {
  const user = requireUser(request, context);
  if (!user.isAdmin) throw httpError(403, "adminsOnly");
  return user;
}
