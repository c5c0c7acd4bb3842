/**
 * Pages are valid HTML, as the W3C's Nu HTML Checker (vnu-jar, from the npm
 * registry; it runs on Java) sees them: in particular, nothing after </html>
 * (React Router's data scripts are moved into the body, app/entry.server.tsx).
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { DEMO_COURSE, signUp } from "./helpers";

const hasJava = (() => {
  try {
    execFileSync("java", ["-version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

test("pages are valid HTML to the W3C checker: nothing after </html>", async ({ page, request }) => {
  test.skip(!hasJava, "the Nu HTML Checker needs Java (apt-get install default-jre-headless)");
  await signUp(page, "html");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-html-"));
  const pages = ["/", "/courses", `/courses/${DEMO_COURSE.slug}`, `/courses/${DEMO_COURSE.slug}/coops-working-for-health`, "/login", "/signup"];
  const files: string[] = [];
  for (const [i, url] of pages.entries()) {
    const html = await (await request.get(url)).text();
    expect(html.trimEnd().endsWith("</html>"), `${url} ends with </html>`).toBe(true);
    files.push(path.join(dir, `page-${i}.html`));
    fs.writeFileSync(files.at(-1)!, html);
  }
  // A signed-in learner's pages too.
  for (const url of ["/learn", "/settings"]) {
    await page.goto(url);
    files.push(path.join(dir, `signed-in-${files.length}.html`));
    fs.writeFileSync(files.at(-1)!, await page.evaluate(async (u) => (await fetch(u)).text(), url));
  }
  const jar = path.resolve("node_modules/vnu-jar/build/dist/vnu.jar");
  const { stdout, stderr } = await promisify(execFile)("java", ["-jar", jar, "--errors-only", "--format", "text", ...files]).catch(
    (e: { stdout: string; stderr: string }) => e,
  );
  const report = `${stdout}${stderr}`.trim();
  expect(report, report).toBe("Document checking completed. No errors found.");
  fs.rmSync(dir, { recursive: true, force: true });
});
