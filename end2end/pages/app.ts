import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";

/** Whether the current project runs with JavaScript, i.e. hydrates. */
export function hydrates(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** The frame around every page: navigation, language switch, landmarks. */
export class AppShell {
  readonly nav: Locator;
  readonly languageSwitch: Locator;
  readonly main: Locator;

  constructor(
    readonly page: Page,
    private readonly withJs: boolean,
  ) {
    this.nav = page.getByRole("navigation", { name: /主导航|Main navigation/ });
    this.languageSwitch = page.locator("a.lang-switch");
    this.main = page.getByRole("main");
  }

  /** Opens a path and, with JavaScript, waits until the client has hydrated. */
  async open(path: string) {
    const response = await this.page.goto(path);
    if (this.withJs) {
      await waitForHydration(this.page);
    }
    return response;
  }
}

/**
 * Waits until the WASM client has hydrated the page. The debug bundle
 * takes seconds to compile when the two cores are busy, hence the long wait.
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 30_000 });
}
