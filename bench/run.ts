/**
 * npm run bench: starts the production build on loopback, runs bounded loads,
 * and prints one table of figures with their targets; also writes them to
 * bench/results/latest.json. Not part of npm test. Takes a few minutes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { loadCatalog } from "~/catalog/catalog.server";
import { createSession, generateSessionToken } from "~/auth/sessions.server";
import { openDatabase, sqliteConnection, type Db } from "~/db/client.server";
import { seedScale } from "./seed-scale";
import { createUser } from "~/auth/users.server";
import { enrol, markModuleComplete } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { rightAnswers } from "~/quizzes/grading";
import { certificates } from "~/db/schema";
import { pageWeights } from "./page-weight";
import { burst, burstFloor, percentile, type BurstRequest, type BurstResult } from "./burst";
import { courseStatsFor } from "~/quizzes/stats.server";
import { mulberry32 } from "~/utils/random";

type Figure = { name: string; value: number; unit: string; target: string; met: boolean };
const figures: Figure[] = [];
const record = (name: string, value: number, unit: string, target: string, met: boolean) => {
  figures.push({ name, value: Math.round(value * 100) / 100, unit, target, met });
  console.log(`  ${met ? "✓" : "✗"} ${name}: ${Math.round(value * 100) / 100} ${unit} (target ${target})`);
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), "campus-bench-"));
const COURSE = "coops-and-health-first-look";

async function start(name: string, env: Record<string, string>, port: number) {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers the bench starts.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "build/server.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      CAMPUS_DEMO: "0",
      LOG_LEVEL: "error",
      CAMPUS_BENCH: "1",
      ISSUER_KEY_FILE: path.join(work, `${name}-key.json`),
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name}: server did not start`);
}
const stop = (child: ChildProcess) => new Promise<void>((r) => (child.once("exit", () => r()), child.kill("SIGTERM")));
/** CPU time (user + system) a process, or one of its threads, has used so far, in ms (Linux: clock ticks of 10 ms). */
const cpuMs = (pid: number, thread?: number) => {
  const fields = fs
    .readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, "utf8")
    .split(") ")[1]!
    .split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function cookieFor(db: Db, userId: number) {
  const token = generateSessionToken();
  await createSession(db, token, userId);
  return `campus_session=${token}`;
}

