import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireUser } from "./auth.server";

/** Site administrators only. */
export function requireAdmin(request: Request, context: AppLoadContext) {
  const user = requireUser(request, context);
  if (!user.isAdmin) throw data({ message: "This page is for site administrators." }, { status: 403 });
  return user;
}
