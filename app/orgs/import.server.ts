import type { CatalogCourse } from "~/catalog/catalog.server";
import { newPasswordCode } from "~/auth/password-codes.server";
import type { Db } from "~/db/client.server";
import type { ImportRow } from "./csv-import";
import { audit } from "~/audit/audit.server";

export type SheetLine = { name: string; login: string; code: string | null; courses: string[] };

/**
 * Writes a validated import in one transaction: existing accounts (same
 * email or username) join the co-op; new ones are created without a password
 * and get a one-time code to set one. All rows, or none. Prepared statements
 * keep 50,000 rows to a few seconds.
 */
export function applyImport(db: Db, input: { organisationId: number; rows: ImportRow[]; courses: ReadonlyMap<string, CatalogCourse>; by: number | null; now?: Date }): SheetLine[] {
  const now = (input.now ?? new Date()).getTime();
  const sqlite = db.$client;
  const byEmail = sqlite.prepare("select id, name, email, username, password_hash from users where email = ?");
  const byUsername = sqlite.prepare("select id, name, email, username, password_hash from users where username = ?");
  const insertUser = sqlite.prepare("insert into users (name, email, username, password_hash, created_at) values (?, ?, ?, null, ?) returning id, name, email, username, password_hash");
  const insertCode = sqlite.prepare("insert into password_codes (code_hash, user_id, expires_at) values (?, ?, ?)");
  const insertMember = sqlite.prepare("insert into memberships (user_id, organisation_id, role, created_at) values (?, ?, 'learner', ?) on conflict do nothing");
  const insertEnrolment = sqlite.prepare(
    "insert into enrolments (user_id, course_slug, course_version, enrolled_at, last_activity_at) values (?, ?, ?, ?, ?) on conflict (user_id, course_slug) do nothing",
  );
  type U = { id: number; name: string; email: string | null; username: string | null; password_hash: string | null };
  const run = sqlite.transaction((rows: ImportRow[]) => {
    const sheet: SheetLine[] = [];
    for (const r of rows) {
      let user = ((r.email && byEmail.get(r.email)) || (r.username && byUsername.get(r.username)) || undefined) as U | undefined;
      let code: string | null = null;
      if (!user) user = insertUser.get(r.name, r.email, r.username, now) as U;
      if (!user.password_hash) {
        const c = newPasswordCode(new Date(now));
        insertCode.run(c.codeHash, user.id, c.expiresAt.getTime());
        code = c.code;
      }
      insertMember.run(user.id, input.organisationId, now);
      for (const slug of r.courses) insertEnrolment.run(user.id, slug, input.courses.get(slug)!.meta.version, now, now);
      sheet.push({ name: user.name, login: user.email ?? user.username ?? "", code, courses: r.courses.map((s) => input.courses.get(s)!.meta.title) });
    }
    const codes = sheet.filter((l) => l.code).length;
    audit(db, { by: input.by, action: "bulk-import", organisationId: input.organisationId, detail: `${sheet.length} rows, ${codes} one-time codes`, at: new Date(now) });
    return sheet;
  });
  return run.immediate(input.rows);
}
