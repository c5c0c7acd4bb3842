import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { getUser, logOut } from "~/auth/auth.server";
import { useT } from "~/i18n/i18n";
import { metaText, titled } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: titled(metaText(matches).auth.logOutTitle) }];

/** GET shows a one-button page (a link alone must not end a session); signed-out visitors go home. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!getUser(request, context)) throw redirect("/");
  return null;
}

/**
 * Anyone: deletes the session row and clears the cookie. The browser is also
 * told to drop its HTTP cache; the pages saved for offline reading go too
 * (the next page tells the service worker that nobody is signed in).
 */
export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": logOut(request), "Clear-Site-Data": '"cache"' } });
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
