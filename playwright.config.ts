import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, systemChromium } from "./tests/e2e/browser";

const port = Number(process.env.E2E_PORT ?? 3210);
const executablePath = systemChromium();

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "off",
    ...devices["Pixel 5"],
    browserName: "chromium",
    launchOptions: { executablePath, args: chromiumArgs },
  },
  webServer: {
    // The production build, on a fresh database, without demo data.
    command: "rm -rf .cache/e2e && node build/server.js",
    url: `http://localhost:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: "./.cache/e2e/campus.db",
      ISSUER_KEY_FILE: "./.cache/e2e/issuer-key.json",
      CAMPUS_DEMO: "0",
      LOG_LEVEL: "error",
    },
  },
});
