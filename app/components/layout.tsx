import { Form, Link, NavLink, useLocation } from "react-router";
import { useT } from "~/i18n/i18n";
import { useRootData } from "~/root-data";

/** Two linked rings, for co-operation, with a health cross where they meet: about 300 bytes, drawn inline. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="12" cy="16" r="8.5" fill="none" stroke="#e9b949" strokeWidth="3" />
      <circle cx="20" cy="16" r="8.5" fill="none" stroke="#fff" strokeWidth="3" />
      <path d="M16 12.5v7M12.5 16h7" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

/** The site's languages, each named in itself (the root loader sends them: one per catalog). */
const useLanguages = () => useRootData()?.languages ?? [];

/** The choices of a language field (sign-up, settings), each named in its own language. */
export function LanguageOptions() {
  return (
    <>
      {useLanguages().map((l) => (
        <option key={l.code} value={l.code} lang={l.code}>
          {l.name}
        </option>
      ))}
    </>
  );
}

/**
 * The language, one tap from the top of every page: a plain form whose three buttons each post the choice
 * (it works without JavaScript), then come back to this very page. Each button names its language in that
 * language.
 */
function LanguageChoice() {
  const { lang, m } = useT();
  const location = useLocation();
  const languages = useLanguages();
  return (
    <Form method="post" action="/settings" className="languages">
      <input type="hidden" name="intent" value="language" />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <fieldset>
        <legend className="visually-hidden">{m.layout.chooseLanguage}</legend>
        {languages.map((l) => (
          <button key={l.code} type="submit" name="locale" value={l.code} lang={l.code} aria-pressed={l.code === lang}>
            {l.short}
            <span className="visually-hidden"> {l.name}</span>
          </button>
        ))}
      </fieldset>
    </Form>
  );
}

export function SiteHeader({ user }: { user: { name: string; isAdmin: boolean; reporter?: boolean; teaches?: boolean } | null }) {
  const { m } = useT();
  return (
    <header className="site-header">
      <div className="bar">
        <Link to="/" className="brand">
          <Logo />
          {m.layout.brand}
        </Link>
        <LanguageChoice />
        <nav aria-label={m.layout.mainNav} className="site-nav">
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
                {user.teaches ? (
                  <li>
                    <NavLink to="/teach">{m.layout.teach}</NavLink>
                  </li>
                ) : null}
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

export function SiteFooter() {
  const { m } = useT();
  return (
    <footer className="site-footer">
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
