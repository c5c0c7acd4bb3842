import { useT } from "~/i18n/i18n";
/** A bar chart drawn on the server as SVG, with its numbers in a table for screen readers. No charting script. */
export function WeeklyBarChart({ title, weeks }: { title: string; weeks: { label: string; value: number }[] }) {
  const { m } = useT();
  const W = 600;
  const H = 180;
  const pad = { left: 32, bottom: 28, top: 10, right: 8 };
  const max = Math.max(1, ...weeks.map((w) => w.value));
  const barW = (W - pad.left - pad.right) / Math.max(1, weeks.length);
  const y = (v: number) => pad.top + (H - pad.top - pad.bottom) * (1 - v / max);
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc" width="100%">
        <title id="chart-title">{title}</title>
        <desc id="chart-desc">{m.dash.chartDesc}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={W - pad.right} y1={y(t)} y2={y(t)} stroke="#c9d1cc" />
            <text x={pad.left - 4} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#4a524e">
              {t}
            </text>
          </g>
        ))}
        {weeks.map((w, i) => (
          <g key={w.label}>
            <rect x={pad.left + i * barW + 2} y={y(w.value)} width={Math.max(1, barW - 4)} height={H - pad.bottom - y(w.value)} fill="#0b5d3b" />
            {i % Math.ceil(weeks.length / 6) === 0 ? (
              <text x={pad.left + i * barW + barW / 2} y={H - 10} textAnchor="middle" fontSize="11" fill="#4a524e">
                {w.label}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <details>
        <summary>{m.dash.dataTable}</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{m.dash.weekStarting}</th>
              <th scope="col">{m.dash.completions}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.label}>
                <th scope="row">{w.label}</th>
                <td>{w.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
