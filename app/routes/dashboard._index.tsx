import type { Route } from "./+types/dashboard._index";
import { Form, Link, useLocation } from "react-router";
import { getCatalog, visibleCourses } from "~/catalog/catalog.server";
import { toViewer } from "~/auth/auth.server";
import { timeZoneOf } from "~/auth/users.server";
import { WeeklyBarChart } from "~/components/bar-chart";
import { DataTable, type Column } from "~/components/data-table";
import { Field, SelectField } from "~/components/forms";
import { countryName } from "~/orgs/kinds";
import { kindChoices } from "~/orgs/kind-labels.server";
import { dateLocale, dayOrDash, percentOrDash, useT } from "~/i18n/i18n";
import { negotiateLanguage } from "~/i18n/locale.server";
import { requireReporter } from "~/access/guards.server";
import { filtersToSearch, parseFilters, SORT_COLUMNS, type Filters, type SortColumn } from "~/reports/filters";
import { countriesInScope, type Row, type TableName } from "~/reports/reports.server";
import { cachedReport } from "~/reports/cache.server";
import { offThread } from "~/reports/off-thread.server";
import { getEnv } from "~/env.server";
import { httpError } from "~/utils/http-errors";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).dash.title) }];
}

const TABLES: TableName[] = ["coops", "countries", "courses"];

