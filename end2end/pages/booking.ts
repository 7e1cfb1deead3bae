import { expect, type Locator, type Page } from "@playwright/test";

/** `/my/bookings`: the teacher's bookings and the programmes open for booking. */
export class MyBookingsPage {
  readonly openProgrammes: Locator;

  constructor(readonly page: Page) {
    this.openProgrammes = page.getByTestId("open-programmes");
  }

  async open() {
    await this.page.goto("/my/bookings");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("我的预约");
  }
}

export interface ClassGroup {
  className: string;
  grade: string;
  pupils: number;
  teachers: number;
  leadTeacher: string;
  phone: string;
}

/** `/programmes/:id/sessions`: the session calendar with its booking forms. */
export class SessionsPage {
  constructor(readonly page: Page) {}

  /** Books the first session that has a booking form. */
  async bookFirstSession(group: ClassGroup) {
    const session = this.page.getByTestId("session").filter({ has: this.page.locator("summary") }).first();
    await session.locator("summary").click();
    await session.getByLabel("班级").fill(group.className);
    await session.getByLabel("年级").fill(group.grade);
    await session.getByLabel("学生人数").fill(String(group.pupils));
    await session.getByLabel("带队教师人数").fill(String(group.teachers));
    await session.getByLabel("带队负责人").fill(group.leadTeacher);
    await session.getByLabel("联系电话").fill(group.phone);
    await session.getByRole("button", { name: "预约" }).click();
  }
}

/** `/provider/bookings`: incoming bookings. */
export class ProviderBookingsPage {
  constructor(readonly page: Page) {}

  async confirm(className: string) {
    await this.page.goto("/provider/bookings");
    const card = this.page.getByTestId("booking").filter({ hasText: className });
    await card.getByRole("button", { name: "确认" }).click();
    await expect(this.page.getByTestId("booking").filter({ hasText: className })).toContainText("已确认");
  }
}

/** `/provider/checkin`: check-in by typed code; `/checkin/:code`: by the QR code's address. */
export class CheckinPage {
  constructor(readonly page: Page) {}

  async checkIn(code: string, present: number) {
    await this.page.goto("/provider/checkin");
    await this.page.getByLabel("签到码").fill(code);
    await this.submit(present);
  }

  /** Opens the address a scanned QR code contains and checks the code is filled in. */
  async openScanned(code: string) {
    const plain = code.replace("-", "");
    await this.page.goto(`/checkin/${plain}`);
    await expect(this.page.getByLabel("签到码")).toHaveValue(plain);
  }

  async submit(present: number) {
    await this.page.getByLabel("实到学生人数").fill(String(present));
    await this.page.getByRole("button", { name: "签到", exact: true }).click();
  }
}
