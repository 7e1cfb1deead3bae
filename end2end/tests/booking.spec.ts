import { type Browser, type TestInfo } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO_PASSWORD, LoginPage } from "../pages/accounts";
import { hydrates } from "../pages/app";
import { CheckinPage, MyBookingsPage, ProviderBookingsPage, SessionsPage } from "../pages/booking";
import { DirectoryPage } from "../pages/resources";

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

  // The teacher finds the science centre in the directory and books the
  // first session of its first programme.
  await new LoginPage(page).logIn("demo.teacher", DEMO_PASSWORD);
  const directory = new DirectoryPage(page, hydrates(testInfo));
  await directory.open();
  await directory.search("科技");
  await directory.resultLink("中国科技馆").click();
  await page.getByTestId("public-programmes").getByRole("link", { name: "查看场次并预约" }).first().click();
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
  const mine = new MyBookingsPage(page);
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
  // The QR code's address opens the form with the code filled in.
  await checkin.openScanned(code);
  await checkin.submit(14);
  await expect(staff.getByText("签到成功")).toBeVisible();
});
