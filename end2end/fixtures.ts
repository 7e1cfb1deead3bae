import { expect, test as base } from "@playwright/test";

/**
 * The test function of every spec. It fails a test whose page threw an
 * uncaught error, which is how a panic in the WASM client or a hydration
 * failure shows up.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
