import type { Route } from "./+types/logout";
import { redirect } from "react-router";
import { Form } from "react-router";
import { getUser, logOut } from "~/auth/auth.server";
import { useT } from "~/i18n/i18n";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).auth.logOutTitle) }];
}

/** GET shows a one-button page (a link alone must not end a session); signed-out visitors go home. */
export async function loader({ request, context }: Route.LoaderArgs) {
  if (!(await getUser(request, context))) throw redirect("/");
  return null;
}

/**
 * Anyone: deletes the session row and clears the cookie. The browser is also
 * told to drop its HTTP cache; the pages saved for offline reading go too
 * (the next page tells the service worker that nobody is signed in).
 */
export async function action({ request }: Route.ActionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await logOut(request), "Clear-Site-Data": '"cache"' } });
}

export default function LogOutPage() {
  const a = useT().m.auth;
  return (
    <div className="page narrow">
      <h1>{a.logOutTitle}</h1>
      <Form method="post">
        <button type="submit" className="button">
          {a.logOutNow}
        </button>
      </Form>
    </div>
  );
}
