import type { Route } from "./+types/settings_.data[.json]";
import { requireUser } from "~/auth/auth.server";
import { personalData } from "~/auth/personal-data.server";
import { getCatalog } from "~/catalog/catalog.server";
import { getEnv } from "~/env.server";

/** The signed-in person's own data, as a JSON file to keep (app/auth/personal-data.server.ts). Nobody else's, ever. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const body = await personalData(context.db, user.id, { courses: (await getCatalog()).courses, origin: getEnv().origin });
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="co-op-campus-my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
