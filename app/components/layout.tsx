import { Form, Link, NavLink } from "@remix-run/react";

export function SiteHeader({ user }: { user: { name: string; isAdmin: boolean; reporter?: boolean } | null }) {
  return (
    <header className="site-header">
      <div className="bar">
        <Link to="/" className="brand">
          Co-op Campus
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/courses">Courses</NavLink>
            </li>
            {user ? (
              <>
                <li>
                  <NavLink to="/learn">My learning</NavLink>
                </li>
                <li>
                  <NavLink to="/settings">Settings</NavLink>
                </li>
                <li>
                  <NavLink to="/certificates" end>
                    Certificates
                  </NavLink>
                </li>
                {user.reporter ? (
                  <li>
                    <NavLink to="/dashboard">Dashboard</NavLink>
                  </li>
                ) : null}
                {user.isAdmin ? (
                  <li>
                    <NavLink to="/admin">Admin</NavLink>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action="/logout" className="inline">
                    <button type="submit" className="link-button">
                      Log out<span className="visually-hidden"> {user.name}</span>
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/login">Log in</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">Sign up</NavLink>
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
export function SiteFooter({ lang, path }: { lang: string; path: string }) {
  return (
    <footer className="site-footer">
      <Form method="post" action="/settings" className="language-switcher">
        <input type="hidden" name="intent" value="language" />
        <input type="hidden" name="redirectTo" value={path} />
        <label htmlFor="switch-language">Language</label>{" "}
        <select id="switch-language" name="locale" defaultValue={lang}>
          <option value="en">English</option>
          <option value="fr">Français</option>
          <option value="sw">Kiswahili</option>
        </select>{" "}
        <button type="submit" className="link-button">
          Change
        </button>
      </Form>
      <p>
        Co-op Campus: learning for co-operatives, with the International Health Cooperative Organisation and the ILO's
        cooperatives unit.
      </p>
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
