import { expect, test } from "../fixtures";
import { AppShell, hydrates } from "../pages/app";

test("manifest makes the app installable", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");

  const manifest = await (await request.get(href!)).json();
  expect(manifest.name).toContain("协育");
  expect(manifest.start_url).toBe("/");
  expect(manifest.display).toBe("standalone");
  const sizes = manifest.icons.map((icon: { sizes: string; purpose: string }) => `${icon.sizes} ${icon.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
  for (const icon of manifest.icons) {
    expect((await request.get(icon.src)).status(), icon.src).toBe(200);
  }
});

test("Chromium finds the app installable", async ({ page }, testInfo) => {
  test.skip(!hydrates(testInfo), "installability needs the registered service worker");
  const shell = new AppShell(page, true);
  await shell.open("/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  // Playwright's browser contexts are incognito, which Chromium reports on
  // its own; any other entry is a problem of the app.
  const errors = installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito");
  expect(errors).toEqual([]);
});

test("offline: visited pages stay, others show the fallback", async ({ page, context }, testInfo) => {
  test.skip(!hydrates(testInfo), "the service worker is registered by the client");
  const shell = new AppShell(page, true);
  await shell.open("/regions/110000");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit happened before the worker controlled the page; visit
  // again so the worker stores the page.
  await page.reload();
  await expect(page.locator("#region-heading")).toHaveText("北京市");
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.goto("/regions/110000");
  await expect(page.locator("#region-heading")).toHaveText("北京市");

  await page.goto("/regions/120000");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("网络未连接");
  await context.setOffline(false);
});
