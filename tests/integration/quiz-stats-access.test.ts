import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getCatalog, quizzesIn } from "~/catalog/catalog.server";
import { eq } from "drizzle-orm";
import { getDb, openDatabase, sqliteConnection } from "~/db/client.server";
import { courseQuizStats } from "~/quizzes/stats.server";
import { users } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import { loader } from "~/routes/courses.$course.stats";
import { loader as csvLoader } from "~/routes/courses.$course.stats[.csv]";
import { anonymous, signedIn, statusOf, routeArgs } from "../support/auth";

const params = { course: "sample-course" };
const url = "/courses/sample-course/stats";

describe("quiz statistics access", () => {
  it("sends a visitor to log in", async () => {
    const r = await statusOf(() => loader(routeArgs(anonymous(url), params)));
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
  });

  it("refuses a learner and a trainer of another course, on the page and as CSV", async () => {
    const learner = await signedIn();
    const other = await signedIn({ trainerOf: ["draft-course"] });
    for (const who of [learner, other]) {
      expect((await statusOf(() => loader(routeArgs(who.request(url), params)))).status).toBe(403);
      expect((await statusOf(() => csvLoader(routeArgs(who.request(`${url}.csv`), params)))).status).toBe(403);
    }
    const r = await statusOf(() => csvLoader(routeArgs(anonymous(`${url}.csv`), params)));
    expect(r.status).toBe(302);
    const admin = await signedIn({ admin: true });
    expect((await statusOf(() => csvLoader(routeArgs(admin.request("/courses/no-such/stats.csv"), { course: "no-such" })))).status).toBe(404);
  });

  it("shows the course's trainer and an admin the statistics, with no answer key", async () => {
    for (const who of [await signedIn({ trainerOf: ["sample-course"] }), await signedIn({ admin: true })]) {
      const r = await statusOf(() => loader(routeArgs(who.request(url), params)));
      expect(r.status).toBe(200);
      const body = r.body as { quizzes: { id: string; questions: unknown[] }[] };
      expect(body.quizzes.map((q) => q.id)).toEqual(["sample-quiz"]);
      expect(JSON.stringify(body)).not.toMatch(/"correct"|explanation/);
    }
  });

  it("counts wrong answers given in the French version under the original's choices", async () => {
    const course = (await getCatalog()).courses.get("sample-course")!;
    const module = course.modules.find((m) => m.quizzes.length > 0)!;
    const french = quizzesIn(module, "fr")[0]!;
    const who = french.questions.find((q) => q.id === "who-elects")!;
    if (who.kind === "text") throw new Error("who-elects has choices");
    for (let i = 0; i < 2; i++) {
      const learner = await signedIn();
      await enrol(getDb(), learner.user.id, course);
      const outcome = await submitAttempt(getDb(), {
        userId: learner.user.id,
        course,
        module,
        quiz: french,
        idempotencyKey: `french-attempt-key-${i}`,
        answers: { "who-elects": [who.choices.find((c) => c.label === "Le gérant")!.id] },
      });
      expect(outcome.created).toBe(true);
    }
    const trainer = await signedIn({ trainerOf: ["sample-course"] });
    const body = (await statusOf(() => loader(routeArgs(trainer.request(url), params)))).body as {
      quizzes: { questions: { id: string; answered: number; mostChosenWrong: { label: string; count: number } | null }[] }[];
    };
    expect(body.quizzes[0]!.questions.find((q) => q.id === "who-elects")).toMatchObject({ answered: 2, mostChosenWrong: { label: "The manager", count: 2 } });

    // A trainer who reads French sees the same figures in the French version's words.
    const frenchTrainer = await signedIn({ trainerOf: ["sample-course"] });
    await getDb().update(users).set({ locale: "fr" }).where(eq(users.id, frenchTrainer.user.id));
    const inFrench = (await statusOf(() => loader(routeArgs(frenchTrainer.request(url), params)))).body as {
      quizzes: {
        module: string;
        language: string;
        questions: { id: string; prompt: string; answered: number; mostChosenWrong: { label: string; count: number } | null }[];
      }[];
    };
    expect(inFrench.quizzes[0]).toMatchObject({ module: module.variants.fr!.frontmatter.title, language: "fr" });
    expect(inFrench.quizzes[0]!.questions.find((q) => q.id === "who-elects")).toMatchObject({
      prompt: "Qui élit le conseil ?",
      answered: 2,
      mostChosenWrong: { label: "Le gérant", count: 2 },
    });
  });

  it("gives the course's trainer the statistics as CSV, one row per question, in their language, with no answer key", async () => {
    const trainer = await signedIn({ trainerOf: ["sample-course"] });
    await getDb().update(users).set({ locale: "fr" }).where(eq(users.id, trainer.user.id));
    const response = (await csvLoader(routeArgs(trainer.request(`${url}.csv`), params))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="campus-quiz-statistics-sample-course-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "module,quiz,attempts,learners,average_score,first_attempt_pass_rate,question,prompt,answered,share_correct,most_chosen_wrong,most_chosen_wrong_count",
    );
    const course = (await getCatalog()).courses.get("sample-course")!;
    const quiz = course.modules.find((m) => m.quizzes.length > 0)!.quizzes[0]!;
    expect(lines).toHaveLength(1 + quiz.questions.length);
    expect(lines.find((l) => l.includes(",who-elects,"))).toMatch(/^Deuxième module,sample-quiz,\d+,\d+,.*,who-elects,Qui élit le conseil \?,\d+,/);
    // No right answers and no explanations: only what the page shows.
    expect(text).not.toMatch(/Les membres|en assemblée générale|The members/);
  });
});

describe("quiz statistics of a large course", () => {
  it("reads the attempts from a connection of its own and lets other work run while it counts", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-stats-"));
    const file = path.join(dir, "stats.db");
    const db = openDatabase(file);
    const course = (await getCatalog()).courses.get("sample-course")!;
    const quiz = course.modules.find((m) => m.quizzes.length > 0)!.quizzes[0]!;
    const who = quiz.questions.find((q) => q.id === "who-elects")!;
    if (who.kind === "text") throw new Error("who-elects has choices");
    const wrong = who.choices.find((c) => !c.correct)!;
    // Attempts written as the app stores them, without the enrolments they belong to (only the tally is under test).
    const sqlite = sqliteConnection(db);
    sqlite.pragma("foreign_keys = OFF");
    const insert = sqlite.prepare(
      "insert into quiz_attempts (user_id, enrolment_id, course_slug, module_slug, quiz_id, attempt_number, answers, results, score, passed, content_hash, idempotency_key, created_at) values (?, ?, 'sample-course', 'second', ?, 1, ?, ?, 0, 0, 'x', ?, 0)",
    );
    const N = 5000;
    sqlite.transaction(() => {
      for (let i = 0; i < N; i++)
        insert.run(i, i, quiz.id, JSON.stringify({ "who-elects": [wrong.id] }), JSON.stringify([{ id: "who-elects", credit: 0 }]), `large-course-key-${i}`);
    })();
    sqlite.close();

    let otherWorkRan = false;
    const counting = courseQuizStats(file, "sample-course", [quiz]);
    setImmediate(() => (otherWorkRan = true));
    const [stats] = await counting;
    expect(otherWorkRan).toBe(true);
    expect(stats).toMatchObject({ attempts: N, learners: N });
    expect(stats!.questions.find((q) => q.id === "who-elects")).toMatchObject({
      answered: N,
      shareCorrect: 0,
      mostChosenWrong: { label: wrong.label, count: N },
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