async function load(url: string, connections: number, headers: Record<string, string>, seconds = 8) {
  const r = await autocannon({ url, connections, duration: seconds, headers });
  console.log(
    `    ${url.replace(/^http:\/\/[^/]+/, "")} x${connections}: ${r.requests.total} requests, ${r.requests.average} req/s, p50 ${r.latency.p50} p99 ${r.latency.p99}, ${r.errors} errors, ${r.non2xx} non-2xx`,
  );
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function modulePage() {
  console.log("\nModule page against the framework floor");
  const dbFile = path.join(work, "module.db");
  const db = openDatabase(dbFile);
  const catalog = await loadCatalog({ contentDir: "content" });
  const user = await createUser(db, { email: "bench@example.org", name: "Bench Learner", password: null });
  await enrol(db, user.id, catalog.courses.get(COURSE)!);
  const cookie = await cookieFor(db, user.id);
  sqliteConnection(db).close();
  const { child, base } = await start("module", { DATABASE_URL: dbFile }, 3301);
  const moduleUrl = `${base}/courses/${COURSE}/what-is-a-cooperative`;
  const html = await (await fetch(moduleUrl, { headers: { cookie } })).text();
  // The bare route's text is in its loader data as well as in the page, so each requested byte adds about two:
  // measure the empty page and one guess, then ask for the size that gives the module page's length.
  const bareLength = async (bytes: number) => (await (await fetch(`${base}/bench/bare?bytes=${bytes}`, { headers: { cookie } })).text()).length;
  const empty = await bareLength(0);
  const guess = Math.max(0, Math.round((html.length - empty) / 2));
  const perByte = guess > 0 ? ((await bareLength(guess)) - empty) / guess : 2;
  const bareUrl = `${base}/bench/bare?bytes=${Math.max(0, Math.round((html.length - empty) / perByte))}`;
  const bareBytes = (await (await fetch(bareUrl, { headers: { cookie } })).text()).length;
  console.log(`  module page ${html.length} bytes, bare route ${bareBytes} bytes`);
  const headers = { cookie, "accept-encoding": "gzip" };
  // Warm-up, both routes: a fresh process runs its first thousand or so pages slower while V8 optimises them.
  await load(moduleUrl, 10, headers, 4);
  await load(bareUrl, 10, headers, 4);
  const results: Record<string, Awaited<ReturnType<typeof load>>> = {};
  // Three rounds, the two routes taking turns (and swapping who goes first), each figure the median of its
  // three: one 8-second run moved by 15% between runs on this shared machine, and by more for p99.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (const c of [10, 100]) {
    const runs: Record<"module" | "bare", Awaited<ReturnType<typeof load>>[]> = { module: [], bare: [] };
    for (const round of [0, 1, 2]) {
      for (const which of round === 1 ? (["bare", "module"] as const) : (["module", "bare"] as const)) {
        runs[which].push(await load(which === "module" ? moduleUrl : bareUrl, c, headers, 6));
      }
    }
    for (const which of ["module", "bare"] as const) {
      const r = runs[which];
      results[`${which}${c}`] = {
        rps: median(r.map((x) => x.rps)),
        p50: median(r.map((x) => x.p50)),
        p99: median(r.map((x) => x.p99)),
        errors: r.reduce((n, x) => n + x.errors, 0),
      };
    }
    record(`module page, ${c} connections: requests/s`, results[`module${c}`]!.rps, "req/s", "report", true);
    record(`module page, ${c} connections: p50`, results[`module${c}`]!.p50, "ms", "report", true);
    record(
      `module page, ${c} connections: p99`,
      results[`module${c}`]!.p99,
      "ms",
      c === 10 ? "< 50" : "report",
      c === 10 ? results[`module${c}`]!.p99 < 50 : true,
    );
    record(`bare React Router route, ${c} connections: requests/s`, results[`bare${c}`]!.rps, "req/s", "report", true);
    record(
      `module / bare throughput, ${c} connections`,
      results[`module${c}`]!.rps / results[`bare${c}`]!.rps,
      "ratio",
      "≥ 0.80",
      results[`module${c}`]!.rps / results[`bare${c}`]!.rps >= 0.8,
    );
  }
  record("server peak memory (module page run)", peakRssMb(child.pid!), "MB", "< 300", peakRssMb(child.pid!) < 300);
  await stop(child);
}