/** Coordinators (their organisations and descendants) and admins (everything). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { scope, user } = await requireReporter(request, context);
  const lang = negotiateLanguage(request, user);
  const url = new URL(request.url);
  const parsed = parseFilters(url.searchParams);
  if (!parsed.success) throw httpError(400, "badFilters", parsed.error.issues.map((i) => i.message).join(" "));
  const f = parsed.data;
  const db = context.db;
  const timeZone = await timeZoneOf(db, user);
  const catalog = await getCatalog();
  const scopeKey = scope.all ? "all" : `coordinator:${scope.coordinatorId}`;
  const ttl = getEnv().reportCacheSeconds;
  // Computed on the reports' thread: a date range over many enrolments must not hold learners' pages meanwhile.
  const figures = await cachedReport(`${scopeKey}|${url.search}`, ttl, async () => ({
    overview: await offThread("overview", scope, f),
    weeks: await offThread("weeklyCompletions", scope, f),
  }));
  // A draft's title is for its trainers and admins: other coordinators see its code, in the table only.
  const courses = visibleCourses(catalog, await toViewer(user));
  const titles = new Map(courses.map((c) => [c.slug, c.meta.title]));
  const tables = Object.fromEntries(
    await Promise.all(
      TABLES.map(async (name) => {
        const sort = url.searchParams.get(`${name}Sort`) as SortColumn | null;
        const dir = url.searchParams.get(`${name}Dir`);
        const tf: Filters = {
          ...f,
          sort: sort && (SORT_COLUMNS as readonly string[]).includes(sort) ? sort : undefined,
          dir: dir === "asc" || dir === "desc" ? dir : undefined,
        };
        const rows = (await cachedReport(`${scopeKey}|${name}|${JSON.stringify(tf)}`, ttl, () => offThread("table", scope, tf, name))).value.map((r) => ({
          ...r,
          label: name === "courses" ? (titles.get(r.key) ?? r.key) : name === "countries" ? countryName(r.key, lang) : r.label,
        }));
        return [name, { rows, sort: tf.sort, dir: tf.dir }];
      }),
    ),
  ) as Record<TableName, { rows: Row[]; sort?: SortColumn; dir?: "asc" | "desc" }>;
  return {
    scopeAll: scope.all,
    filters: f,
    search: filtersToSearch(f),
    timeZone,
    asOf: new Intl.DateTimeFormat(dateLocale(lang), { timeStyle: "medium", timeZone }).format(figures.at),
    overview: figures.value.overview,
    weeks: figures.value.weeks.map((w) => ({
      label: new Intl.DateTimeFormat(dateLocale(lang), { day: "numeric", month: "short", timeZone: "UTC" }).format(w.weekStart),
      value: w.completed,
    })),
    tables,
    options: {
      countries: (await countriesInScope(db, scope)).map((code) => ({ code, name: countryName(code, lang) })),
      kinds: kindChoices(lang),
      courses: courses.map((c) => ({ slug: c.slug, title: c.meta.title })),
    },
  };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const d = loaderData;
  const location = useLocation();
  const { lang, m, f } = useT();
  const t = m.dash;
  // A filter's first choice, "Any", means no filter.
  const any = (options: { value: string; label: string }[]) => [{ value: "", label: t.any }, ...options];
  const pct = (x: number | null) => percentOrDash(lang, x);
  const day = (ms: number | null) => dayOrDash(lang, ms, d.timeZone);
  const o = d.overview;
  const columns = (name: TableName): Column<Row>[] => [
    {
      key: "label",
      label: name === "coops" ? t.coop : name === "countries" ? t.country : t.course,
      render: (r) => (name === "coops" ? <Link to={`/dashboard/coops/${r.key}?${d.search}`}>{r.label}</Link> : r.label),
    },
    ...(name === "coops" ? [{ key: "country", label: t.country, sortable: false, render: (r: Row) => r.country ?? "" }] : []),
    { key: "learners", label: t.learners, numeric: true, render: (r) => r.learners },
    { key: "enrolled", label: t.enrolled, numeric: true, render: (r) => r.enrolled },
    { key: "inProgress", label: t.inProgress, numeric: true, render: (r) => r.inProgress },
    { key: "completed", label: t.completed, numeric: true, render: (r) => r.completed },
    { key: "completionRate", label: t.completion, numeric: true, render: (r) => pct(r.completionRate) },
    { key: "averageScore", label: t.avgScore, numeric: true, render: (r) => pct(r.averageScore) },
    { key: "lastActivity", label: t.lastActivity, numeric: true, render: (r) => day(r.lastActivity) },
  ];
  const titles: Record<TableName, string> = { coops: t.byCoop, countries: t.byCountry, courses: t.byCourse };
  return (
    <div className="page wide">
      <h1>{t.title}</h1>
      <p className="muted">{f(t.asOf, { scope: d.scopeAll ? t.scopeAll : t.scopeMine, time: d.asOf })}</p>
      <Form method="get" className="filters no-print" aria-label={t.filters}>
        <SelectField
          name="country"
          label={t.country}
          defaultValue={d.filters.country ?? ""}
          options={any(d.options.countries.map((c) => ({ value: c.code, label: c.name })))}
        />
        <SelectField name="kind" label={t.kind} defaultValue={d.filters.kind ?? ""} options={any(d.options.kinds)} />
        <SelectField
          name="course"
          label={t.course}
          defaultValue={d.filters.course ?? ""}
          options={any(d.options.courses.map((c) => ({ value: c.slug, label: c.title })))}
        />
        <Field name="from" label={t.from} type="date" defaultValue={d.filters.from ?? ""} />
        <Field name="to" label={t.to} type="date" defaultValue={d.filters.to ?? ""} />
        <div>
          <button type="submit" className="button">
            {t.apply}
          </button>{" "}
          <Link to="/dashboard">{t.clear}</Link>
        </div>
      </Form>
      <dl className="figures" aria-label={t.headline}>
        {[
          [t.learners, o.learners],
          [t.enrolments, o.enrolments],
          [t.notStarted, o.notStarted],
          [t.inProgress, o.inProgress],
          [t.completed, o.completed],
          [t.completionRate, pct(o.completionRate)],
          [t.certificates, o.certificates],
          [t.averageScore, pct(o.averageScore)],
        ].map(([label, value]) => (
          <div key={String(label)}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t.perWeek}</h2>
      <WeeklyBarChart title={t.chartTitle} weeks={d.weeks} />
      {TABLES.map((name) => (
        <section key={name}>
          <h2 id={`t-${name}`}>{titles[name]}</h2>
          <p className="no-print">
            <a href={`/dashboard/export?table=${name}${d.search ? `&${d.search}` : ""}`} download>
              {t.csv}
            </a>
          </p>
          <DataTable
            caption={titles[name]}
            captionHidden
            columns={columns(name)}
            rows={d.tables[name].rows}
            rowKey={(r) => r.key}
            search={location.search}
            sort={d.tables[name].sort}
            dir={d.tables[name].dir}
            sortParam={`${name}Sort`}
            dirParam={`${name}Dir`}
          />
        </section>
      ))}
      <p className="no-print">
        <a href={`/dashboard/export?table=enrolments${d.search ? `&${d.search}` : ""}`} download>
          {t.allCsv}
        </a>{" "}
        · <Link to="/coops">{t.map}</Link>
      </p>
    </div>
  );
}
