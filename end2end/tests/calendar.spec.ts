import { expect, test } from "../fixtures";
import { AppShell, hydrates } from "../pages/app";
import { DayCard } from "../pages/calendar";

test("weekend make-up workday is a school day", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await shell.open("/calendar?date=2025-09-28");
  const day = new DayCard(page);
  await expect(day.card).toContainText("上课");
  await expect(day.kind).toHaveText("调休上班日 · 国庆节、中秋节");
});

test("date without a published notice is unknown", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await shell.open("/calendar?date=2027-03-01");
  const day = new DayCard(page);
  await expect(day.card).toContainText("未知");
  await expect(day.card).toContainText("2027年的放假安排尚未发布");
});

test("impossible date gets a Chinese message", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  const response = await shell.open("/calendar?date=2025-02-30");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText("日期格式应为 年-月-日，例如 2025-10-01");
});

test("checking a date from the form", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  await shell.open("/calendar");
  await page.getByLabel("日期").fill("2026-01-04");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/date=2026-01-04/);
  await expect(new DayCard(page).kind).toHaveText("调休上班日 · 元旦");
});
