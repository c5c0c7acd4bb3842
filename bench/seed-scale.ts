/**
 * A synthetic data set for benchmarks: by default 100,000 learners in 2,000
 * co-operatives across 40 countries, 500,000 enrolments and 1,000,000 quiz
 * attempts, written with prepared statements in large transactions. Names are
 * made up; no password is set (nobody can log in as them).
 */
import { mulberry32 } from "~/utils/random";
import { sqliteConnection, type Db } from "~/db/client.server";

const COUNTRIES = [
  "KE",
  "CM",
  "UG",
  "TZ",
  "RW",
  "ET",
  "GH",
  "NG",
  "SN",
  "CI",
  "BF",
  "ML",
  "BJ",
  "TG",
  "NE",
  "CD",
  "CG",
  "GA",
  "MG",
  "MW",
  "ZM",
  "ZW",
  "MZ",
  "ZA",
  "BW",
  "NA",
  "LS",
  "SZ",
  "BI",
  "SS",
  "SD",
  "EG",
  "MA",
  "TN",
  "IN",
  "BD",
  "NP",
  "PH",
  "BR",
  "CO",
];
const KINDS = ["health", "savings-credit", "agricultural", "consumer", "worker", "housing", "multi-stakeholder"];
const COURSES = ["coop-governance", "health-services", "kenya-cameroon-pilots", "coops-and-health-first-look"];

/** Writes through the SQLite connection under `db` (prepared statements, synchronous transactions): a benchmark's data set, not the app's way. */
export async function seedScale(db: Db, learners = 100_000, log: (s: string) => void = () => {}) {
  const sqlite = sqliteConnection(db);
  const random = mulberry32(42);
  const coops = Math.max(1, Math.round(learners / 50));
  const now = Date.now();
  const DAY = 86_400_000;
  sqlite.pragma("synchronous = OFF");
  const orgIds: number[] = [];
  sqlite.transaction(() => {
    const insertOrg = sqlite.prepare("insert into organisations (name, country, kind, parent_id) values (?, ?, ?, ?) returning id");
    const federations = new Map<string, number>();
    for (const country of COUNTRIES)
      federations.set(country, (insertOrg.get(`Synthetic federation ${country}`, country, "federation", null) as { id: number }).id);
    for (let i = 0; i < coops; i++) {
      const country = COUNTRIES[i % COUNTRIES.length]!;
      orgIds.push((insertOrg.get(`Synthetic co-op ${i + 1}`, country, KINDS[i % KINDS.length]!, federations.get(country)!) as { id: number }).id);
    }
  })();
  log(`${coops} co-ops in ${COUNTRIES.length} countries`);
  const insertUser = sqlite.prepare("insert into users (email, name, created_at) values (?, ?, ?) returning id");
  const insertMember = sqlite.prepare("insert into memberships (user_id, organisation_id, role, created_at) values (?, ?, 'learner', ?)");
  const insertEnrolment = sqlite.prepare(
    "insert into enrolments (user_id, course_slug, course_version, enrolled_at, last_activity_at, completed_at, modules_done, quiz_score) values (?, ?, '1', ?, ?, ?, ?, ?) returning id",
  );
  const insertAttempt = sqlite.prepare(
    "insert into quiz_attempts (user_id, enrolment_id, course_slug, module_slug, quiz_id, attempt_number, answers, results, score, passed, content_hash, idempotency_key, created_at) values (?, ?, ?, ?, ?, ?, '{}', '[]', ?, ?, 'synthetic', ?, ?)",
  );
  const batch = 10_000;
  let enrolmentCount = 0;
  let attemptCount = 0;
  for (let start = 0; start < learners; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(learners, start + batch); i++) {
        const created = now - Math.floor(random() * 365) * DAY;
        const userId = (insertUser.get(`learner${i}@synthetic.invalid`, `Synthetic Learner ${i}`, created) as { id: number }).id;
        insertMember.run(userId, orgIds[i % orgIds.length]!, created);
        // Five enrolments each (the four courses, one of them twice over two versions is not allowed: use modulo slugs).
        for (let c = 0; c < 5; c++) {
          const slug = c < COURSES.length ? COURSES[c]! : `elective-${i % 7}`;
          const enrolled = created + Math.floor(random() * 60) * DAY;
          const done = Math.floor(random() * 7);
          const completed = done >= 6 ? enrolled + Math.floor(random() * 90) * DAY : null;
          const score = 0.4 + random() * 0.6;
          const enrolmentId = (
            insertEnrolment.get(userId, slug, enrolled, completed ?? enrolled + done * DAY, completed, Math.min(done, 6), score) as { id: number }
          ).id;
          enrolmentCount++;
          for (let a = 0; a < 2; a++) {
            const s = Math.min(1, score + a * 0.1);
            insertAttempt.run(
              userId,
              enrolmentId,
              slug,
              `module-${a + 1}`,
              `${slug}-quiz-${a + 1}`,
              1,
              s,
              s >= 0.7 ? 1 : 0,
              `synthetic-${enrolmentId}-${a}`,
              enrolled + a * DAY,
            );
            attemptCount++;
          }
        }
      }
    })();
    log(`${Math.min(learners, start + batch).toLocaleString("en")} learners`);
  }
  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec("analyze");
  return { coops, learners, enrolments: enrolmentCount, attempts: attemptCount };
}
