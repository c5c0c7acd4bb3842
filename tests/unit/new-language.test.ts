/**
 * Adding a language is one catalog file and one line (docs/translating.md). This test does just that, in a copy
 * of the catalogs folder: it writes a pseudo-language, "xx" (the English text with accents and brackets, its
 * placeholders and tags untouched, the way translation teams test software before translating), adds its line to
 * the index, and renders the catalogue page, its layout included, in it.
 */
import { afterAll, expect, it, vi } from "vitest";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { Outlet, createRoutesStub } from "react-router";
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TYPE, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";
import * as shipped from "~/i18n/catalogs";
import type { RawCatalog } from "~/i18n/compile.server";
import { anonymous, routeArgs } from "../support/auth";

const ACCENTS: Record<string, string> = Object.fromEntries([..."aceinosuyACEINOSUY"].map((c, i) => [c, [..."áçéîñöšüýÁÇÉÎÑÖŠÜÝ"][i]!]));
const accent = (elements: MessageFormatElement[]): MessageFormatElement[] =>
  elements.map((e) => {
    if (e.type === TYPE.literal) return { ...e, value: e.value.replace(/[a-zA-Z]/g, (c) => ACCENTS[c] ?? c) };
    if (e.type === TYPE.plural || e.type === TYPE.select)
      return { ...e, options: Object.fromEntries(Object.entries(e.options).map(([k, o]) => [k, { ...o, value: accent(o.value) }])) };
    if (e.type === TYPE.tag) return { ...e, children: accent(e.children) };
    return e;
  });
const pseudo = (catalog: RawCatalog): RawCatalog =>
  Object.fromEntries(Object.entries(catalog).map(([k, v]) => [k, typeof v === "string" ? `[${printAST(accent(parse(v)))}]` : pseudo(v)]));

const dir = mkdtempSync(path.join(tmpdir(), "campus-language-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("a fourth language is one catalog file and one line: the catalogue page renders in it, with no English", async () => {
  cpSync("app/i18n/catalogs", dir, { recursive: true });
  const xx = pseudo(shipped.en);
  (xx.language as RawCatalog).name = "Pseudo";
  (xx.language as RawCatalog).short = "XX";
  writeFileSync(path.join(dir, "xx.json"), JSON.stringify(xx, null, 2));
  appendFileSync(path.join(dir, "index.ts"), 'export { default as xx } from "./xx.json" with { type: "json" };\n');

  vi.resetModules();
  vi.doMock("~/i18n/catalogs", () => import(path.join(dir, "index.ts")));
  const { LANGUAGES } = await import("~/i18n/languages.server");
  const { catalogProblems } = await import("~/i18n/catalog-check.server");
  const root = await import("~/root");
  const courses = await import("~/routes/courses._index");
  const { SiteHeader, SiteFooter } = await import("~/components/layout");

  expect(LANGUAGES).toEqual(["en", "fr", "sw", "xx"]);
  expect(catalogProblems(shipped.en, xx, "xx")).toEqual([]);

  // A reader whose browser asks for xx first gets it, with the page's texts and the language buttons.
  const request = () => anonymous("/courses", { headers: { "Accept-Language": "xx, en;q=0.5" } });
  const rootData = await root.loader(routeArgs(request()));
  expect(rootData.lang).toBe("xx");
  const coursesData = await courses.loader(routeArgs(request()));
  const Stub = createRoutesStub([
    {
      id: "root",
      path: "/",
      Component: () => createElement("div", null, createElement(SiteHeader, { user: null }), createElement(Outlet), createElement(SiteFooter)),
      children: [{ id: "routes/courses._index", path: "courses", Component: courses.default as never }],
    },
  ]);
  // React warns that Link's layout effect does nothing on a server render; anything else logged is a failure.
  const logged: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((message: unknown) => void logged.push(String(message)));
  const html = renderToString(
    createElement(Stub, { initialEntries: ["/courses"], hydrationData: { loaderData: { root: rootData, "routes/courses._index": coursesData } } }),
  );
  spy.mockRestore();
  expect(logged.filter((m) => !m.includes("useLayoutEffect does nothing on the server"))).toEqual([]);
  const text = html.replace(/<[^>]+>/g, " ");
  expect(text).toContain("[Çöüršéš]"); // the navigation's "Courses"
  expect(html).toContain('lang="xx"'); // its language button
  expect(text).toMatch(/\[\d+ mödüléš?\]/); // a course's "6 modules", its plural chosen by the catalog
  // No interface text is left in English: every text node of the page is in brackets, or is course content.
  expect(text).not.toMatch(/\b(Courses|My learning|Log in|Sign up|Language of the site)\b/);
});
