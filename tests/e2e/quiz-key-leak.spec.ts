/**
 * Two servers serve the same module, except that in one choice A is correct
 * and in the other choice B. For an enrolled learner, the HTML, the route
 * data the browser can fetch and every JavaScript asset of the page must be
 * identical (apart from per-response nonces and attempt keys), and no
 * explanation may appear in any of them before a submission.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request, test } from "@playwright/test";
import { startServer } from "./servers";

const SENTINEL = "EXPLANATION-SENTINEL-7f3a";

function content(correct: "A" | "B") {
  return `---
title: Leak module
minutes: 5
---

Some reading.

<Quiz id="leak-quiz">
  <Question id="pick" prompt="Pick the right one" explanation="${SENTINEL}">
    <Choice${correct === "A" ? " correct" : ""}>Choice A</Choice>
    <Choice${correct === "B" ? " correct" : ""}>Choice B</Choice>
  </Question>
  <Question id="many" kind="multiple" prompt="Pick several" explanation="${SENTINEL}-2">
    <Choice correct>Always right</Choice>
    <Choice${correct === "A" ? " correct" : ""}>Sometimes A</Choice>
    <Choice${correct === "B" ? " correct" : ""}>Sometimes B</Choice>
  </Question>
</Quiz>
`;
}

async function serveVariant(variant: "A" | "B", port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `campus-leak-${variant}-`));
  const course = path.join(dir, "content/courses/leak-course");
  fs.mkdirSync(course, { recursive: true });
  fs.writeFileSync(path.join(course, "course.yaml"), "title: Leak course\nsummary: A fixture.\n");
  fs.writeFileSync(path.join(course, "01-leak-module.mdx"), content(variant));
  return startServer({ port, dir, content: path.join(dir, "content") });
}

const normalise = (s: string) =>
  s
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<attempt-key>")
    // Each server signs its learner in anew: the offline cache's name follows the session.
    .replace(/(session\\?",\\?")[0-9a-f]{32}/g, "$1<session-key>");

async function everythingALearnerCanFetch(base: string) {
  const api = await request.newContext({ baseURL: base });
  const signup = await api.post("/signup", {
    form: { name: "Leak Tester", email: "leak@example.org", password: "long enough", locale: "en" },
    maxRedirects: 0,
  });
  expect(signup.status()).toBe(302);
  const enrol = await api.post("/courses/leak-course", { form: { intent: "enrol" }, maxRedirects: 0 });
  expect(enrol.status()).toBe(302);
  const page = await api.get("/courses/leak-course/leak-module");
  expect(page.status()).toBe(200);
  const html = await page.text();
  const data = await (await api.get("/courses/leak-course/leak-module.data")).text();
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!))].sort();
  const bodies: Record<string, string> = {};
  for (const a of assets) bodies[a] = await (await api.get(a)).text();
  await api.dispose();
  return { html: normalise(html), data: normalise(data), assets: bodies };
}

test("the answer key reaches no browser: A-correct and B-correct pages are identical", async () => {
  test.setTimeout(120_000);
  const servers = await Promise.all([serveVariant("A", 3231), serveVariant("B", 3232)]);
  let a: Awaited<ReturnType<typeof everythingALearnerCanFetch>>;
  let b: typeof a;
  try {
    a = await everythingALearnerCanFetch(servers[0].base);
    b = await everythingALearnerCanFetch(servers[1].base);
  } finally {
    for (const s of servers) {
      s.stop();
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
  }
  // The page really holds the quiz, enabled for this learner.
  expect(a.html).toContain("Choice A");
  expect(a.html).toContain("Submit answers");
  expect(a.data).toContain("Choice B");
  expect(Object.keys(a.assets).length).toBeGreaterThan(2);

  expect(b.html).toBe(a.html);
  expect(b.data).toBe(a.data);
  expect(Object.keys(b.assets)).toEqual(Object.keys(a.assets));
  for (const [name, body] of Object.entries(a.assets)) expect(b.assets[name], name).toBe(body);

  for (const text of [a.html, a.data, ...Object.values(a.assets), b.html, b.data]) {
    expect(text).not.toContain(SENTINEL);
  }
});
