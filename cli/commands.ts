import type { ParseArgsConfig } from "node:util";
import { z } from "zod";
import path from "node:path";
import { formatProblem, loadCatalog } from "~/catalog/catalog.server";
import { newCourse, newModule } from "~/catalog/scaffold.server";
import { strandedProgress } from "~/catalog/progress-check.server";
import { houseStyleProblems } from "~/catalog/house-style.server";
import { createUser, findUserByLogin } from "~/auth/users.server";
import { issueResetCode } from "~/auth/password-reset.server";
import { closeAccount } from "~/auth/close-account.server";
import { addCourseTrainer, addMember, addOrg, findOrg, listOrgs } from "~/orgs/orgs.server";
import { getDb as openDb, closeDb, migrate, privateFile, sqliteConnection } from "~/db/client.server";

/** The database DATABASE_URL names, migrated (SQLite migrates on opening; PostgreSQL here, once across processes). */
let migrated: Promise<void> | undefined;
async function database() {
  const db = openDb();
  await (migrated ??= migrate(db));
  return db;
}
import { tidy } from "~/server/housekeeping.server";
import { seedDemo } from "~/demo/seed.server";
import { seedScale } from "../bench/seed-scale";
import { getEnv } from "~/env.server";
import { findCertificate } from "~/certificates/issue.server";
import { revokeCertificate } from "~/certificates/revoke.server";
import { verifyCredentialFile } from "~/certificates/verify-file.server";

type Parsed = { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };
type Command = { options: NonNullable<ParseArgsConfig["options"]>; run: (args: Parsed) => Promise<number> };

