import type { Route } from "./+types/root";
import type { ShouldRevalidateFunctionArgs } from "react-router";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError } from "react-router";
import type { ReactNode } from "react";
import { getSignedIn, sessionMiddleware } from "~/auth/auth.server";
import { offlineKeys } from "~/offline/keys.server";
import { OfflineSupport } from "~/components/offline";
import { wantsDataSaver } from "~/utils/data-saver.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { scopeOf } from "~/access/scope.server";
import { useNonce } from "~/components/nonce";
import { useRootData } from "~/root-data";
import { useT } from "~/i18n/i18n";
import { clientMessages } from "~/i18n/client-messages.server";
import { isStaff } from "~/access/guards.server";
import { getEnv } from "~/env.server";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { ContentLiveReload } from "~/components/content-live-reload";
import stylesHref from "~/styles/app.css?url";
import { LANGUAGE_CHOICES } from "~/i18n/languages.server";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
];

export function meta() {
  return [{ title: "Co-op Campus" }];
}

/** Every request, page, data or file: who is asking is looked up once, and a renewed session cookie set on the answer. */
export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

/** Root: who is signed in (name only) and whether to send client JavaScript at all. Public. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const signedIn = await getSignedIn(request, context);
  const user = signedIn?.user ?? null;
  const lang = negotiateLanguage(request, user);
  const dataSaver = wantsDataSaver(request, user);
  const staff = !!user && (await isStaff(user));
  const staffTools = getEnv().nodeEnv === "development" || staff;
  return {
    user: user ? { name: user.name, isAdmin: user.isAdmin, reporter: !!(await scopeOf(context.db, user)), teaches: !user.isAdmin && staff } : null,
    lang,
    languages: LANGUAGE_CHOICES,
    // Trainers' tools appear for staff, and problems in content for everyone while developing.
    t: clientMessages(lang, new URL(request.url).pathname, { staff: () => staffTools }),
    dataSaver,
    offline: offlineKeys(signedIn),
  };
}

/**
 * The root's data carries the page's interface texts, chosen by its path: it
 * is loaded again whenever the path changes (the router would otherwise keep the
 * first page's root data during in-app navigation).
 */
export function shouldRevalidate({ currentUrl, nextUrl, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  // No client JavaScript in data-saver mode, nor on pages that declare they need none (handle.scripts = false).
  const matches = useMatches();
  const scripts = !data?.dataSaver && !matches.some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false);
  const skip = useT().m.layout.skip;
  return (
    <html lang={data?.lang ?? "en"} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5d3b" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {skip}
        </a>
        <SiteHeader user={data?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        {scripts ? <ScrollRestoration nonce={nonce} /> : null}
        {scripts ? <Scripts nonce={nonce} /> : null}
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      {import.meta.env.DEV ? <ContentLiveReload /> : null}
      <OfflineSupport />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { m } = useT();
  const e = m.errors;
  if (isRouteErrorResponse(error)) {
    const body = (typeof error.data === "object" ? error.data : null) as { message?: string; code?: string } | null;
    const server = m.serverErrors as Record<string, string>;
    // A known code is said in the reader's language; other messages as the server wrote them.
    const message = body?.code && body.code in server ? server[body.code] : typeof error.data === "string" ? error.data : body?.message;
    return (
      <div className="page narrow">
        <h1>{error.status === 404 ? e.notFound : error.status === 403 ? e.notAllowed : e.wrong}</h1>
        <p>{message ?? (error.status === 404 ? e.notFoundText : error.statusText)}</p>
        <p>
          <a href="/courses">{e.browse}</a>
        </p>
        <p>
          <a href="/">{e.home}</a>
        </p>
      </div>
    );
  }
  console.error(error);
  return (
    <div className="page narrow">
      <h1>{e.wrong}</h1>
      <p>{e.wrongText}</p>
      <p>
        <a href="/">{e.home}</a>
      </p>
    </div>
  );
}