async function quizSubmissions() {
  console.log("\nQuiz submissions: 200 learners at once, with JavaScript and without: a first burst of each, then three of each");
  const WARM = 400;
  const BURST = 200;
  // BENCH_QUIZ_ROUNDS=8 BENCH_QUIZ_KINDS=js: more bursts, or one kind only, when comparing two versions.
  const ROUNDS = Number(process.env.BENCH_QUIZ_ROUNDS ?? 3);
  const dbFile = path.join(work, "quiz.db");
  const db = openDatabase(dbFile);
  const catalog = await loadCatalog({ contentDir: "content" });
  const course = catalog.courses.get(COURSE)!;
  const quiz = course.modules[1]!.quizzes[0]!;
  const answers = new URLSearchParams({ intent: "quiz", quizId: quiz.id });
  for (const q of quiz.questions) {
    if (q.kind === "text") answers.append(`q.${q.id}`, q.answers[0]!);
    else for (const c of q.choices.filter((c) => c.correct)) answers.append(`q.${q.id}`, c.id);
  }
  // One learner per submission: each learner submits once.
  const cookies: string[] = [];
  const insert = sqliteConnection(db).prepare("insert into users (email, name) values (?, ?) returning id");
  const kinds = (process.env.BENCH_QUIZ_KINDS?.split(",") ?? ["js", "plain"]) as ("js" | "plain")[];
  for (let i = 0; i < WARM + kinds.length * (ROUNDS + 1) * BURST; i++) {
    const id = (insert.get(`quiz${i}@example.org`, `Quiz ${i}`) as { id: number }).id;
    await enrol(db, id, course);
    cookies.push(await cookieFor(db, id));
  }
  sqliteConnection(db).close();
  const { child, base } = await start("quiz", { DATABASE_URL: dbFile }, 3302);
  const page = `${base}/courses/${COURSE}/coops-working-for-health`;
  // One submission: as a browser with JavaScript sends it (to the module's attempts endpoint), or as a plain form post.
  const submission = (cookie: string, i: number, enhanced: boolean): BurstRequest => {
    const body = new URLSearchParams(answers);
    body.set("attemptKey", `bench-attempt-key-${i}-0000`);
    return {
      url: enhanced ? `${page}/attempts` : page,
      method: "POST",
      body: body.toString(),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: base },
    };
  };
  const acknowledges = (r: BurstResult, enhanced: boolean) =>
    r.status === 200 && (enhanced ? r.text.includes("moduleCompleted") : r.text.includes("you scored"));
  // A server that has served before: a fresh process compiles its code over its first few hundred requests
  // (after only 100, a burst took about a third longer than after 400).
  let acknowledged = 0;
  let next = 0;
  for (; next < WARM; next++) {
    await fetch(page, { headers: { cookie: cookies[next]! } }).then((r) => r.arrayBuffer());
    const [r] = await burst([submission(cookies[next]!, next, next % 2 === 0)]);
    if (acknowledges(r!, next % 2 === 0)) acknowledged++;
  }
  // Then one burst of each kind that is not counted: single requests leave the paths a burst takes (many
  // connections at once, groups of submissions) to be optimised during the first burst, which V8 does on the other
  // core while the client needs it (decision 0013). Its p95 is recorded as the first burst's.
  // Three bursts of each kind follow, taking turns, each figure the median of its three: one burst's p95 moved by a
  // third between runs on this shared machine.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const runs = {
    js: [] as { ok: number; p95: number; rate: number; cpu: number; main: number }[],
    plain: [] as { ok: number; p95: number; rate: number; cpu: number; main: number }[],
  };
  const first: Partial<Record<"js" | "plain", number>> = {};
  for (let round = -1; round < ROUNDS; round++) {
    for (const kind of kinds) {
      const from = next;
      next += BURST;
      const started = performance.now();
      const cpuBefore = cpuMs(child.pid!);
      const mainBefore = cpuMs(child.pid!, child.pid!);
      const results = await burst(cookies.slice(from, from + BURST).map((cookie, i) => submission(cookie, from + i, kind === "js")));
      const seconds = (performance.now() - started) / 1000;
      const ok = results.filter((r) => acknowledges(r, kind === "js")).length;
      const cpu = cpuMs(child.pid!) - cpuBefore;
      const main = cpuMs(child.pid!, child.pid!) - mainBefore;
      acknowledged += ok;
      const p95 = percentile(
        results.map((r) => r.ms),
        0.95,
      );
      if (round < 0) first[kind] = p95;
      else runs[kind].push({ ok, p95, rate: ok / seconds, cpu, main });
      const what = `${round < 0 ? "first burst, " : ""}${kind === "js" ? "with JavaScript" : "without"}`;
      console.log(`    ${what}: ${ok} acknowledged, p95 ${Math.round(p95)} ms, ${Math.round(ok / seconds)} per s, server CPU ${cpu} ms (main thread ${main})`);
    }
  }
  // What the harness adds by itself: the same burst against a server that only answers "ok".
  const floor = median(await burstFloor(BURST, ROUNDS));
  record("harness floor: p95 of 200 at once against a server that only answers", floor, "ms", "report", true);
  for (const [kind, label] of [
    ["js", "with JavaScript"],
    ["plain", "without JavaScript (whole page)"],
  ] as const) {
    const r = runs[kind];
    if (r.length === 0) continue;
    const ok = r.reduce((n, x) => n + x.ok, 0);
    const p95 = median(r.map((x) => x.p95));
    record(`quiz submissions acknowledged, ${label}`, ok, "attempts", String(ROUNDS * BURST), ok === ROUNDS * BURST);
    record(`quiz submission p95, 200 at once, ${label}`, p95, "ms", kind === "js" ? "< 250" : "report", kind === "js" ? p95 < 250 : true);
    record(`quiz submission p95, first burst of 200 after single requests, ${label}`, first[kind]!, "ms", "report", true);
    // The server takes the 200 one after another: how fast it works through them says how large a class one
    // server absorbs at once (the p95 above is roughly 190 of these in a row).
    record(`quiz submissions per second, 200 at once, ${label}`, median(r.map((x) => x.rate)), "per s", "report", true);
    // The server's own CPU time for a burst (user and system, from /proc), per submission: steadier than the
    // p95 from run to run, so the figure to compare when changing the server.
    record(`quiz submission: server CPU per submission, ${label}`, (median(r.map((x) => x.cpu)) / BURST) * 1000, "µs", "report", true);
    // Of which on the thread that answers HTTP (the rest is V8's helper threads, on the other core): the one that
    // works through the burst one request after another.
    record(`quiz submission: server main-thread CPU per submission, ${label}`, (median(r.map((x) => x.main)) / BURST) * 1000, "µs", "report", true);
  }
  await stop(child);
  const check = openDatabase(dbFile);
  const stored = (sqliteConnection(check).prepare("select count(*) n from quiz_attempts").get() as { n: number }).n;
  record("quiz attempts stored minus acknowledged", stored - acknowledged, "attempts", "0", stored === acknowledged);

  // Grading and storing alone, in this process and with no HTTP, each in a transaction of its own: the database's
  // share of a submission, steadier than anything measured through the sockets.
  const right = rightAnswers(quiz);
  const perSubmission: number[] = [];
  const addUser = sqliteConnection(check).prepare("insert into users (email, name) values (?, ?) returning id");
  for (let round = 0; round < 6; round++) {
    const learners: number[] = [];
    for (let i = 0; i < BURST; i++) {
      const id = (addUser.get(`inproc${round}-${i}@example.org`, "In process") as { id: number }).id;
      await enrol(check, id, course);
      learners.push(id);
    }
    const started = performance.now();
    // One after another, as before: each in its own transaction, none waiting for another's.
    for (const [i, userId] of learners.entries())
      await submitAttempt(check, { userId, course, module: course.modules[1]!, quiz, answers: right, idempotencyKey: `inproc-${round}-${i}-00000000` });
    if (round > 0) perSubmission.push(((performance.now() - started) / BURST) * 1000); // the first round warms up
  }
  sqliteConnection(check).close();
  record("quiz grading and storing in-process, each in its own transaction", median(perSubmission), "µs", "report", true);
}

