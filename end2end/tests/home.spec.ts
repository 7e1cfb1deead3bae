import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "../fixtures";
import { AppShell, hydrates } from "../pages/app";
import { DayCard } from "../pages/calendar";

test("home page speaks Chinese and names its users", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await shell.open("/");

  await expect(page).toHaveTitle(/协育/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("协育 · 校外教育协同平台");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "学校和教师" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "资源单位" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "教育局", exact: true })).toBeVisible();

  await expect(page.getByRole("banner")).toBeVisible();
  await expect(shell.nav).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await expect(shell.nav.getByRole("link", { name: "首页" })).toHaveAttribute("aria-current", "page");
});

test("quick check answers for a holiday", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await shell.open("/");
  const day = new DayCard(page);

  await page.getByLabel("日期").fill("2025-10-01");
  if (hydrates(testInfo)) {
    // Hydrated: the answer appears in place, without leaving the page.
    await expect(day.kind).toContainText("国庆节、中秋节");
    await expect(page).toHaveURL(/\/$/);
  } else {
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page).toHaveURL(/\/calendar\?date=2025-10-01$/);
    await expect(day.kind).toContainText("国庆节、中秋节");
  }
  await expect(day.card).toContainText("休息");
});

test("language switches to English and back", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await shell.open("/regions");

  await shell.languageSwitch.click();
  await expect(page).toHaveURL(/\/regions$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Regions");

  await shell.languageSwitch.click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("行政区划");
});

test("skip link moves focus to the content", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await shell.open("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到正文" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

// One test per page: axe takes several seconds a page on a busy machine.
for (const path of ["/", "/regions/110100", "/calendar?date=2025-10-01", "/no-such-page", "/login", "/register"]) {
  test(`${path} has no serious accessibility violations`, async ({ page }, testInfo) => {
    test.skip(!hydrates(testInfo), "axe runs inside the page and needs JavaScript");
    const shell = new AppShell(page, true);
    await shell.open(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
  });
}

test("unknown page answers 404 in Chinese", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  const response = await shell.open("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page).toHaveURL(/\/$/);
});
