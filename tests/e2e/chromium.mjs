// Where a Chromium may already be: shared by playwright.config.ts and scripts/ensure-browser.mjs.
import fs from "node:fs";

export const chromiumCandidates = () => [
  process.env.CHROMIUM_PATH,
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/** The first Chromium found on this machine, or undefined (then Playwright's own browser is used). */
export const systemChromium = () => chromiumCandidates().find((p) => !!p && fs.existsSync(p));
