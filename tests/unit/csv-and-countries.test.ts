import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvStream } from "~/reports/csv";
import { isCountryCode } from "~/orgs/kinds";

describe("CSV", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvLine(["Nyeri, Kenya", 'say "hi"', "line\nbreak", 3, 0.5, null])).toBe('"Nyeri, Kenya","say ""hi""","line\nbreak",3,0.5000,\r\n');
    for (const evil of ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1"]) expect(csvCell(evil).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell("Amélie Ndongo")).toBe("Amélie Ndongo");
  });

  it("streams a header, then rows, starting with a byte-order mark", async () => {
    function* rows() {
      for (let i = 0; i < 1200; i++) yield { n: i };
    }
    const text = await new Response(csvStream(["n"], rows(), (r) => [r.n])).arrayBuffer();
    const s = new TextDecoder("utf-8", { ignoreBOM: true }).decode(text);
    expect(s.startsWith("\uFEFFn\r\n0\r\n1\r\n")).toBe(true);
    expect(s.trim().split("\r\n")).toHaveLength(1201);
  });
});

describe("country codes", () => {
  it("accept real ISO 3166-1 codes and refuse the rest", () => {
    for (const c of ["KE", "CM", "UG", "TZ", "RW", "FR", "XK"]) expect(isCountryCode(c)).toBe(true);
    for (const c of ["XX", "ZZ", "EU", "UN", "QO", "AA", "ke", "KEN", ""]) expect(isCountryCode(c)).toBe(false);
  });
});