async function dashboard() {
  console.log("\nCoordinator dashboard on 100,000 learners (about 30 s to build the data set)");
  const dbFile = path.join(work, "scale.db");
  const db = openDatabase(dbFile);
  await seedScale(db, 100_000);
  const admin = await createUser(db, { email: "admin@bench.example.org", name: "Admin", password: null, isAdmin: true });
  const cookie = await cookieFor(db, admin.id);
  sqliteConnection(db).close();
  for (const [label, cache] of [
    ["cold, cache off", "0"],
    ["warm, 30 s cache", "30"],
  ] as const) {
    const { child, base } = await start(`dash-${cache}`, { DATABASE_URL: dbFile, REPORT_CACHE_SECONDS: cache }, 3303);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await fetch(`${base}/dashboard.data`, { headers: { cookie } });
      await r.arrayBuffer();
      times.push(performance.now() - t);
    }
    record(`admin dashboard p95 (${label})`, percentile(times, 0.95), "ms", "< 150", percentile(times, 0.95) < 150);
    if (cache === "0") {
      // With a date range (the last half year): the co-ops and countries tables then read the enrolments.
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      const range = `from=${day(Date.now() - 182 * 86_400_000)}&to=${day(Date.now())}`;
      const ranged: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        await (await fetch(`${base}/dashboard.data?${range}`, { headers: { cookie } })).arrayBuffer();
        ranged.push(performance.now() - t);
      }
      record("admin dashboard with a date range, median (cold, cache off)", percentile(ranged, 0.5), "ms", "report", true);
      // Meanwhile other requests are served: the longest a health check waits while one such dashboard is computed.
      let computing = true;
      const slow = fetch(`${base}/dashboard.data?${range}`, { headers: { cookie } })
        .then((r) => r.arrayBuffer())
        .finally(() => (computing = false));
      const waits: number[] = [];
      while (computing) {
        const t = performance.now();
        await (await fetch(`${base}/healthz`)).arrayBuffer();
        waits.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
      await slow;
      record("longest wait of another request during that dashboard", Math.max(...waits), "ms", "< 50", Math.max(...waits) < 50);
      const before = peakRssMb(child.pid!);
      const t = performance.now();
      const r = await fetch(`${base}/dashboard/export?table=enrolments`, { headers: { cookie } });
      let bytes = 0;
      const reader = r.body!.getReader();
      for (let c = await reader.read(); !c.done; c = await reader.read()) bytes += c.value.length;
      record("full CSV export of 500,000 enrolments", (performance.now() - t) / 1000, "s", "report", true);
      record("CSV export size", bytes / 1024 / 1024, "MB", "report", true);
      const peak = peakRssMb(child.pid!);
      record("server peak memory during the export", peak, "MB", "< 200", peak < 200);
      record("memory growth during the export", peak - before, "MB", "flat (< 50)", peak - before < 50);
    }
    await stop(child);
  }
}

