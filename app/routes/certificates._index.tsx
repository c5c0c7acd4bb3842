import type { Route } from "./+types/certificates._index";
import { Link } from "react-router";
import { requireUser } from "~/auth/auth.server";
import { certificatesOf, certificateTitleIn } from "~/certificates/issue.server";
import { getCatalog } from "~/catalog/catalog.server";
import { negotiateLanguage } from "~/i18n/locale.server";
import { formatDate } from "~/catalog/views.server";
import { useT } from "~/i18n/i18n";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).pages.myCertificates) }];
}

/** The signed-in learner's own certificates only. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const language = negotiateLanguage(request, user);
  const courses = (await getCatalog()).courses;
  return {
    certificates: (await certificatesOf(context.db, user.id)).map((c) => ({
      code: c.code,
      courseTitle: certificateTitleIn(c, courses, language),
      issuedOn: formatDate(c.issuedAt, language),
      revoked: !!c.revokedAt,
    })),
  };
}

export default function MyCertificates({ loaderData }: Route.ComponentProps) {
  const { certificates } = loaderData;
  const { m, f } = useT();
  const p = m.pages;
  return (
    <div className="page">
      <h1>{p.myCertificates}</h1>
      {certificates.length === 0 ? (
        <p>
          {p.noCertificates} <Link to="/learn">{p.seeCourses}</Link>.
        </p>
      ) : (
        <ul className="cards">
          {certificates.map((c) => (
            <li key={c.code} className="card">
              <h2>
                <Link to={`/certificates/${c.code}`}>{c.courseTitle}</Link>
              </h2>
              <p>
                {f(p.issuedOn, { date: c.issuedOn })}
                {c.revoked ? <span className="badge"> {p.revoked}</span> : null}
              </p>
              <p>
                <a href={`/certificates/${c.code}.pdf`}>PDF</a> · {p.code} <code>{c.code}</code>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
