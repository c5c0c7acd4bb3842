/**
 * Bulk enrolment files: parsing (RFC 4180, with or without a byte-order mark,
 * Windows or Unix line ends) and validation of every row before anything is
 * written. Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
import { z } from "zod";
import { messages, type Messages } from "~/i18n/messages";
import { format } from "~/i18n/format";
import type { Language } from "~/i18n/language";

export const MAX_IMPORT_ROWS = 50_000;

/** The delimiter is the first comma, semicolon (European spreadsheets) or tab of the header line. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, "");
  const headerLine = s.slice(0, s.search(/\r|\n/) >= 0 ? s.search(/\r|\n/) : s.length);
  const delimiter =
    [",", ";", "\t"]
      .map((d) => [d, headerLine.indexOf(d)] as const)
      .filter(([, i]) => i >= 0)
      .sort((a, b) => a[1] - b[1])[0]?.[0] ?? ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export type ImportRow = { row: number; name: string; email: string | null; username: string | null; courses: string[]; language?: Language | null };

/** A language column's value: a code (en, fr, sw) or the language's own name, in any case. */
const LANGUAGE_VALUES: Record<string, Language> = {
  en: "en",
  english: "en",
  anglais: "en",
  kiingereza: "en",
  fr: "fr",
  french: "fr",
  français: "fr",
  francais: "fr",
  kifaransa: "fr",
  sw: "sw",
  swahili: "sw",
  kiswahili: "sw",
};
export type ImportError = { row: number; message: string };

const emailSchema = z.string().email();
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function validateImport(
  text: string,
  knownCourses: ReadonlySet<string>,
  t: Messages["importErrors"] = messages.en.importErrors,
  language: Language = "en",
): { ok: true; rows: ImportRow[] } | { ok: false; errors: ImportError[] } {
  const table = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ""));
  if (table.length === 0) return { ok: false, errors: [{ row: 1, message: t.empty }] };
  const header = table[0]!.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const unknown = header.filter((h) => !["name", "email", "username", "courses", "language"].includes(h));
  const errors: ImportError[] = [];
  if (col("name") < 0 || (col("email") < 0 && col("username") < 0) || unknown.length) {
    return {
      ok: false,
      errors: [
        {
          row: 1,
          message: unknown.length ? format(language, t.unknownColumns, { columns: unknown.join(", ") }) : t.header,
        },
      ],
    };
  }
  if (table.length - 1 > MAX_IMPORT_ROWS) {
    return { ok: false, errors: [{ row: MAX_IMPORT_ROWS + 2, message: format(language, t.tooMany, { max: MAX_IMPORT_ROWS }) }] };
  }
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  table.slice(1).forEach((cells, i) => {
    const rowNumber = i + 2;
    const get = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? "").trim() : "");
    const problems: string[] = [];
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim()))
      problems.push(format(language, t.cells, { cells: cells.length, columns: header.length }));
    const name = get("name");
    if (!name) problems.push(t.noName);
    else if (name.length > 100) problems.push(t.longName);
    const email = get("email").toLowerCase() || null;
    const username = get("username").toLowerCase() || null;
    if (!email && !username) problems.push(t.noLogin);
    if (email && !emailSchema.safeParse(email).success) problems.push(format(language, t.badEmail, { email: email.slice(0, 60) }));
    if (username && !USERNAME.test(username)) problems.push(format(language, t.badUsername, { username: username.slice(0, 40) }));
    const courses = get("courses")
      .split(/[\s;|]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    for (const c of courses) if (!knownCourses.has(c)) problems.push(format(language, t.noCourse, { course: c.slice(0, 60) }));
    const languageCell = get("language").toLowerCase();
    const rowLanguage = languageCell ? (LANGUAGE_VALUES[languageCell] ?? null) : null;
    if (languageCell && !rowLanguage) problems.push(format(language, t.badLanguage, { language: languageCell.slice(0, 30) }));
    for (const key of [email && `email:${email}`, username && `username:${username}`]) {
      if (!key) continue;
      const first = seen.get(key);
      if (first) problems.push(format(language, key.startsWith("email:") ? t.repeatsEmail : t.repeatsUsername, { row: String(first) }));
      else seen.set(key, rowNumber);
    }
    if (problems.length) errors.push({ row: rowNumber, message: problems.join("; ") });
    else rows.push({ row: rowNumber, name, email, username, courses: [...new Set(courses)], ...(rowLanguage ? { language: rowLanguage } : {}) });
  });
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [{ row: 2, message: t.nobody }] };
  return { ok: true, rows };
}
