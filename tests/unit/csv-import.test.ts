import { describe, expect, it } from "vitest";
import { parseCsv, validateImport } from "~/orgs/csv-import";

const courses = new Set(["sample-course", "limited-course"]);

describe("parsing CSV", () => {
  it("reads quotes, commas, semicolons, a byte-order mark and Windows line ends", () => {
    expect(parseCsv('\uFEFFname,email\r\n"Ouma, Otieno",o@example.org\r\n"Say ""hi""",x@example.org\r\n')).toEqual([
      ["name", "email"],
      ["Ouma, Otieno", "o@example.org"],
      ['Say "hi"', "x@example.org"],
    ]);
    expect(parseCsv("name;email\nA;a@example.org")).toEqual([
      ["name", "email"],
      ["A", "a@example.org"],
    ]);
  });
});

describe("validating an import", () => {
  it("accepts good rows with emails or usernames and course lists", () => {
    const r = validateImport("name,email,username,courses\nWanjiru,W@Example.org,,sample-course\nOtieno,,otieno.o,sample-course;limited-course\n", courses);
    expect(r).toEqual({
      ok: true,
      rows: [
        { row: 2, name: "Wanjiru", email: "w@example.org", username: null, courses: ["sample-course"] },
        { row: 3, name: "Otieno", email: null, username: "otieno.o", courses: ["sample-course", "limited-course"] },
      ],
    });
  });

  it("lists every problem by row number, never stopping at the first", () => {
    const r = validateImport(
      ["name,email,username,courses", ",a@example.org,,", "B,not-an-email,,", "C,c@example.org,,no-such-course", "D,c@example.org,,", "E,,,", "F,,X!,"].join(
        "\n",
      ),
      courses,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(r.errors[0]!.message).toMatch(/name is missing/);
    expect(r.errors[1]!.message).toMatch(/not an email address/);
    expect(r.errors[2]!.message).toMatch(/no course "no-such-course"/);
    expect(r.errors[3]!.message).toMatch(/repeats the email of row 4/);
    expect(r.errors[4]!.message).toMatch(/email or a username/);
    expect(r.errors[5]!.message).toMatch(/username/);
  });

  it("refuses wrong columns, an empty file and a header alone", () => {
    expect(validateImport("first,last\nA,B", courses)).toMatchObject({
      ok: false,
      errors: [{ row: 1, message: expect.stringMatching(/unknown column\(s\): first, last/) }],
    });
    expect(validateImport("", courses)).toMatchObject({ ok: false, errors: [{ row: 1 }] });
    expect(validateImport("name,email\n", courses)).toMatchObject({ ok: false, errors: [{ row: 2 }] });
  });

  it("handles 50,000 rows, and refuses more", () => {
    const lines = ["name,email"];
    for (let i = 0; i < 50_000; i++) lines.push(`Learner ${i},l${i}@example.org`);
    const ok = validateImport(lines.join("\r\n"), courses);
    expect(ok.ok && ok.rows.length).toBe(50_000);
    lines.push("One too many,x@example.org");
    expect(validateImport(lines.join("\n"), courses)).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/at most 50,000/) }] });
  });
});
