import { expect, type Page } from "@playwright/test";
import { waitForHydration } from "./app";

export const DEMO_PASSWORD = "Demo@2026";

/** `/login`. */
export class LoginPage {
  constructor(readonly page: Page) {}

  async logIn(identifier: string, password: string) {
    await this.page.goto("/login");
    await this.page.getByLabel("手机号或用户名").fill(identifier);
    await this.page.getByLabel("密码", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "登录" }).click();
  }
}

export interface SchoolRegistration {
  name: string;
  province: string;
  city: string;
  county: string;
  address: string;
  contact: string;
  contactPhone: string;
  admin: string;
  username: string;
  phone: string;
  password: string;
}

/** `/register`. Without JavaScript each region level takes one submit. */
export class RegisterPage {
  constructor(
    readonly page: Page,
    private readonly withJs: boolean,
  ) {}

  private async fillPasswords(password: string) {
    await this.page.getByLabel("密码", { exact: true }).fill(password);
    await this.page.getByLabel("再次输入密码").fill(password);
  }

  private async submit() {
    await this.page.getByRole("button", { name: "提交注册" }).click();
  }

  async registerSchool(school: SchoolRegistration) {
    await this.page.goto("/register");
    if (this.withJs) {
      await waitForHydration(this.page);
    }
    await this.page.getByLabel("学校", { exact: true }).check();
    await this.page.getByLabel("机构名称").fill(school.name);
    await this.page.getByLabel("学校类型").selectOption({ label: "小学" });
    await this.page.getByLabel("详细地址").fill(school.address);
    await this.page.getByLabel("联系人").fill(school.contact);
    await this.page.getByLabel("联系电话（手机）").fill(school.contactPhone);
    await this.page.getByLabel("管理员姓名").fill(school.admin);
    await this.page.getByLabel("用户名").fill(school.username);
    await this.page.getByLabel("手机号", { exact: true }).fill(school.phone);

    const province = this.page.getByLabel("省", { exact: true });
    const city = this.page.getByLabel("市", { exact: true });
    const county = this.page.getByLabel("区县", { exact: true });
    await province.selectOption({ label: school.province });
    if (!this.withJs) {
      await this.fillPasswords(school.password);
      await this.submit();
      await expect(this.page.getByText("请继续选择到区县一级")).toBeVisible();
    }
    await expect(city.locator("option", { hasText: school.city })).toHaveCount(1);
    await city.selectOption({ label: school.city });
    if (!this.withJs) {
      await this.fillPasswords(school.password);
      await this.submit();
      await expect(this.page.getByText("请继续选择到区县一级")).toBeVisible();
    }
    await expect(county.locator("option", { hasText: school.county })).toHaveCount(1);
    await county.selectOption({ label: school.county });
    await this.fillPasswords(school.password);
    await this.submit();
  }
}
