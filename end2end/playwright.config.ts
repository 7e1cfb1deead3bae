import { defineConfig } from "@playwright/test";

// Debian's Chromium; Playwright's own browser download is not used.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // Every spec runs three times: hydrated, server-rendered only, and on a phone.
  projects: [
    { name: "js", use: { javaScriptEnabled: true, viewport: { width: 1280, height: 800 } } },
    { name: "no-js", use: { javaScriptEnabled: false, viewport: { width: 1280, height: 800 } } },
    {
      name: "phone",
      use: { javaScriptEnabled: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
});
