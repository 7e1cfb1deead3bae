import { expect, test } from "../fixtures";
import { DEMO_PASSWORD, LoginPage } from "../pages/accounts";
import { hydrates, waitForHydration } from "../pages/app";
import { DirectoryPage, ProviderResourcePage, ResourceReviewPage } from "../pages/resources";

test("two Chinese characters find the science centre", async ({ page }, testInfo) => {
  const directory = new DirectoryPage(page, hydrates(testInfo));
  await directory.open();
  await directory.search("科技");
  await expect(directory.resultLink("中国科技馆")).toBeVisible();
});

test("pinyin initials find the science centre", async ({ page }, testInfo) => {
  const directory = new DirectoryPage(page, hydrates(testInfo));
  await directory.open();
  await directory.search("kjg");
  await expect(directory.resultLink("中国科技馆")).toBeVisible();

  await directory.resultLink("中国科技馆").click();
  await expect(page.getByRole("heading", { level: 1, name: "中国科技馆" })).toBeVisible();
  await expect(page.getByTestId("open-today")).toContainText("今天");
  await expect(page.getByRole("link", { name: "在地图中打开" })).toHaveAttribute("href", /^geo:40\.0036/);
  await expect(page.getByTestId("public-programmes")).toContainText("科学实验秀");
});

test("a search without results shows the empty state", async ({ page }, testInfo) => {
  const directory = new DirectoryPage(page, hydrates(testInfo));
  await directory.open("?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%B5%84%E6%BA%90");
  await expect(page.getByTestId("directory-empty")).toBeVisible();
});

test("provider submits, city bureau approves, directory lists", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const withJs = hydrates(testInfo);
  // Unique per project and run: the three projects share one database.
  const suffix = `${testInfo.project.name.replace(/[^a-z]/g, "")}${Date.now() % 1_000_000}`;
  const name = `北京汽车博物馆${suffix}`;
  const login = new LoginPage(page);

  await login.logIn("demo.museum", DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  const editor = new ProviderResourcePage(page, withJs);
  await editor.create({ name, county: "丰台区", address: "北京市丰台区南四环西路126号" });
  const editorUrl = page.url();
  await editor.submitForReview();

  await page.context().clearCookies();
  await login.logIn("demo.beijing", DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  await new ResourceReviewPage(page).approve(name);

  await page.context().clearCookies();
  await login.logIn("demo.museum", DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(editorUrl);
  await editor.publish();

  const directory = new DirectoryPage(page, withJs);
  await directory.open();
  await directory.search(name);
  await expect(directory.resultLink(name)).toBeVisible();
});

test("a school admin sets the school's location and the directory measures from it", async ({ page }, testInfo) => {
  const withJs = hydrates(testInfo);
  await new LoginPage(page).logIn("demo.school", DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/my/organisation");
  if (withJs) {
    await waitForHydration(page);
  }
  const location = page.getByTestId("organisation-location");
  // Swapped coordinates are refused with a message beside the field.
  await location.getByLabel("纬度", { exact: true }).fill("116.3350");
  await location.getByLabel("经度", { exact: true }).fill("39.9060");
  await location.getByRole("button", { name: "保存位置" }).click();
  await expect(page.getByTestId("organisation-location")).toContainText("坐标不在中国境内");

  // Beside 首都博物馆, in WGS-84.
  await page.getByTestId("organisation-location").getByLabel("纬度", { exact: true }).fill("39.9060");
  await page.getByTestId("organisation-location").getByLabel("经度", { exact: true }).fill("116.3350");
  await page.getByTestId("organisation-location").getByRole("button", { name: "保存位置" }).click();
  await expect(page.getByTestId("organisation-location")).not.toContainText("尚未设置位置");
  await page.reload();
  await expect(page.getByTestId("organisation-location").getByLabel("纬度", { exact: true })).toHaveValue("39.906000");

  const directory = new DirectoryPage(page, withJs);
  await directory.open("?sort=distance");
  await expect(page.getByText("距离从本单位的位置起算")).toBeVisible();
  await expect(directory.results.getByRole("link").first()).toHaveText("首都博物馆");
});
