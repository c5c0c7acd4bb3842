import { ScrollRegion } from "~/components/scroll-region";
import { Link } from "react-router";
import { useT } from "~/i18n/i18n";

export type Column<T> = { key: string; label: string; sortable?: boolean; numeric?: boolean; render: (row: T) => React.ReactNode };

/** A table whose column headers sort it through the URL (no script needed), with aria-sort for screen readers. */
export function DataTable<T>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  search,
  sort,
  dir,
  sortParam = "sort",
  dirParam = "dir",
}: {
  caption: string;
  /** The caption repeats a heading right above the table: kept for screen readers only. */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  search: string;
  sort?: string;
  dir?: "asc" | "desc";
  sortParam?: string;
  dirParam?: string;
}) {
  const { m } = useT();
  const params = new URLSearchParams(search);
  return (
    <ScrollRegion label={caption}>
      <table>
        {/* Named for screen readers; on screen the section's heading above says it already. */}
        <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort === c.key;
              const next = active && dir === "desc" ? "asc" : active ? "desc" : c.numeric ? "desc" : "asc";
              const p = new URLSearchParams(params);
              p.set(sortParam, c.key);
              p.set(dirParam, next);
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (dir === "desc" ? "descending" : "ascending") : undefined}
                  className={c.numeric ? "num" : undefined}
                >
                  {c.sortable === false ? (
                    c.label
                  ) : (
                    <Link to={`?${p.toString()}`} preventScrollReset>
                      {c.label}
                      {active ? (dir === "desc" ? " ▼" : " ▲") : ""}
                    </Link>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{m.dash.nothing}</td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={rowKey(r)}>
                {columns.map((c, i) =>
                  i === 0 ? (
                    <th key={c.key} scope="row">
                      {c.render(r)}
                    </th>
                  ) : (
                    <td key={c.key} className={c.numeric ? "num" : undefined}>
                      {c.render(r)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
