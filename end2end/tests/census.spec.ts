import { expect, test } from "../fixtures";
import { DEMO_PASSWORD, LoginPage } from "../pages/accounts";
import { hydrates, waitForHydration } from "../pages/app";
import { CensusPage, brokenRows, csvOf, museumRows } from "../pages/census";

test("provider fixes a census sheet and imports it", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  // Unique per project and run: the three projects share one database, and
  // the same museums twice would be flagged as duplicates.
  const suffix = `${testInfo.project.name.replace(/[^a-z]/g, "")}${Date.now() % 1_000_000}`;

  await new LoginPage(page).logIn("demo.museum", DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/\/login/);
  const census = new CensusPage(page);

  // The broken sheet: every mistake is listed by row, nothing can be imported.
  await census.upload("博物馆普查表.csv", csvOf(brokenRows(suffix)));
  await expect(page.getByText("整张表（共 7 行）都没有导入")).toBeVisible();
  await expect(census.errorRow(3)).toContainText("资源类型");
  await expect(census.errorRow(4)).toContainText("联系电话“12345”");
  await expect(census.errorRow(5)).toContainText("北京市海定区");
  await expect(census.errorRow(8)).toContainText("重复");
  await expect(census.confirm).toHaveCount(0);
  await expect(page.getByRole("link", { name: "下载错误报告（Excel）" })).toBeVisible();

  // The corrected sheet passes and is imported once.
  await census.upload("博物馆普查表.csv", csvOf(museumRows(suffix)));
  await expect(page.getByText("全部 6 行检查通过")).toBeVisible();
  if (hydrates(testInfo)) {
    await waitForHydration(page);
  }
  await census.confirm.click();
  await expect(page.getByTestId("census-imported")).toContainText("已导入 6 个教育资源");
  await expect(census.confirm).toHaveCount(0);
});