async function quizStatistics() {
  console.log("\nQuiz statistics of a course with 100,000 attempts (the trainers' page and its CSV)");
  const N = 100_000;
  const dbFile = path.join(work, "stats.db");
  const db = openDatabase(dbFile);
  const catalog = await loadCatalog({ contentDir: "content" });
  const course = catalog.courses.get("coop-governance-essentials")!;
  const quizzes = course.modules.flatMap((m) => m.quizzes.map((quiz) => ({ quiz, module: m })));
  const random = mulberry32(7);
  // Attempts as the app stores them (answers and per-question credit as JSON), spread over the course's quizzes;
  // the tally is under test, not the enrolments they would belong to.
  const sqlite = sqliteConnection(db);
  sqlite.pragma("foreign_keys = OFF");
  const insert = sqlite.prepare(
    "insert into quiz_attempts (user_id, enrolment_id, course_slug, module_slug, quiz_id, attempt_number, answers, results, score, passed, content_hash, idempotency_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, 0)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < N; i++) {
      const { quiz, module } = quizzes[i % quizzes.length]!;
      const answers: Record<string, string[]> = {};
      const results: { id: string; credit: number }[] = [];
      for (const q of quiz.questions) {
        const right = random() < 0.6;
        if (q.kind === "text") answers[q.id] = [right ? q.answers[0]! : "not sure"];
        else answers[q.id] = [q.choices.filter((c) => c.correct === right)[0]?.id ?? q.choices[0]!.id];
        results.push({ id: q.id, credit: right ? 1 : 0 });
      }
      const score = results.filter((r) => r.credit === 1).length / results.length;
      insert.run(
        Math.floor(i / 2),
        i,
        course.slug,
        module.slug,
        quiz.id,
        1 + (i % 2),
        JSON.stringify(answers),
        JSON.stringify(results),
        score,
        score >= 0.7 ? 1 : 0,
        `bench-${i}`,
      );
    }
  })();
  sqlite.close();
  const { monitorEventLoopDelay } = await import("node:perf_hooks");
  const times: number[] = [];
  const pauses: number[] = [];
  let growth = 0;
  for (let round = 0; round < 3; round++) {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const rss = process.memoryUsage().rss;
    loop.enable();
    const started = performance.now();
    const stats = await courseStatsFor(dbFile, course, "fr");
    times.push(performance.now() - started);
    loop.disable();
    pauses.push(loop.max / 1e6);
    growth = Math.max(growth, (process.memoryUsage().rss - rss) / 1024 / 1024);
    if (stats.reduce((n, q) => n + q.attempts, 0) !== N) throw new Error("quiz statistics: not every attempt was counted");
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  record("quiz statistics, 100,000 attempts: time", median(times), "ms", "report", true);
  // The tally pauses every 1,000 attempts so other requests are served meanwhile: the longest the server is held.
  record("quiz statistics, 100,000 attempts: longest hold on the server", median(pauses), "ms", "< 50", median(pauses) < 50);
  record("quiz statistics, 100,000 attempts: memory growth", growth, "MB", "report", true);
}

