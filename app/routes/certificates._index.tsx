import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { certificatesOf } from "~/certificates/issue.server";
import { formatDate } from "~/catalog/views.server";
import { getDb } from "~/db/client.server";

export const meta: MetaFunction = () => [{ title: "My certificates · Co-op Campus" }];

/** The signed-in learner's own certificates only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return {
    certificates: certificatesOf(getDb(), user.id).map((c) => ({
      code: c.code,
      courseTitle: c.courseTitle,
      issuedOn: formatDate(c.issuedAt, user.locale),
      revoked: !!c.revokedAt,
    })),
  };
}

export default function MyCertificates() {
  const { certificates } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>My certificates</h1>
      {certificates.length === 0 ? (
        <p>
          You earn a certificate when you complete every module of a course. <Link to="/learn">See your courses</Link>.
        </p>
      ) : (
        <ul className="cards">
          {certificates.map((c) => (
            <li key={c.code} className="card">
              <h2>
                <Link to={`/certificates/${c.code}`}>{c.courseTitle}</Link>
              </h2>
              <p>
                Issued on {c.issuedOn}
                {c.revoked ? <span className="badge"> revoked</span> : null}
              </p>
              <p>
                <a href={`/certificates/${c.code}.pdf`}>PDF</a> · Code <code>{c.code}</code>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