export const commands: Record<string, Command> = {
  "content check": {
    options: { json: { type: "boolean" }, db: { type: "boolean" }, strict: { type: "boolean" } },
    async run({ values, positionals }) {
      const env = getEnv();
      const catalog = await loadCatalog({ contentDir: env.contentDir, cacheDir: env.cacheDir, only: positionals[0] });
      // The programme's house style (app/catalog/house-style.server.ts), for published courses.
      if (values.strict) catalog.problems.push(...houseStyleProblems(catalog));
      if (values.db) {
        catalog.problems.push(...(await strandedProgress(await database(), catalog, env.contentDir)));
        catalog.problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message));
        await closeDb();
      }
      const errors = catalog.problems.filter((p) => p.severity === "error").length;
      const warnings = catalog.problems.length - errors;
      if (values.json) {
        console.log(JSON.stringify({ problems: catalog.problems, errors, warnings, courses: catalog.courses.size, modules: catalog.stats.modules }, null, 2));
      } else {
        for (const p of catalog.problems) console.log(formatProblem(p));
        console.log(`${catalog.courses.size} course(s), ${catalog.stats.modules} module file(s): ${errors} error(s), ${warnings} warning(s)`);
      }
      return errors > 0 ? 1 : 0;
    },
  },
  "content new": {
    options: {},
    async run({ positionals }) {
      const env = getEnv();
      const [what, a, b] = positionals;
      const created = what === "course" && a && !b ? newCourse(env.contentDir, a) : what === "module" && a && b ? [newModule(env.contentDir, a, b)] : undefined;
      if (!created) throw new Error("usage: content new course <slug> | content new module <course> <slug>");
      for (const f of created) console.log(`created ${path.relative(process.cwd(), f)}`);
      const slug = what === "course" ? a : a!;
      console.log("next: replace the example text with your own, then run npm run campus -- content check (it warns where example text is left).");
      if (what === "course") {
        console.log(`The course is a draft (draft: true in course.yaml): learners do not see it; its trainers and admins do.`);
      }
      console.log(`To see it as you write: npm run dev, then open http://localhost:${env.port}/courses/${slug}`);
      console.log(`signed in as an admin, or as one of its trainers (npm run campus -- trainer add --email <you> --course ${slug}).`);
      return 0;
    },
  },
  "content build": {
    options: {},
    async run() {
      const env = getEnv();
      const catalog = await loadCatalog({ contentDir: env.contentDir, cacheDir: env.cacheDir });
      for (const p of catalog.problems) console.log(formatProblem(p));
      console.log(
        `content: ${catalog.courses.size} course(s); ${catalog.stats.compiled} module(s) compiled, ${catalog.stats.cached} already cached (${catalog.stats.ms} ms)`,
      );
      return 0; // a broken module is reported, left out, and must not stop a deployment of the others
    },
  },
  "user add": {
    options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, admin: { type: "boolean" } },
    async run({ values }) {
      const input = z
        .object({
          email: z.string({ required_error: "--email is required" }).email("--email must be an email address"),
          name: z.string({ required_error: "--name is required" }).trim().min(1),
          password: z.string({ required_error: "--password is required" }).min(8, "--password needs at least 8 characters"),
          admin: z.boolean().optional(),
        })
        .parse(values);
      const user = await createUser(await database(), { email: input.email, name: input.name, password: input.password, isAdmin: input.admin });
      console.log(`created user ${user.id} <${user.email}>${user.isAdmin ? " (admin)" : ""}`);
      await closeDb();
      return 0;
    },
  },
  "user code": {
    options: { login: { type: "string" } },
    async run({ values }) {
      const login = z.string({ required_error: "--login (an email or a username) is required" }).trim().min(1).parse(values.login);
      const db = await database();
      const user = await findUserByLogin(db, login);
      if (!user) throw new Error(`there is no account "${login}"`);
      const { code, expiresAt } = await issueResetCode(db, user.id, null);
      console.log(`one-time code for ${user.name} <${user.email ?? user.username}>: ${code}`);
      console.log(`at /set-password, once, until ${expiresAt.toISOString().slice(0, 10)}; earlier codes no longer work`);
      await closeDb();
      return 0;
    },
  },
  "user close": {
    options: { login: { type: "string" }, yes: { type: "boolean" } },
    async run({ values }) {
      const login = z.string({ required_error: "--login (an email or a username) is required" }).trim().min(1).parse(values.login);
      const db = await database();
      const user = await findUserByLogin(db, login);
      if (!user) throw new Error(`there is no account "${login}"`);
      if (values.yes !== true) throw new Error(`closing ${user.name}'s account cannot be undone: add --yes to close it`);
      await closeAccount(db, { userId: user.id, by: null });
      console.log(`closed account #${user.id} (${user.name}): name, login and password removed, signed out, off every co-op, certificates revoked`);
      await closeDb();
      return 0;
    },
  },
  "cert verify": {
    options: { did: { type: "string" }, online: { type: "boolean" } },
    async run({ values, positionals }) {
      const file = positionals[0];
      if (!file) throw new Error("usage: cert verify <credential.json> [--did <did.json>] [--online]");
      const verdict = await verifyCredentialFile(file, { didFile: values.did as string | undefined, online: values.online === true });
      for (const line of verdict.lines) console.log(line);
      return verdict.ok ? 0 : 1;
    },
  },
  "cert revoke": {
    options: { reason: { type: "string" } },
    async run({ values, positionals }) {
      const reason = String(values.reason ?? "").trim();
      if (!positionals[0] || reason.length < 5) throw new Error('usage: cert revoke <code> --reason "why, in a few words"');
      const cert = await findCertificate(await database(), positionals[0]);
      if (!cert) throw new Error(`no certificate has the code ${positionals[0]}`);
      const done = await revokeCertificate(await database(), { code: cert.code, reason, by: null });
      console.log(done ? `revoked ${cert.code} (${cert.learnerName}, ${cert.courseTitle})` : `${cert.code} was already revoked`);
      await closeDb();
      return 0;
    },
  },
  "org add": {
    options: { name: { type: "string" }, country: { type: "string" }, kind: { type: "string" }, parent: { type: "string" } },
    async run({ values }) {
      const id = await addOrg(await database(), values as Record<string, string>, null);
      console.log(String(id)); // plain text, never coloured by FORCE_COLOR
      await closeDb();
      return 0;
    },
  },
  "org list": {
    options: {},
    async run() {
      for (const o of await listOrgs(await database()))
        console.log(`${o.id}\t${o.country}\t${o.kind}\t${o.name}${o.parentId ? `\t(parent ${o.parentId})` : ""}`);
      await closeDb();
      return 0;
    },
  },
  "member add": {
    options: { email: { type: "string" }, org: { type: "string" }, role: { type: "string" } },
    async run({ values }) {
      const input = z
        .object({
          email: z.string({ required_error: "--email is required" }).min(1),
          org: z.string({ required_error: "--org is required" }).min(1),
          role: z.enum(["learner", "trainer", "coordinator"], { errorMap: () => ({ message: "--role is learner, trainer or coordinator" }) }),
        })
        .parse(values);
      const user = await findUserByLogin(await database(), input.email);
      if (!user) throw new Error(`no account has the email or username ${input.email}`);
      const org = await findOrg(await database(), input.org);
      if (!org) throw new Error(`no organisation is named or numbered "${input.org}"`);
      await addMember(await database(), { userId: user.id, organisationId: org.id, role: input.role }, null);
      console.log(`${user.name} is now a ${input.role} of ${org.name}`);
      await closeDb();
      return 0;
    },
  },
  "db backup": {
    options: {},
    async run({ positionals }) {
      const target = positionals[0];
      if (!target) throw new Error("usage: db backup <file>");
      if (getEnv().databaseDialect === "postgres")
        throw new Error(
          'on PostgreSQL, back up with PostgreSQL\'s own tool: pg_dump --format=custom --file=<file> "$DATABASE_URL" (restore with pg_restore --clean --dbname=<url> <file>)',
        );
      const started = Date.now();
      // SQLite's online backup API: a consistent copy while the app keeps reading and writing. Copied in one
      // step: done in small steps, a busy server's writes would restart the copy again and again; in WAL mode
      // one step reads a single snapshot and blocks no writer.
      // Made readable by its owner only before anything is written to it (app/db/client.server.ts: privateFile).
      privateFile(path.resolve(target));
      await sqliteConnection(await database()).backup(path.resolve(target), { progress: () => 1_000_000_000 });
      const check = new (await import("better-sqlite3")).default(path.resolve(target), { readonly: true });
      const ok = check.pragma("integrity_check", { simple: true });
      check.close();
      console.log(`backed up ${getEnv().databasePath} to ${target} in ${Date.now() - started} ms; integrity_check: ${ok}`);
      await closeDb();
      return ok === "ok" ? 0 : 1;
    },
  },
  "trainer add": {
    options: { email: { type: "string" }, course: { type: "string" } },
    async run({ values }) {
      const input = z
        .object({
          email: z.string({ required_error: "--email is required" }).min(1),
          course: z.string({ required_error: "--course is required" }).regex(/^[a-z0-9-]+$/, "--course is a course slug"),
        })
        .parse(values);
      const user = await findUserByLogin(await database(), input.email);
      if (!user) throw new Error(`no account has the email or username ${input.email}`);
      const catalog = await loadCatalog({ contentDir: getEnv().contentDir });
      if (!catalog.courses.has(input.course)) throw new Error(`there is no course "${input.course}" in ${getEnv().contentDir}`);
      await addCourseTrainer(await database(), user.id, input.course, null);
      console.log(`${user.name} now trains ${input.course}: drafts, answer-key preview and quiz statistics`);
      await closeDb();
      return 0;
    },
  },
  "db tidy": {
    options: {},
    async run() {
      // The server also does this when it starts and once a day.
      const removed = await tidy(await database(), new Date(), { auditKeepDays: getEnv().auditKeepDays });
      console.log(
        `removed ${removed.sessions} expired session(s), ${removed.passwordCodes} used or expired one-time code(s), ${removed.loginCounters} stale failed log-in counter(s) and ${removed.auditEntries} audit log entr${removed.auditEntries === 1 ? "y" : "ies"} older than AUDIT_KEEP_DAYS`,
      );
      await closeDb();
      return 0;
    },
  },
  "db migrate": {
    options: {},
    async run() {
      await database();
      console.log(`database ${getEnv().databasePath} is up to date`);
      await closeDb();
      return 0;
    },
  },
  "db seed": {
    options: { scale: { type: "string" } },
    async run({ values }) {
      const env = getEnv();
      if (values.scale !== undefined) {
        const n = Number(values.scale);
        if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error("--scale takes a number of learners, 1 to 1,000,000");
        const started = Date.now();
        const made = await seedScale(await database(), n, (s) => console.log(`  ${s}`));
        console.log(
          `synthetic data: ${made.learners} learners, ${made.coops} co-ops, ${made.enrolments} enrolments, ${made.attempts} quiz attempts in ${Math.round((Date.now() - started) / 1000)} s`,
        );
        await closeDb();
        return 0;
      }
      const catalog = await loadCatalog({ contentDir: env.contentDir, cacheDir: env.cacheDir });
      const accounts = await seedDemo(await database(), { courses: catalog.courses });
      if (!accounts) console.log("the database already holds people: nothing was added");
      else {
        console.log("demo accounts (passwords shown this once):");
        for (const a of accounts) console.log(`  ${a.role.padEnd(12)} ${a.email.padEnd(36)} ${a.password}`);
      }
      await closeDb();
      return 0;
    },
  },
};
