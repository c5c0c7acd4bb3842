import { Link } from "react-router";
import { useT } from "~/i18n/i18n";
import type { Messages } from "~/i18n/messages";

/** Its texts: from the page's own data where the page carries them only when a course is complete (a module page). */
export type CompleteTexts = Messages["complete"];

/** The short public address of a certificate, for a text message: /c/ and its code without hyphens. */
export const shortCertificatePath = (code: string) => `/c/${code.replace(/-/g, "")}`;

/**
 * The end of a course as a moment: the certificate to view, print as PDF,
 * and share where people share things here (WhatsApp, a text message),
 * with a short public address anyone can open to check it.
 */
export function CourseComplete({ course, code, shareUrl, id, texts }: { course: string; code: string; shareUrl: string; id?: string; texts?: CompleteTexts }) {
  const { m, f } = useT();
  const t = texts ?? m.complete;
  const url = shareUrl;
  const text = f(t.shareText, { course, url });
  return (
    <section className="course-complete" id={id} tabIndex={id ? -1 : undefined} aria-labelledby={`${id ?? "course-complete"}-title`}>
      <h2 id={`${id ?? "course-complete"}-title`}>{t.title}</h2>
      <p>{f(t.lead, { course })}</p>
      <p className="actions">
        <Link to={`/certificates/${code}`} className="button big">
          {t.view}
        </Link>
        <a href={`/certificates/${code}.pdf`} className="button secondary">
          {t.pdf}
        </a>
      </p>
      <h3>{t.share}</h3>
      <p>
        {t.shareLead} <strong className="join-code">{url}</strong>
      </p>
      <p className="actions">
        <a className="button secondary" href={`https://wa.me/?text=${encodeURIComponent(text)}`} rel="noopener noreferrer">
          {t.whatsApp}
        </a>
        <a className="button secondary" href={`sms:?&body=${encodeURIComponent(text)}`}>
          {t.sms}
        </a>
      </p>
    </section>
  );
}
