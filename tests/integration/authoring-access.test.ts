import { describe, expect, it } from "vitest";
import { loader as courseLoader } from "~/routes/courses.$course._index";
import { loader as glossaryLoader } from "~/routes/courses.$course.glossary";
import { loader as moduleLoader } from "~/routes/courses.$course.$module";
import { loader as catalogLoader } from "~/routes/courses._index";
import { loader as rootLoader } from "~/root";
import { anonymous, signedIn, statusOf, routeArgs } from "../support/auth";

describe("drafts", () => {
  it("are invisible to visitors and learners, in the catalog and at their address", async () => {
    const learner = await signedIn();
    for (const request of [anonymous, learner.request]) {
      const list = await statusOf(() => catalogLoader(routeArgs(request("/courses"))));
      expect((list.body as { courses: { slug: string }[] }).courses.map((c) => c.slug)).not.toContain("draft-course");
      const page = await statusOf(() => courseLoader(routeArgs(request("/courses/draft-course"), { course: "draft-course" })));
      expect(page.status).toBe(404);
      const mod = await statusOf(() => moduleLoader(routeArgs(request("/courses/draft-course/only"), { course: "draft-course", module: "only" })));
      expect(mod.status).toBe(404);
    }
  });

  it("are visible, marked draft, to the course's trainers and to admins", async () => {
    for (const who of [await signedIn({ trainerOf: ["draft-course"] }), await signedIn({ admin: true })]) {
      const page = await statusOf(() => courseLoader(routeArgs(who.request("/courses/draft-course"), { course: "draft-course" })));
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ course: { draft: true } });
    }
  });
});

describe("trainer preview with the answer key", () => {
  const params = { course: "sample-course", module: "second" };
  const url = "/courses/sample-course/second?preview=key";

  it("is given to the course's trainer", async () => {
    const trainer = await signedIn({ trainerOf: ["sample-course"] });
    const r = await statusOf(() => moduleLoader(routeArgs(trainer.request(url), params)));
    const key = (r.body as { answerKey: Record<string, Record<string, { correct: string[]; answers: string[] }>> }).answerKey;
    expect(key["sample-quiz"]!["who-elects"]!.correct).toHaveLength(1);
    expect(key["sample-quiz"]!["name-it"]!.answers).toEqual(["general assembly", "AGM"]);
  });

  it("is never given to a learner, a trainer of another course or a visitor, whatever they ask", async () => {
    for (const request of [(await signedIn()).request, (await signedIn({ trainerOf: ["limited-course"] })).request, anonymous]) {
      const r = await statusOf(() => moduleLoader(routeArgs(request(url), params)));
      expect(r.status).toBe(200);
      expect((r.body as { answerKey: unknown }).answerKey).toBeNull();
      expect(JSON.stringify(r.body)).not.toMatch(/"correct"|The members, at the general assembly/);
    }
  });
});

describe("the trainer bar's texts", () => {
  const url = "/courses/sample-course/second";
  const texts = async (request: (path: string) => Request) => JSON.stringify(await rootLoader(routeArgs(request(url))));

  it("travel with a module page to trainers and admins", async () => {
    for (const who of [await signedIn({ trainerOf: ["limited-course"] }), await signedIn({ admin: true })]) {
      expect(await texts(who.request)).toContain("with the answer key");
    }
  });

  it("do not travel to learners or visitors, who never see the bar", async () => {
    for (const request of [(await signedIn()).request, anonymous]) {
      const t = await texts(request);
      expect(t).toContain("Submit answers"); // the page's own texts are there
      expect(t).not.toContain("with the answer key");
    }
  });
});

describe("glossary", () => {
  it("collects the course's terms with their definitions", async () => {
    const r = await statusOf(() => glossaryLoader(routeArgs(anonymous("/courses/sample-course/glossary"), { course: "sample-course" })));
    expect((r.body as { terms: unknown[] }).terms).toEqual([
      {
        term: "general assembly",
        definition: "The meeting of all members.",
        anchor: "term-general-assembly",
        module: { slug: "first", title: "First module" },
      },
    ]);
  });
});
