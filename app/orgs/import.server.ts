import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import { courseTextIn } from "~/catalog/views.server";
import { newPasswordCode } from "~/auth/password-codes.server";
import { driverTime, rawAll, rawGet, type Db } from "~/db/client.server";
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

// The import's hand-written statements (see applyImport).
const BY_EMAIL = "select id, name, email, username, password_hash, locale from users where email = ?";
const BY_USERNAME = "select id, name, email, username, password_hash, locale from users where username = ?";
const INSERT_USER =
  "insert into users (name, email, username, password_hash, locale, created_at) values (?, ?, ?, null, ?, ?) returning id, name, email, username, password_hash, locale";
const VOID_CODES = "delete from password_codes where user_id = ? and used_at is null";
const INSERT_CODE = "insert into password_codes (code_hash, user_id, expires_at) values (?, ?, ?)";
const INSERT_MEMBER = "insert into memberships (user_id, organisation_id, role, created_at) values (?, ?, 'learner', ?) on conflict do nothing";
const INSERT_ENROLMENT =
  "insert into enrolments (user_id, course_slug, course_version, enrolled_at, last_activity_at) values (?, ?, ?, ?, ?) on conflict (user_id, course_slug) do nothing";
const LEARNER_ORGS = "select organisation_id id from memberships where user_id = ? and role = 'learner'";
const INVITE = `insert into invitations (user_id, organisation_id, invited_by, course_slugs, created_at) values (?, ?, ?, ?, ?)
   on conflict (user_id, organisation_id) do update set invited_by = excluded.invited_by, course_slugs = excluded.course_slugs, created_at = excluded.created_at`;
// Each account's audit entry through a hand-written statement: 50,000 of them through the query builder took seconds.
const AUDIT_ACCOUNT = "insert into audit_log (at, actor_id, action, subject_id, organisation_id, detail) values (?, ?, 'import-account', ?, ?, ?)";

/**
 * Writes a validated import in one transaction, all rows or none. An import
 * never attaches, names, or gives a code for an account the importer may not
 * act on (app/access/rules.server.ts: `importMayAttach`); a code for an
 * existing account voids its earlier ones; every account touched has its own
 * audit entry. Hand-written statements (prepared once per connection) keep
 * 50,000 rows to a few seconds.
 */
export async function applyImport(
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
): Promise<SheetLine[]> {
  const at = input.now ?? new Date();
  type U = { id: number; name: string; email: string | null; username: string | null; password_hash: string | null; locale: Language };
  // A new account's language: the row's language column, else the importer's.
  const fallback: Language = input.language ?? "en";

  return db.transaction(async (tx) => {
    // Times as this database's driver takes them in hand-written SQL (milliseconds on SQLite, a Date on PostgreSQL).
    const now = driverTime(tx, at);
    const all = <T>(text: string, ...params: unknown[]) => rawAll<T>(tx, { text, params });
    const one = <T>(text: string, ...params: unknown[]) => rawGet<T>(tx, { text, params });
    // The organisations in the importer's scope, once: whether an existing account is theirs to act on is then a lookup.
    const inScope = input.scope.all ? null : new Set(await orgIdsInScope(tx, input.scope));
    // The same rule as app/access/rules.server.ts (importMayAttach), with the scope read once for all rows.
    const mayAttach = async (userId: number) =>
      !(await one(PRIVILEGED_SQL, userId)) && (inScope === null || (await all<{ id: number }>(LEARNER_ORGS, userId)).some((m) => inScope.has(m.id)));
    const issueCode = async (userId: number, earlier: boolean) => {
      const c = newPasswordCode(at);
      if (earlier) await all(VOID_CODES, userId);
      await all(INSERT_CODE, c.codeHash, userId, driverTime(tx, c.expiresAt));
      return c.code;
    };
    const enrolIn = async (userId: number, slugs: string[]) => {
      for (const slug of slugs) await all(INSERT_ENROLMENT, userId, slug, input.courses.get(slug)!.meta.version, now, now);
    };
    const titles = (slugs: string[], language: Language) => slugs.map((s) => courseTextIn(input.courses.get(s)!, language).title);
    const typedLogin = (r: ImportRow) => r.email ?? r.username ?? "";

    const sheet: SheetLine[] = [];
    for (const r of input.rows) {
      const existing = (r.email && (await one<U>(BY_EMAIL, r.email))) || (r.username && (await one<U>(BY_USERNAME, r.username))) || undefined;
      if (!existing) {
        const user = (await one<U>(INSERT_USER, r.name, r.email, r.username, r.language ?? fallback, now))!;
        await all(INSERT_MEMBER, user.id, input.organisationId, now);
        await enrolIn(user.id, r.courses);
        sheet.push({
          name: user.name,
          login: typedLogin(r),
          code: await issueCode(user.id, false),
          courses: titles(r.courses, user.locale),
          status: "created",
          language: user.locale,
        });
        await all(AUDIT_ACCOUNT, now, input.by, user.id, input.organisationId, "created");
      } else if (await mayAttach(existing.id)) {
        await all(INSERT_MEMBER, existing.id, input.organisationId, now);
        await enrolIn(existing.id, r.courses);
        // A plain learner in scope: the ordinary rule lets this importer give a code, needed only without a password.
        const code = existing.password_hash ? null : await issueCode(existing.id, true);
        sheet.push({
          name: existing.name,
          login: existing.email ?? existing.username ?? "",
          code,
          courses: titles(r.courses, existing.locale),
          status: "added",
          language: existing.locale,
        });
        await all(AUDIT_ACCOUNT, now, input.by, existing.id, input.organisationId, code ? "added, one-time code" : "added");
      } else {
        await all(INVITE, existing.id, input.organisationId, input.by, JSON.stringify(r.courses), now);
        // The importer's own line (the holder answers on /learn): in the importer's language, and nothing of the account's.
        sheet.push({ name: r.name, login: typedLogin(r), code: null, courses: titles(r.courses, fallback), status: "invited", language: fallback });
        await all(AUDIT_ACCOUNT, now, input.by, existing.id, input.organisationId, "invited");
      }
    }
    const count = (s: SheetLine["status"]) => sheet.filter((l) => l.status === s).length;
    const codes = sheet.filter((l) => l.code).length;
    await audit(tx, {
      by: input.by,
      action: "bulk-import",
      organisationId: input.organisationId,
      detail: `${sheet.length} rows: ${count("created")} created, ${count("added")} added, ${count("invited")} invited; ${codes} one-time codes`,
      at,
    });
    return sheet;
  });
}
