import { expect, test } from "../fixtures";
import { AppShell, hydrates } from "../pages/app";
import { RegionsPage } from "../pages/regions";

test("browse from the national list down to a county", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  const regions = new RegionsPage(page);
  await shell.open("/regions");

  await expect(regions.list.getByRole("link")).toHaveCount(31);
  await regions.regionLink("北京市").click();
  await expect(regions.heading).toHaveText("北京市");
  await regions.regionLink("市辖区").click();
  await expect(regions.heading).toHaveText("北京市");
  await expect(regions.list.getByRole("link")).toHaveCount(16);
  await regions.regionLink("东城区").click();

  await expect(page).toHaveURL(/\/regions\/110101$/);
  await expect(regions.heading).toHaveText("北京市东城区");
  await expect(regions.code).toHaveText("110101");
  await expect(page.getByText("这是县级区划，没有下级。")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "当前位置" })).toContainText("东城区");
});

test("picker chooses a county", async ({ page }, testInfo) => {
  const withJs = hydrates(testInfo);
  const shell = new AppShell(page, withJs);
  const regions = new RegionsPage(page);
  await shell.open("/regions");

  await regions.province.selectOption({ label: "河北省" });
  if (!withJs) {
    // Without JavaScript each level is a round trip through the form.
    await regions.show.click();
    await expect(regions.heading).toHaveText("河北省");
  }
  await expect(regions.city.locator("option", { hasText: "石家庄市" })).toHaveCount(1);
  await regions.city.selectOption({ label: "石家庄市" });
  if (!withJs) {
    await regions.show.click();
  }
  await expect(regions.county.locator("option", { hasText: "长安区" })).toHaveCount(1);
  await regions.county.selectOption({ label: "长安区" });
  await regions.show.click();

  await expect(regions.heading).toHaveText("河北省石家庄市长安区");
  await expect(regions.code).toHaveText("130102");
});

test("unknown region code is reported", async ({ page }, testInfo) => {
  const shell = new AppShell(page, hydrates(testInfo));
  const response = await shell.open("/regions/999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("alert")).toHaveText("没有这个区划代码。请从全国列表重新选择。");
});