/**
 * Pages while 32 people log in at once, again and again: password hashing (argon2id, about 20 ms of a core each,
 * on purpose) runs two at a time in its own lane, so page latency stays near its quiet figure.
 */
async function logins() {
  console.log("\nPages while 32 log-ins run at once");
  const dbFile = path.join(work, "logins.db");
  const db = openDatabase(dbFile);
  const people = 32;
  for (let i = 0; i < people; i++) await createUser(db, { email: `login${i}@example.org`, name: `Login ${i}`, password: "bench password" });
  sqliteConnection(db).close();
  const { child, base } = await start("logins", { DATABASE_URL: dbFile }, 3313);
  try {
    const quiet = await load(`${base}/courses`, 2, {}, 4);
    let running = true;
    let done = 0;
    const loginLoop = async (i: number) => {
      while (running) {
        const r = await fetch(`${base}/login`, {
          method: "POST",
          redirect: "manual",
          // Each from an address of its own (the server trusts X-Forwarded-For from loopback), as a class would not be.
          headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `10.77.0.${i + 1}` },
          body: new URLSearchParams({ email: `login${i}@example.org`, password: "bench password" }),
        });
        await r.arrayBuffer();
        if (r.status === 302) done++;
      }
    };
    const loops = Array.from({ length: people }, (_, i) => loginLoop(i));
    await new Promise((r) => setTimeout(r, 500));
    const busy = await load(`${base}/courses`, 2, {}, 6);
    running = false;
    await Promise.all(loops);
    console.log(`    ${done} log-ins completed meanwhile`);
    record("catalog p99, quiet", quiet.p99, "ms", "for comparison", true);
    record("catalog p99 while 32 log-ins run", busy.p99, "ms", "< 250", busy.p99 < 250 && busy.errors === 0);
  } finally {
    await stop(child);
  }
}

async function content() {
  console.log("\nContent: 100 courses × 10 modules");
  const dir = path.join(work, "content");
  for (let c = 0; c < 100; c++) {
    const course = path.join(dir, "courses", `course-${c}`);
    fs.mkdirSync(course, { recursive: true });
    fs.writeFileSync(path.join(course, "course.yaml"), `title: Course ${c}\nsummary: A generated course.\n`);
    for (let m = 1; m <= 10; m++) {
      fs.writeFileSync(
        path.join(course, `${String(m).padStart(2, "0")}-module-${m}.mdx`),
        `---\ntitle: Module ${m}\nminutes: 10\n---\n\n## Section\n\nSome **text** with a <Term definition="A word.">term</Term>.\n\n<Callout kind="tip">Tip ${m}</Callout>\n\n<Quiz id="q-${m}">\n  <Question id="a" prompt="Which?">\n    <Choice correct>One</Choice>\n    <Choice>Two</Choice>\n  </Question>\n</Quiz>\n`,
      );
    }
  }
  const cache = path.join(work, "content-cache");
  let t = performance.now();
  const cold = await loadCatalog({ contentDir: dir, cacheDir: cache });
  const coldSeconds = (performance.now() - t) / 1000;
  record("cold compile of 1,000 modules", coldSeconds, "s", "< 60", coldSeconds < 60 && cold.stats.compiled === 1000);
  t = performance.now();
  const warm = await loadCatalog({ contentDir: dir, cacheDir: cache });
  const warmSeconds = (performance.now() - t) / 1000;
  record("warm start: modules compiled", warm.stats.compiled, "modules", "0", warm.stats.compiled === 0);
  record("warm start: catalog ready", warmSeconds, "s", "< 2", warmSeconds < 2);
}

