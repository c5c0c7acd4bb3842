import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

export function SiteHeader({ user }: { user: { name: string; isAdmin: boolean; reporter?: boolean } | null }) {
  const { m } = useT();
  return (
    <header className="site-header">
      <div className="bar">
        <Link to="/" className="brand">
          {m.layout.brand}
        </Link>
        <nav aria-label={m.layout.mainNav}>
          <ul>
            <li>
              <NavLink to="/courses">{m.layout.courses}</NavLink>
            </li>
            {user ? (
              <>
                <li>
                  <NavLink to="/learn">{m.layout.myLearning}</NavLink>
                </li>
                <li>
                  <NavLink to="/settings">{m.layout.settings}</NavLink>
                </li>
                <li>
                  <NavLink to="/certificates" end>
                    {m.layout.certificates}
                  </NavLink>
                </li>
                {user.reporter ? (
                  <li>
                    <NavLink to="/dashboard">{m.layout.dashboard}</NavLink>
                  </li>
                ) : null}
                {user.isAdmin ? (
                  <li>
                    <NavLink to="/admin">{m.layout.admin}</NavLink>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action="/logout" className="inline">
                    <button type="submit" className="link-button">
                      {m.layout.logOut}
                      <span className="visually-hidden"> {user.name}</span>
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/login">{m.layout.logIn}</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">{m.layout.signUp}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** A language switcher that is a plain form: it works without JavaScript. */
export function SiteFooter({ lang }: { lang: string }) {
  const { m } = useT();
  // Back to this very page after switching (from the router, so it stays right after in-app navigation).
  const path = useLocation().pathname;
  return (
    <footer className="site-footer">
      <Form method="post" action="/settings" className="language-switcher">
        <input type="hidden" name="intent" value="language" />
        <input type="hidden" name="redirectTo" value={path} />
        <label htmlFor="switch-language">{m.layout.language}</label>{" "}
        <select id="switch-language" name="locale" defaultValue={lang}>
          <option value="en">English</option>
          <option value="fr">Français</option>
          <option value="sw">Kiswahili</option>
        </select>{" "}
        <button type="submit" className="link-button">
          {m.layout.change}
        </button>
      </Form>
      <p>{m.layout.footer}</p>
    </footer>
  );
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div className="progress">
      <progress max={100} value={percent} aria-label={label}>
        {percent}%
      </progress>
      <span className="progress-text">{percent}%</span>
    </div>
  );
}
