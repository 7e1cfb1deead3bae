import { type Locator, type Page } from "@playwright/test";

/** The day card shown by `/calendar` and by the home page's quick check. */
export class DayCard {
  readonly card: Locator;
  readonly kind: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId("day-card");
    this.kind = page.getByTestId("day-kind");
  }
}
