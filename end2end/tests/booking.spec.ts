import { type Browser, type TestInfo } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO_PASSWORD, LoginPage } from "../pages/accounts";
import { CheckinPage, MyBookingsPage, ProviderBookingsPage, SessionsPage } from "../pages/booking";

/** A browser context of this project's kind (JavaScript on or off, viewport). */
async function newUser(browser: Browser, testInfo: TestInfo) {
  const use = testInfo.project.use;
  const context = await browser.newContext({
    javaScriptEnabled: use.javaScriptEnabled,
    viewport: use.viewport,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  return context.newPage();
}

test("teacher books a session, the provider confirms, staff check the class in", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  // Unique per project and run: the three projects share one database.
  const className = `${testInfo.project.name.replace(/[^a-z]/g, "")}${Date.now() % 100_000}班`;

  // The teacher finds a programme open for booking and books its first session.
  await new LoginPage(page).logIn("demo.teacher", DEMO_PASSWORD);
  const mine = new MyBookingsPage(page);
  await mine.open();
  await mine.openProgrammes.getByRole("listitem").filter({ hasText: "中国科技馆" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/programmes\/\d+\/sessions/);
  await new SessionsPage(page).bookFirstSession({
    className,
    grade: "三年级",
    pupils: 15,
    teachers: 2,
    leadTeacher: "李老师",
    phone: "13812345678",
  });
  await expect(page.getByRole("status").filter({ hasText: "等待资源单位确认" }).first()).toBeVisible();

  // The museum's admin confirms it.
  const provider = await newUser(browser, testInfo);
  await new LoginPage(provider).logIn("demo.museum", DEMO_PASSWORD);
  await new ProviderBookingsPage(provider).confirm(className);

  // The teacher's booking page now shows the check-in code.
  await mine.open();
  await page.getByTestId("booking").filter({ hasText: className }).getByRole("link").click();
  const code = (await page.getByTestId("checkin-code").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);

  // Staff type a mistyped code, then the right one. The demo has a session
  // later today, the first one listed, so the check-in goes through.
  const staff = await newUser(browser, testInfo);
  await new LoginPage(staff).logIn("demo.staff", DEMO_PASSWORD);
  const checkin = new CheckinPage(staff);
  await checkin.checkIn("ABCD-EFGH", 30);
  await expect(staff.getByText(/签到码有误|没有这个签到码/)).toBeVisible();
  await checkin.checkIn(code, 14);
  await expect(staff.getByText("签到成功")).toBeVisible();
});