async function weight() {
  console.log("\nPage weight in a real browser (compressed bytes over the wire)");
  const dbFile = path.join(work, "weight.db");
  const db = openDatabase(dbFile);
  const catalog = await loadCatalog({ contentDir: "content" });
  const course = catalog.courses.get(COURSE)!;
  const user = await createUser(db, { email: "weight@example.org", name: "Weight Learner", password: null });
  await enrol(db, user.id, course);
  // Complete the course (module 1 by hand, module 2's quiz answered right) so there is a certificate to weigh.
  await markModuleComplete(db, { userId: user.id, course, module: course.modules[0]! });
  const quizModule = course.modules[1]!;
  const quiz = quizModule.quizzes[0]!;
  const answers = rightAnswers(quiz);
  await submitAttempt(db, { userId: user.id, course, module: quizModule, quiz, answers, idempotencyKey: crypto.randomUUID() });
  const code = (await db.select({ code: certificates.code }).from(certificates))[0]!.code;
  const token = (await cookieFor(db, user.id)).split("=")[1]!;
  sqliteConnection(db).close();
  // The courses' own modules are two to three times as long as the short course's above: the longest one in
  // the catalog (its primary language, the most HTML) is weighed too, reached from the module before it.
  const longest = [...catalog.courses.values()]
    .flatMap((c) =>
      c.modules.map((m, i) => ({ course: c.slug, slug: m.slug, before: i > 0 ? c.modules[i - 1]!.slug : null, variant: m.variants[c.meta.languages[0]!]! })),
    )
    .filter((m) => m.before !== null)
    .map((m) => ({ ...m, bytes: m.variant.segments.reduce((n, seg) => n + (seg.type === "html" ? seg.html.length : 0), 0) }))
    .sort((a, b) => b.bytes - a.bytes)[0]!;
  console.log(`  longest module: ${longest.course}/${longest.slug}, ${longest.bytes} bytes of HTML`);
  const { child, base } = await start("weight", { DATABASE_URL: dbFile }, 3305);
  try {
    await pageWeights(
      base,
      { name: "campus_session", value: token },
      [
        { name: "catalog", url: "/courses", before: "/" },
        { name: "module page", url: `/courses/${COURSE}/what-is-a-cooperative`, before: `/courses/${COURSE}` },
        { name: "quiz page", url: `/courses/${COURSE}/${quizModule.slug}`, before: `/courses/${COURSE}/what-is-a-cooperative` },
        { name: "certificate page", url: `/certificates/${code}`, before: "/certificates" },
        { name: "longest module page", url: `/courses/${longest.course}/${longest.slug}`, before: `/courses/${longest.course}/${longest.before}` },
      ],
      { first: 120, next: 15, saver: 40 },
      record,
    );
  } finally {
    await stop(child);
  }
}

const only = process.argv.slice(2);
// Load figures first: the content step compiles 1,000 modules inside this process (autocannon's), and the
// garbage it leaves slowed the load generator enough to move the module page's p99 by tens of milliseconds.
const steps: [string, () => Promise<void>][] = [
  ["module", modulePage],
  ["quiz", quizSubmissions],
  ["dashboard", dashboard],
  ["stats", quizStatistics],
  ["logins", logins],
  ["content", content],
  ["weight", weight],
];
try {
  for (const [name, step] of steps) if (only.length === 0 || only.includes(name)) await step();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
// A run of some parts replaces their figures in latest.json and keeps the others from earlier runs.
fs.mkdirSync("bench/results", { recursive: true });
const latestFile = "bench/results/latest.json";
const earlier: Figure[] = only.length && fs.existsSync(latestFile) ? JSON.parse(fs.readFileSync(latestFile, "utf8")) : [];
const fresh = new Map(figures.map((f) => [f.name, f]));
const merged = [...earlier.map((f) => fresh.get(f.name) ?? f), ...figures.filter((f) => !earlier.some((e) => e.name === f.name))];
fs.writeFileSync(latestFile, JSON.stringify(merged, null, 2) + "\n");
console.log("\n| figure | value | target | met |\n|---|---|---|---|");
for (const f of figures) console.log(`| ${f.name} | ${f.value} ${f.unit} | ${f.target} | ${f.met ? "yes" : "**no**"} |`);
console.log(
  `\n${figures.filter((f) => f.met).length} of ${figures.length} targets met; written to ${latestFile}${only.length ? " (with earlier figures of the other parts)" : ""}`,
);
