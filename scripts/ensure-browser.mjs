// Makes sure `npm test` has a browser: a system Chromium where there is one,
// otherwise Playwright's own, downloaded on first use where the machine can.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { systemChromium } from "../tests/e2e/chromium.mjs";

const system = systemChromium();
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
  console.error("e2e: could not download a browser. Install Chromium (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.");
  process.exit(1);
}
