import { ScrollRegion } from "~/components/scroll-region";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/auth.server";
import { getDb } from "~/db/client.server";
import { countryName, ORG_KINDS } from "~/orgs/kinds";
import { scopeFor } from "~/reports/reports.server";
import { coordinatedOrgIds } from "~/orgs/scope.server";

export const meta: MetaFunction = () => [
  { title: "Co-operatives on Co-op Campus" },
  { name: "description", content: "How many co-operatives of each kind learn on Co-op Campus, country by country." },
];

/** Public: counts per country and kind. Names only for coordinators (their own scope) and admins (all). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = getDb();
  const counts = db.$client
    .prepare("select country, kind, count(*) n from organisations where kind not in ('support', 'federation') group by country, kind order by country, kind")
    .all() as { country: string; kind: keyof typeof ORG_KINDS; n: number }[];
  const user = getUser(request, context);
  const scope = user ? scopeFor(db, user) : null;
  let names: { name: string; country: string; kind: string }[] = [];
  if (scope) {
    const ids = scope.all ? null : new Set(coordinatedOrgIds(db, user!.id));
    names = (db.$client.prepare("select id, name, country, kind from organisations order by country, name").all() as { id: number; name: string; country: string; kind: string }[])
      .filter((o) => !ids || ids.has(o.id))
      .map((o) => ({ name: o.name, country: countryName(o.country), kind: ORG_KINDS[o.kind as keyof typeof ORG_KINDS] ?? o.kind }));
  }
  const byCountry = new Map<string, { country: string; total: number; kinds: { kind: string; n: number }[] }>();
  for (const c of counts) {
    const entry = byCountry.get(c.country) ?? { country: countryName(c.country), total: 0, kinds: [] };
    entry.total += c.n;
    entry.kinds.push({ kind: ORG_KINDS[c.kind] ?? c.kind, n: c.n });
    byCountry.set(c.country, entry);
  }
  return { countries: [...byCountry.values()], names };
}

export default function Coops() {
  const { countries, names } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Co-operatives learning on Co-op Campus</h1>
      <p>
        A first step towards the global mapping of co-operative models that contribute to public-health awareness and
        universal health coverage: how many co-operatives of each kind take part, country by country.
      </p>
      <ScrollRegion label="Co-operatives by country and kind">
        <table>
          <caption>Co-operatives by country and kind</caption>
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col" className="num">Co-operatives</th>
              <th scope="col">By kind</th>
            </tr>
          </thead>
          <tbody>
            {countries.map((c) => (
              <tr key={c.country}>
                <th scope="row">{c.country}</th>
                <td className="num">{c.total}</td>
                <td>{c.kinds.map((k) => `${k.kind}: ${k.n}`).join(" · ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {names.length ? (
        <section aria-labelledby="names-heading">
          <h2 id="names-heading">Organisations you can see</h2>
          <ul>
            {names.map((o) => (
              <li key={o.name}>
                {o.name} <span className="muted">· {o.kind} · {o.country}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
