// Makes sure `npm test` has a browser: a system Chromium where there is one,
// otherwise Playwright's own, downloaded on first use where the machine can.
import { execSync } from "node:child_process";
import fs from "node:fs";

const candidates = [
  process.env.CHROMIUM_PATH,
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];
const system = candidates.find((p) => p && fs.existsSync(p));
if (system) {
  console.log(`e2e: using ${system}`);
  process.exit(0);
}
const { chromium } = await import("playwright-core");
if (fs.existsSync(chromium.executablePath())) {
  console.log(`e2e: using Playwright's Chromium at ${chromium.executablePath()}`);
  process.exit(0);
}
console.log("e2e: no Chromium found; installing Playwright's own (once)…");
try {
  execSync("npx playwright install chromium", { stdio: "inherit" });
} catch {
  console.error(
    "e2e: could not download a browser. Install Chromium (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.",
  );
  process.exit(1);
}
