import { expect, type Locator, type Page } from "@playwright/test";
import { waitForHydration } from "./app";

/** `/resources`: the public directory. */
export class DirectoryPage {
  readonly results: Locator;

  constructor(
    readonly page: Page,
    private readonly withJs: boolean,
  ) {
    this.results = page.getByTestId("directory-results");
  }

  async open(query = "") {
    await this.page.goto(`/resources${query}`);
    if (this.withJs) {
      await waitForHydration(this.page);
    }
  }

  /** Types into the search box and submits the form. */
  async search(text: string) {
    await this.page.getByLabel("关键词").fill(text);
    await this.page.getByRole("button", { name: "搜索", exact: true }).click();
    await expect(this.page).toHaveURL(/\/resources\?/);
  }

  resultLink(name: string): Locator {
    return this.results.getByRole("link", { name, exact: true });
  }
}

export interface NewResource {
  name: string;
  county: string;
  address: string;
}

/** `/provider/resources/new` and the editor it leads to. */
export class ProviderResourcePage {
  constructor(
    readonly page: Page,
    private readonly withJs: boolean,
  ) {}

  private async saveDraft() {
    await this.page.getByRole("button", { name: "保存草稿" }).click();
  }

  async create(resource: NewResource) {
    await this.page.goto("/provider/resources/new");
    if (this.withJs) {
      await waitForHydration(this.page);
    }
    const fill = async () => {
      await this.page.getByLabel("资源名称").fill(resource.name);
      await this.page.getByLabel("资源类型").selectOption({ label: "博物馆" });
      await this.page.getByLabel("科学探究").check();
      await this.page.getByLabel("初中").check();
      await this.page.getByLabel("开放时间").fill("周二至周日 9:00-17:00，周一闭馆");
      await this.page.getByLabel("联系人").fill("团体接待");
      await this.page.getByLabel("联系电话").fill("010-63756666");
      await this.page.getByLabel("地址", { exact: true }).fill(resource.address);
      await this.page.getByLabel("团体接待人数").fill("120");
      await this.page.getByLabel("收费方式").selectOption({ label: "免费" });
    };
    const province = this.page.getByLabel("省", { exact: true });
    const city = this.page.getByLabel("市", { exact: true });
    const county = this.page.getByLabel("区县", { exact: true });

    await fill();
    await province.selectOption({ label: "北京市" });
    if (!this.withJs) {
      // Without JavaScript each level of the region picker takes a submit.
      await this.saveDraft();
      await expect(this.page.getByText("请继续选择到区县一级").first()).toBeVisible();
      await fill();
    }
    await expect(city.locator("option", { hasText: "市辖区" })).toHaveCount(1);
    await city.selectOption({ label: "市辖区" });
    if (!this.withJs) {
      await this.saveDraft();
      await expect(this.page.getByText("请继续选择到区县一级").first()).toBeVisible();
      await fill();
    }
    await expect(county.locator("option", { hasText: resource.county })).toHaveCount(1);
    await county.selectOption({ label: resource.county });
    await this.saveDraft();
    await expect(this.page).toHaveURL(/\/provider\/resources\/\d+$/);
  }

  async submitForReview() {
    await this.page.getByRole("button", { name: "提交审核" }).click();
    await expect(this.page.getByTestId("resource-status")).toContainText("待审核");
  }

  async publish() {
    await this.page.getByRole("button", { name: "发布" }).click();
    await expect(this.page.getByTestId("resource-status")).toContainText("已发布");
  }
}

/** `/bureau/resources`: the review queue and a resource's review page. */
export class ResourceReviewPage {
  constructor(readonly page: Page) {}

  async approve(name: string) {
    await this.page.goto("/bureau/resources");
    await this.page.getByTestId("resource-queue").getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByTestId("review-resource")).toContainText(name);
    await this.page.getByRole("button", { name: "审核通过" }).click();
    await expect(this.page).toHaveURL(/\/bureau\/resources$/);
  }
}
