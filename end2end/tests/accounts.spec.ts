import { type Browser, type TestInfo } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO_PASSWORD, LoginPage, RegisterPage } from "../pages/accounts";
import { hydrates } from "../pages/app";

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

test("school registers, its county approves, the admin adds a teacher", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const withJs = hydrates(testInfo);
  // Unique per project and run: the three projects share one database.
  const suffix = `${testInfo.project.name.replace(/[^a-z]/g, "")}${Date.now() % 1_000_000}`;
  const schoolName = `协育测试小学${suffix}`;
  const phoneTail = String(Date.now() % 100_000_000).padStart(8, "0");

  await new RegisterPage(page, withJs).registerSchool({
    name: schoolName,
    province: "北京市",
    city: "市辖区",
    county: "海淀区",
    address: "北京市海淀区学院路 1 号",
    contact: "王老师",
    contactPhone: "13811112222",
    admin: "王校长",
    username: `admin.${suffix}`,
    phone: `135${phoneTail}`,
    password: "Xiaoxue#2026",
  });
  await expect(page).toHaveURL(/\/my\/organisation$/);
  await expect(page.getByTestId("org-status")).toHaveText("待审核");

  // The neighbouring county cannot see the school, by page or by calling
  // the server function directly.
  const neighbour = await newUser(browser, testInfo);
  await new LoginPage(neighbour).logIn("demo.chaoyang", DEMO_PASSWORD);
  await neighbour.goto("/bureau/review");
  await expect(neighbour.getByRole("heading", { level: 1 })).toHaveText("机构审核");
  await expect(neighbour.getByText(schoolName)).toHaveCount(0);

  // The county officer approves it.
  const officer = await newUser(browser, testInfo);
  await new LoginPage(officer).logIn("demo.haidian", DEMO_PASSWORD);
  await officer.goto("/bureau/review");
  const row = officer.getByRole("row", { name: new RegExp(schoolName) });
  await expect(row).toBeVisible();
  const href = await row.getByRole("link").getAttribute("href");
  const schoolId = href!.split("/").pop()!;

  await neighbour.goto(`/bureau/review/${schoolId}`);
  await expect(neighbour.getByText(schoolName)).toHaveCount(0);
  await expect(neighbour.getByRole("alert")).toContainText("找不到该记录");
  const direct = await neighbour.request.post("/api/review/approve", {
    form: { id: schoolId },
    headers: { Origin: new URL(testInfo.project.use.baseURL ?? neighbour.url()).origin, Accept: "application/json" },
  });
  expect(direct.status()).toBe(404);

  await row.getByRole("link").click();
  await expect(officer.getByTestId("review-detail")).toContainText(schoolName);
  await officer.getByRole("button", { name: "通过" }).click();
  await expect(officer).toHaveURL(/\/bureau\/review/);
  await expect(officer.getByRole("row", { name: new RegExp(schoolName) })).toHaveCount(0);

  // The school admin now manages members and adds a teacher.
  await page.goto("/my/organisation");
  await expect(page.getByTestId("org-status")).toHaveText("已通过");
  await page.goto("/org/members");
  await page.getByLabel("姓名").fill("赵老师");
  await page.getByLabel("用户名").fill(`teacher.${suffix}`);
  await page.getByLabel("手机号（可不填）").fill(`136${phoneTail}`);
  await page.getByLabel("角色").selectOption({ label: "教师" });
  await page.getByLabel("初始密码", { exact: true }).fill("Chushi#2026");
  await page.getByRole("button", { name: "添加成员" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已添加 赵老师" })).toBeVisible();
  const members = page.getByTestId("members");
  await expect(members).toContainText("赵老师");
  await expect(members).toContainText(`136****${phoneTail.slice(-4)}`);

  // The teacher must change the initial password at first login.
  const teacher = await newUser(browser, testInfo);
  await new LoginPage(teacher).logIn(`teacher.${suffix}`, "Chushi#2026");
  await expect(teacher).toHaveURL(/\/account\/password/);
  await teacher.getByLabel("当前密码").fill("Chushi#2026");
  await teacher.getByLabel("新密码").fill("Zhao.Laoshi9");
  await teacher.getByRole("button", { name: "保存新密码" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("工作台");
});

test("wrong password shows a message beside the field", async ({ page }) => {
  await new LoginPage(page).logIn("demo.school", "Wrong#12345");
  await expect(page.getByText("手机号/用户名或密码不正确")).toBeVisible();
  await expect(page.getByLabel("手机号或用户名")).toHaveValue("demo.school");
});

test("protected page sends to login and back", async ({ page }) => {
  await page.goto("/bureau/review");
  await expect(page).toHaveURL(/\/login\?next=%2Fbureau%2Freview|\/login\?next=\/bureau\/review/);
  await page.getByLabel("手机号或用户名").fill("demo.beijing");
  await page.getByLabel("密码", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/bureau\/review$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("机构审核");
});
