import { test as base, type BrowserContext } from '@playwright/test';

/**
 * `test` for the Python browser specs: the tests of one Playwright worker share one browser context, as one reader's
 * visits share a browser. What a test leaves behind that a reader would clear between visits (local storage, where
 * the playground keeps work and progress, and cookies) is cleared after each test; Cache Storage is kept, so the first
 * Python run of a worker stores Pyodide's start-up snapshot (src/worker/pyodide-snapshot-cache.ts) and every later
 * test restores Python from it, as a returning reader does. playground-python.spec.ts checks that a second visit
 * finds the stored snapshot.
 */
export const test = base.extend<object, { sharedContext: BrowserContext }>({
  sharedContext: [
    async ({ browser }, use, workerInfo) => {
      // The context options of the project in playwright.config.ts (the device, baseURL, serviceWorkers), so a change
      // there reaches these tests too.
      const { baseURL, serviceWorkers, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = workerInfo.project.use;
      if (!baseURL) throw new Error('baseURL is not set: run the browser tests through playwright.config.ts.');
      const options = { baseURL, serviceWorkers, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch };
      const context = await browser.newContext(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)));
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ sharedContext }, use) => {
    await use(sharedContext);
  },
  page: async ({ sharedContext }, use) => {
    const page = await sharedContext.newPage();
    await use(page);
    for (const open of sharedContext.pages()) await open.close();
    // The site keeps a reader's work in local storage only (no cookies, no IndexedDB): cleared from a page of the
    // origin that runs none of the site's scripts, the site's icon.
    const cleaner = await sharedContext.newPage();
    await cleaner.goto('/favicon.svg');
    await cleaner.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await cleaner.close();
    await sharedContext.clearCookies();
  },
});

export { expect } from '@playwright/test';
