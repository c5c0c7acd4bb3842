import { Link } from "react-router";
import type { ReactNode } from "react";

/** Where a page sits: links to the pages above it, then the page itself (aria-current). */
export function Breadcrumbs({ trail, current, label = "Breadcrumb" }: { trail: { to: string; label: ReactNode }[]; current: ReactNode; label?: string }) {
  return (
    <nav aria-label={label} className="breadcrumbs">
      <ol>
        {trail.map((t) => (
          <li key={t.to}>
            <Link to={t.to}>{t.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
