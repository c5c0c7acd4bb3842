#!/usr/bin/env -S npx tsx
/**
 * One command-line entry for trainers and operators:
 *   npm run campus -- <command> [options]
 * It works on the database that DATABASE_URL names and the content folder that CONTENT_DIR names.
 */
import { parseArgs } from "node:util";
import { commands } from "./commands.ts";

const [name, sub, ...rest] = process.argv.slice(2);

function usage(): never {
  console.log(`Usage: npm run campus -- <command>

Content
  content new course <slug>        scaffold a course (a draft, with a first module)
  content new module <course> <slug>   scaffold the next module of a course
  content check [path] [--json] [--db]
                                   validate courses; exit 1 on any error; --db also reports renamed
                                   or removed modules that learners have progress on
  content build                    compile every module into the cache (run by npm run build)

People and co-operatives
  user add --email E --name N --password P [--admin]
  user code --login <email or username>   a one-time code to set a new password at /set-password
  user close --login <email or username> --yes   close an account at its holder's request (admins too):
                                   name, login and password removed, certificates revoked; cannot be undone
  org add --name N --country KE --kind savings-credit [--parent <name or id>]   (prints the new id)
  org list
  member add --email E --org <name or id> --role learner|trainer|coordinator
  trainer add --email E --course <slug>   the course's drafts, answer-key preview and quiz statistics
      kinds: health, savings-credit, agricultural, consumer, worker, housing, multi-stakeholder, federation, support

Certificates
  cert verify <file.json> [--did did.json] [--online]
                                   verify a credential offline (with a copy of the issuer's DID document)
                                   or with the running server; --online also checks revocation
  cert revoke <code> --reason "…"  revoke a certificate

Database
  db backup <file>                 online backup (SQLite backup API) while the app runs; checks the copy
  db migrate                       apply pending migrations
  db tidy                          remove expired sessions, used or expired one-time codes, stale
                                   failed log-in counters and audit entries past AUDIT_KEEP_DAYS
                                   (the server does this when it starts and once a day)
  db seed                          add demo accounts to an empty database (prints their passwords once)
  db seed --scale 100000           add a synthetic data set for benchmarks (learners, co-ops, enrolments, attempts)
`);
  process.exit(name ? 2 : 0);
}

const key = `${name ?? ""} ${sub ?? ""}`.trim();
const command = commands[key];
if (!command) usage();
try {
  const code = await command.run(parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true }));
  process.exitCode = code;
} catch (error) {
  const issues = (error as { issues?: { message: string }[] }).issues;
  console.error(`campus ${key}: ${issues ? issues.map((i) => i.message).join("; ") : (error as Error).message}`);
  process.exitCode = 2;
}
