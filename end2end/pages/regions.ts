import { type Locator, type Page } from "@playwright/test";

/** `/regions`: the breadcrumb, the list of regions below, the picker. */
export class RegionsPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly code: Locator;
  readonly province: Locator;
  readonly city: Locator;
  readonly county: Locator;
  readonly show: Locator;

  constructor(readonly page: Page) {
    this.heading = page.locator("#region-heading");
    this.list = page.getByTestId("region-list");
    this.code = page.getByTestId("region-code");
    this.province = page.getByLabel("省", { exact: true });
    this.city = page.getByLabel("市", { exact: true });
    this.county = page.getByLabel("区县", { exact: true });
    this.show = page.getByRole("button", { name: "查看" });
  }

  regionLink(name: string): Locator {
    return this.list.getByRole("link", { name: new RegExp(`^${name}\\s`) });
  }
}
