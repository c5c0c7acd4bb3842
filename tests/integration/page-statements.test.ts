/**
 * SQLite reads a LIMIT or OFFSET bound as a parameter while planning, so a
 * statement with one is compiled again every time it runs (measured on a
 * module page under load: 50 µs against 3 µs for the same query with its
 * limit in the text). drizzle's `.limit(n)` binds its n. The statements a
 * learner's module page and a quiz submission run keep no bound limit.
 */
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { action as enrolAction } from "~/routes/courses.$course._index";
import { action as moduleAction, loader as moduleLoader } from "~/routes/courses.$course.$module";
import { signedIn, statusOf, routeArgs } from "../support/auth";
import { sampleQuizAnswers, sampleQuizChoices, type SampleQuizChoices } from "../support/sample-quiz";

type Statement = Database.Statement;
const statementPrototype = Object.getPrototypeOf(new Database(":memory:").prepare("select 1")) as Statement;

/** The SQL of every statement run while `work` runs. */
async function statementsRun(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const methods = ["get", "all", "run", "iterate"] as const;
  const originals = methods.map((m) => statementPrototype[m]);
  methods.forEach((m, i) => {
    const original = originals[i] as (...args: unknown[]) => unknown;
    (statementPrototype as unknown as Record<string, unknown>)[m] = function (this: Statement, ...args: unknown[]) {
      seen.push(this.source);
      return original.apply(this, args);
    };
  });
  try {
    await work();
  } finally {
    methods.forEach((m, i) => ((statementPrototype as unknown as Record<string, unknown>)[m] = originals[i]));
  }
  return seen;
}

const boundLimit = /\b(limit|offset)\s+\?/i;
let ids: SampleQuizChoices;
beforeAll(async () => {
  ids = await sampleQuizChoices();
});

describe("the statements every learner runs are compiled once", () => {
  it("catches a bound limit (the check can fail)", async () => {
    const sqlite = new Database(":memory:");
    const seen = await statementsRun(async () => sqlite.prepare("select 1 limit ?").get(1));
    expect(seen.filter((s) => boundLimit.test(s))).toHaveLength(1);
  });

  it("a module page and a quiz submission run no statement with a bound LIMIT or OFFSET", async () => {
    const person = await signedIn();
    const params = { course: "sample-course", module: "second" };
    const form = (fields: [string, string][], url: string) =>
      person.request(url, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect((await statusOf(() => enrolAction(routeArgs(form([["intent", "enrol"]], "/courses/sample-course"), { course: "sample-course" })))).status).toBe(302);
    const url = "/courses/sample-course/second";
    const seen = await statementsRun(async () => {
      await rootLoader(routeArgs(person.request(url), params));
      expect((await statusOf(() => moduleLoader(routeArgs(person.request(url), params)))).status).toBe(200);
      const submitted = await statusOf(() => moduleAction(routeArgs(form(sampleQuizAnswers(ids, "statements-key-123"), url), params)));
      expect(submitted.status).toBe(200);
    });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.filter((s) => boundLimit.test(s))).toEqual([]);
  });

  it("a signed-in learner's module page, asked again, compiles no statement: every one was prepared once", async () => {
    const person = await signedIn();
    const params = { course: "sample-course", module: "second" };
    const url = "/courses/sample-course/second";
    const page = async () => {
      await rootLoader(routeArgs(person.request(url), params));
      expect((await statusOf(() => moduleLoader(routeArgs(person.request(url), params)))).status).toBe(200);
    };
    await page();
    const compiled: string[] = [];
    const prepare = Database.prototype.prepare;
    Database.prototype.prepare = function (this: Database.Database, source: string) {
      compiled.push(source);
      return prepare.call(this, source);
    } as typeof prepare;
    try {
      await page();
    } finally {
      Database.prototype.prepare = prepare;
    }
    expect(compiled).toEqual([]);
  });
});
