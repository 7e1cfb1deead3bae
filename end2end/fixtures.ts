import { expect, test as base } from "@playwright/test";

/**
 * The test function of every spec. It fails a test whose page threw an
 * uncaught error, which is how a panic in the WASM client or a hydration
 * failure shows up. The panic message goes to the console first, so
 * console errors are reported with it.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const consoleErrors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") {
          consoleErrors.push(message.text().slice(0, 400));
        }
      });
      await use(errors);
      const report = errors.length > 0 ? [...errors, ...consoleErrors] : [];
      expect(report, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
