/**
 * The Chromium the end-to-end tests drive: the one an environment variable
 * names, else the system's (Debian's /usr/bin/chromium), else undefined,
 * which lets Playwright use its own downloaded browser.
 */
export { systemChromium } from "./chromium.mjs";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];
