import { ScrollRegion } from "~/components/scroll-region";
import type { Route } from "./+types/coops";

import { getUser } from "~/auth/auth.server";
import { countryName } from "~/orgs/kinds";
import { kindLabel } from "~/orgs/kind-labels.server";
import { scopeOf } from "~/access/scope.server";
import { coopMap } from "~/orgs/orgs.server";
import { useT } from "~/i18n/i18n";
import { negotiateLanguage } from "~/i18n/locale.server";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).coopsPage.title) }, { name: "description", content: metaText(matches).coopsPage.lead }];
}

/** Public: counts per country and kind. Names only for coordinators (their own scope) and admins (all). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await getUser(request, context);
  const lang = negotiateLanguage(request, user);
  const map = await coopMap(context.db, user ? await scopeOf(context.db, user) : null);
  const names = map.names.map((o) => ({ name: o.name, country: countryName(o.country, lang), kind: kindLabel(o.kind, lang) ?? o.kind }));
  const counts = map.counts;
  const byCountry = new Map<string, { country: string; total: number; kinds: { kind: string; n: number }[] }>();
  for (const c of counts) {
    const entry = byCountry.get(c.country) ?? { country: countryName(c.country, lang), total: 0, kinds: [] };
    entry.total += c.n;
    entry.kinds.push({ kind: kindLabel(c.kind, lang) ?? c.kind, n: c.n });
    byCountry.set(c.country, entry);
  }
  return { countries: [...byCountry.values()], names };
}

export default function Coops({ loaderData }: Route.ComponentProps) {
  const { countries, names } = loaderData;
  const { lang, m, f } = useT();
  const t = m.coopsPage;
  const n = (x: number) => new Intl.NumberFormat(lang).format(x);
  return (
    <div className="page">
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <ScrollRegion label={t.table}>
        <table>
          <caption>{t.table}</caption>
          <thead>
            <tr>
              <th scope="col">{t.country}</th>
              <th scope="col" className="num">
                {t.coops}
              </th>
              <th scope="col">{t.byKind}</th>
            </tr>
          </thead>
          <tbody>
            {countries.map((c) => (
              <tr key={c.country}>
                <th scope="row">{c.country}</th>
                <td className="num">{n(c.total)}</td>
                <td>{c.kinds.map((k) => f(t.kindCount, { kind: k.kind, n: k.n })).join(" · ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {names.length ? (
        <section aria-labelledby="names-heading">
          <h2 id="names-heading">{t.names}</h2>
          <ul>
            {names.map((o) => (
              <li key={o.name}>
                {o.name}{" "}
                <span className="muted">
                  · {o.kind} · {o.country}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
