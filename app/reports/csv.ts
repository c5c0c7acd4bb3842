/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents
 * right), a header row, RFC 4180 quoting, and cells that a spreadsheet would
 * run as a formula (= + - @, tab, carriage return) prefixed with an apostrophe.
 */
export const BOM = "\uFEFF";

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(4)) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/** A streamed CSV body: rows are pulled one at a time, so memory stays flat whatever the size. */
export function csvStream<T>(header: readonly string[], rows: Iterator<T>, toCells: (row: T) => unknown[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + csvLine(header)));
        return;
      }
      let chunk = "";
      for (let i = 0; i < 500; i++) {
        const next = rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(toCells(next.value));
      }
      controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      rows.return?.(undefined);
    },
  });
}

/** A CSV file to save, named campus-<name>-<today>.csv, never cached (it holds people's data). */
export function csvDownload(body: ReadableStream<Uint8Array>, name: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="campus-${name}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
