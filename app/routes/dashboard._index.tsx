import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getCatalog } from "~/catalog/catalog.server";
import { WeeklyBarChart } from "~/components/bar-chart";
import { DataTable, type Column } from "~/components/data-table";
import { getDb } from "~/db/client.server";
import { countryName, ORG_KINDS } from "~/orgs/kinds";
import { requireReporter } from "~/reports/access.server";
import { filtersToSearch, parseFilters, SORT_COLUMNS, type Filters, type SortColumn } from "~/reports/filters";
import { countriesInScope, overview, table, weeklyCompletions, type Row, type TableName } from "~/reports/reports.server";
import { cachedReport } from "~/reports/cache.server";
import { getEnv } from "~/env.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · Co-op Campus" }];

const TABLES: TableName[] = ["coops", "countries", "courses"];

/** Coordinators (their organisations and descendants) and admins (everything). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope } = requireReporter(request, context);
  const url = new URL(request.url);
  const parsed = parseFilters(url.searchParams);
  if (!parsed.success) throw data({ message: `These filters cannot be used: ${parsed.error.issues.map((i) => i.message).join(" ")}` }, { status: 400 });
  const f = parsed.data;
  const db = getDb();
  const catalog = await getCatalog();
  const scopeKey = scope.all ? "all" : `coordinator:${scope.coordinatorId}`;
  const ttl = getEnv().reportCacheSeconds;
  const figures = cachedReport(`${scopeKey}|${url.search}`, ttl, () => ({
    overview: overview(db, scope, f),
    weeks: weeklyCompletions(db, scope, f),
  }));
  const titles = new Map([...catalog.courses.values()].map((c) => [c.slug, c.meta.title]));
  const tables = Object.fromEntries(
    TABLES.map((name) => {
      const sort = url.searchParams.get(`${name}Sort`) as SortColumn | null;
      const dir = url.searchParams.get(`${name}Dir`);
      const tf: Filters = {
        ...f,
        sort: sort && (SORT_COLUMNS as readonly string[]).includes(sort) ? sort : undefined,
        dir: dir === "asc" || dir === "desc" ? dir : undefined,
      };
      const rows = cachedReport(`${scopeKey}|${name}|${JSON.stringify(tf)}`, ttl, () => table(db, scope, tf, name)).value.map((r) => ({
        ...r,
        label: name === "courses" ? (titles.get(r.key) ?? r.key) : name === "countries" ? countryName(r.key) : r.label,
      }));
      return [name, { rows, sort: tf.sort, dir: tf.dir }];
    }),
  ) as Record<TableName, { rows: Row[]; sort?: SortColumn; dir?: "asc" | "desc" }>;
  return {
    scopeLabel: scope.all ? "All organisations (administrator)" : "The organisations you coordinate, and their member organisations",
    filters: f,
    search: filtersToSearch(f),
    asOf: new Date(figures.at).toISOString().slice(11, 19),
    overview: figures.value.overview,
    weeks: figures.value.weeks.map((w) => ({
      label: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(w.weekStart),
      value: w.completed,
    })),
    tables,
    options: {
      countries: countriesInScope(db, scope).map((code) => ({ code, name: countryName(code) })),
      kinds: Object.entries(ORG_KINDS).map(([value, label]) => ({ value, label })),
      courses: [...catalog.courses.values()].map((c) => ({ slug: c.slug, title: c.meta.title })),
    },
  };
}

/** A labelled filter whose first choice, "Any", means no filter. */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
const day = (ms: number | null) => (ms === null ? "–" : new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(ms));

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const location = useLocation();
  const o = d.overview;
  const columns = (name: TableName): Column<Row>[] => [
    {
      key: "label",
      label: name === "coops" ? "Co-operative" : name === "countries" ? "Country" : "Course",
      render: (r) => (name === "coops" ? <Link to={`/dashboard/coops/${r.key}?${d.search}`}>{r.label}</Link> : r.label),
    },
    ...(name === "coops" ? [{ key: "country", label: "Country", sortable: false, render: (r: Row) => r.country ?? "" }] : []),
    { key: "learners", label: "Learners", numeric: true, render: (r) => r.learners },
    { key: "enrolled", label: "Enrolled", numeric: true, render: (r) => r.enrolled },
    { key: "inProgress", label: "In progress", numeric: true, render: (r) => r.inProgress },
    { key: "completed", label: "Completed", numeric: true, render: (r) => r.completed },
    { key: "completionRate", label: "Completion", numeric: true, render: (r) => pct(r.completionRate) },
    { key: "averageScore", label: "Avg. score", numeric: true, render: (r) => pct(r.averageScore) },
    { key: "lastActivity", label: "Last activity", numeric: true, render: (r) => day(r.lastActivity) },
  ];
  const titles: Record<TableName, string> = { coops: "By co-operative", countries: "By country", courses: "By course" };
  return (
    <div className="page">
      <h1>Dashboard</h1>
      <p className="muted">
        {d.scopeLabel}. Figures as of {d.asOf} UTC.
      </p>
      <Form method="get" className="filters no-print" aria-label="Filters">
        <FilterSelect name="country" label="Country" value={d.filters.country} options={d.options.countries.map((c) => ({ value: c.code, label: c.name }))} />
        <FilterSelect name="kind" label="Kind" value={d.filters.kind} options={d.options.kinds} />
        <FilterSelect name="course" label="Course" value={d.filters.course} options={d.options.courses.map((c) => ({ value: c.slug, label: c.title }))} />
        <div className="field">
          <label htmlFor="f-from">Enrolled from</label>
          <input id="f-from" type="date" name="from" defaultValue={d.filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">Enrolled until</label>
          <input id="f-to" type="date" name="to" defaultValue={d.filters.to ?? ""} />
        </div>
        <div>
          <button type="submit" className="button">
            Apply
          </button>{" "}
          <Link to="/dashboard">Clear</Link>
        </div>
      </Form>
      <dl className="figures" aria-label="Headline figures">
        {[
          ["Learners", o.learners],
          ["Enrolments", o.enrolments],
          ["Not started", o.notStarted],
          ["In progress", o.inProgress],
          ["Completed", o.completed],
          ["Completion rate", pct(o.completionRate)],
          ["Certificates", o.certificates],
          ["Average best quiz score", pct(o.averageScore)],
        ].map(([label, value]) => (
          <div key={String(label)}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>Completions per week</h2>
      <WeeklyBarChart title="Course completions per week" weeks={d.weeks} />
      {TABLES.map((name) => (
        <section key={name}>
          <h2 id={`t-${name}`}>{titles[name]}</h2>
          <p className="no-print">
            <a href={`/dashboard/export?table=${name}${d.search ? `&${d.search}` : ""}`} download>
              Download as CSV
            </a>
          </p>
          <DataTable
            caption={titles[name]}
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
          Download every enrolment in your scope as CSV
        </a>{" "}
        · <Link to="/coops">Map of co-operatives by country and kind</Link>
      </p>
    </div>
  );
}
