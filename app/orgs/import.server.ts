import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import { courseTextIn } from "~/catalog/views.server";
import { newPasswordCode } from "~/auth/password-codes.server";
import type { Db } from "~/db/client.server";
import type { ImportRow } from "./csv-import";
import { audit } from "~/audit/audit.server";
import { orgIdsInScope, PRIVILEGED_SQL, type Scope } from "~/access/scope.server";

/**
 * One line of the printed sheet, for each row:
 * - `created`: a new account, with a one-time code to set its password;
 * - `added`: an account the importer could already act on (a plain learner
 *   in their scope) joined the co-op; a code only if it has no password yet;
 * - `invited`: an account exists with this email or username but lies
 *   outside the importer's scope, or is a staff account: it is only invited
 *   (the holder accepts or declines on /learn), and the sheet shows what the
 *   importer typed, never the account's own name, and no code.
 */
export type SheetLine = { name: string; login: string; code: string | null; courses: string[]; status: "created" | "added" | "invited"; language: Language };

/**
 * Writes a validated import in one transaction, all rows or none. An import
 * never attaches, names, or gives a code for an account the importer may not
 * act on (app/access/rules.server.ts: `importMayAttach`); a code for an
 * existing account voids its earlier ones; every account touched has its own
 * audit entry. Prepared statements keep 50,000 rows to a few seconds.
 */
export function applyImport(
  db: Db,
  input: {
    organisationId: number;
    rows: ImportRow[];
    courses: ReadonlyMap<string, CatalogCourse>;
    by: number | null;
    scope: Scope;
    now?: Date;
    language?: Language;
  },
): SheetLine[] {
  const now = (input.now ?? new Date()).getTime();
  const at = new Date(now);
  const sqlite = db.$client;
  const byEmail = sqlite.prepare("select id, name, email, username, password_hash, locale from users where email = ?");
  const byUsername = sqlite.prepare("select id, name, email, username, password_hash, locale from users where username = ?");
  const insertUser = sqlite.prepare(
    "insert into users (name, email, username, password_hash, locale, created_at) values (?, ?, ?, null, ?, ?) returning id, name, email, username, password_hash, locale",
  );
  const voidCodes = sqlite.prepare("delete from password_codes where user_id = ? and used_at is null");
  const insertCode = sqlite.prepare("insert into password_codes (code_hash, user_id, expires_at) values (?, ?, ?)");
  const insertMember = sqlite.prepare(
    "insert into memberships (user_id, organisation_id, role, created_at) values (?, ?, 'learner', ?) on conflict do nothing",
  );
  const insertEnrolment = sqlite.prepare(
    "insert into enrolments (user_id, course_slug, course_version, enrolled_at, last_activity_at) values (?, ?, ?, ?, ?) on conflict (user_id, course_slug) do nothing",
  );
  const learnerOrgs = sqlite.prepare("select organisation_id id from memberships where user_id = ? and role = 'learner'");
  const privileged = sqlite.prepare(PRIVILEGED_SQL);
  const invite = sqlite.prepare(
    `insert into invitations (user_id, organisation_id, invited_by, course_slugs, created_at) values (?, ?, ?, ?, ?)
     on conflict (user_id, organisation_id) do update set invited_by = excluded.invited_by, course_slugs = excluded.course_slugs, created_at = excluded.created_at`,
  );
  // Each account's audit entry through a prepared statement: 50,000 of them through the query builder took seconds.
  const auditAccount = sqlite.prepare(
    "insert into audit_log (at, actor_id, action, subject_id, organisation_id, detail) values (?, ?, 'import-account', ?, ?, ?)",
  );
  type U = { id: number; name: string; email: string | null; username: string | null; password_hash: string | null; locale: Language };
  // A new account's language: the row's language column, else the importer's.
  const fallback: Language = input.language ?? "en";

  const run = sqlite.transaction((rows: ImportRow[]) => {
    // The organisations in the importer's scope, once: whether an existing account is theirs to act on is then a lookup.
    const inScope = input.scope.all ? null : new Set(orgIdsInScope(db, input.scope));
    // The same rule as app/access/rules.server.ts (importMayAttach), with the scope read once for all rows.
    const mayAttach = (userId: number) =>
      !privileged.get(userId) && (inScope === null || (learnerOrgs.all(userId) as { id: number }[]).some((m) => inScope.has(m.id)));
    const issueCode = (userId: number, earlier: boolean) => {
      const c = newPasswordCode(at);
      if (earlier) voidCodes.run(userId);
      insertCode.run(c.codeHash, userId, c.expiresAt.getTime());
      return c.code;
    };
    const enrolIn = (userId: number, slugs: string[]) => {
      for (const slug of slugs) insertEnrolment.run(userId, slug, input.courses.get(slug)!.meta.version, now, now);
    };
    const titles = (slugs: string[], language: Language) => slugs.map((s) => courseTextIn(input.courses.get(s)!, language).title);
    const typedLogin = (r: ImportRow) => r.email ?? r.username ?? "";

    const sheet: SheetLine[] = [];
    for (const r of rows) {
      const existing = ((r.email && byEmail.get(r.email)) || (r.username && byUsername.get(r.username)) || undefined) as U | undefined;
      if (!existing) {
        const user = insertUser.get(r.name, r.email, r.username, r.language ?? fallback, now) as U;
        insertMember.run(user.id, input.organisationId, now);
        enrolIn(user.id, r.courses);
        sheet.push({
          name: user.name,
          login: typedLogin(r),
          code: issueCode(user.id, false),
          courses: titles(r.courses, user.locale),
          status: "created",
          language: user.locale,
        });
        auditAccount.run(now, input.by, user.id, input.organisationId, "created");
      } else if (mayAttach(existing.id)) {
        insertMember.run(existing.id, input.organisationId, now);
        enrolIn(existing.id, r.courses);
        // A plain learner in scope: the ordinary rule lets this importer give a code, needed only without a password.
        const code = existing.password_hash ? null : issueCode(existing.id, true);
        sheet.push({
          name: existing.name,
          login: existing.email ?? existing.username ?? "",
          code,
          courses: titles(r.courses, existing.locale),
          status: "added",
          language: existing.locale,
        });
        auditAccount.run(now, input.by, existing.id, input.organisationId, code ? "added, one-time code" : "added");
      } else {
        invite.run(existing.id, input.organisationId, input.by, JSON.stringify(r.courses), now);
        // The importer's own line (the holder answers on /learn): in the importer's language, and nothing of the account's.
        sheet.push({ name: r.name, login: typedLogin(r), code: null, courses: titles(r.courses, fallback), status: "invited", language: fallback });
        auditAccount.run(now, input.by, existing.id, input.organisationId, "invited");
      }
    }
    const count = (s: SheetLine["status"]) => sheet.filter((l) => l.status === s).length;
    const codes = sheet.filter((l) => l.code).length;
    audit(db, {
      by: input.by,
      action: "bulk-import",
      organisationId: input.organisationId,
      detail: `${sheet.length} rows: ${count("created")} created, ${count("added")} added, ${count("invited")} invited; ${codes} one-time codes`,
      at,
    });
    return sheet;
  });
  return run.immediate(input.rows);
}
