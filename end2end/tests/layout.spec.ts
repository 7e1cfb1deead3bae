import { expect, test } from "../fixtures";
import { AppShell, hydrates } from "../pages/app";

test("navigation sits where the screen size expects it", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await shell.open("/");
  const viewport = page.viewportSize()!;
  const box = (await shell.nav.boundingBox())!;

  if (testInfo.project.name === "phone") {
    // A tab bar fixed to the bottom edge.
    expect(Math.round(box.y + box.height)).toBe(viewport.height);
    expect(Math.round(box.width)).toBe(viewport.width);
  } else {
    expect(box.y).toBeLessThan(80);
  }
  for (const name of ["首页", "资源", "行政区划", "校历"]) {
    await expect(shell.nav.getByRole("link", { name })).toBeVisible();
  }
});

test("content is not hidden behind the tab bar", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "phone", "the tab bar exists on phones only");
  const shell = new AppShell(page, true);
  await shell.open("/");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const footer = (await page.getByRole("contentinfo").boundingBox())!;
  const nav = (await shell.nav.boundingBox())!;
  expect(footer.y + footer.height).toBeLessThanOrEqual(nav.y + 1);
});

test("dark colour scheme follows the system setting", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await page.emulateMedia({ colorScheme: "light" });
  await shell.open("/");
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(light).toBe("rgb(246, 248, 247)");
  expect(dark).toBe("rgb(13, 22, 19)");
});
