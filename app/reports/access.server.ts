import type { AppLoadContext } from "react-router";
import { data } from "react-router";
import { requireUser } from "~/auth/auth.server";
import { getDb } from "~/db/client.server";
import { scopeOf, type Scope } from "~/access/scope.server";
import { httpError } from "~/utils/http-errors";

/** Coordinators (for the organisations they coordinate) and admins (for all). Others get 403; visitors log in. */
export function requireReporter(request: Request, context: AppLoadContext) {
  const user = requireUser(request, context);
  const scope: Scope | null = scopeOf(getDb(), user);
  if (!scope) throw httpError(403, "dashboardOnly");
  return { user, scope };
}
