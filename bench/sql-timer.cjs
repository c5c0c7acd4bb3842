/**
 * A profiling aid, not part of the bench's figures: preload it into a server
 * to time every SQLite statement it runs, by SQL text, and print the costliest
 * when the server stops (SIGTERM, as the bench stops its servers):
 *
 *   BENCH_SERVER_NODE_ARGS="-r ./bench/sql-timer.cjs" npm run bench -- module
 *
 * Each line: runs, mean µs a run, and whether it ran inside a transaction
 * (a group commit's work) or on its own. It found the bound LIMIT that SQLite
 * compiled again on every module page (docs/decisions/0008).
 */
const path = require("node:path");
const Database = require(require.resolve("better-sqlite3", { paths: [process.cwd()] }));

const Statement = Object.getPrototypeOf(new Database(":memory:").prepare("select 1")).constructor;
const timings = new Map();
for (const method of ["get", "all", "run", "iterate"]) {
  const original = Statement.prototype[method];
  Statement.prototype[method] = function (...args) {
    const started = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      const key = `${this.database.inTransaction ? "[in a transaction]" : "[on its own]      "} ${this.source.replace(/\s+/g, " ")}`;
      const entry = timings.get(key) ?? { runs: 0, ns: 0n };
      entry.runs++;
      entry.ns += process.hrtime.bigint() - started;
      timings.set(key, entry);
    }
  };
}

process.prependListener("SIGTERM", () => {
  const rows = [...timings].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, Number(process.env.SQL_TIMER_ROWS ?? 25));
  console.error(`\nsql-timer (${path.basename(process.argv[1] ?? "node")}): the costliest statements by total time`);
  for (const [sql, { runs, ns }] of rows) {
    console.error(`${String(runs).padStart(8)} ${(Number(ns) / runs / 1000).toFixed(1).padStart(8)} µs  ${sql.slice(0, 200)}`);
  }
});
