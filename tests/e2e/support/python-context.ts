import { devices, test as base, type BrowserContext } from '@playwright/test';
import { E2E_PORT_ENV } from './port.ts';

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
    async ({ browser }, use) => {
      const port = process.env[E2E_PORT_ENV];
      if (!port) throw new Error(`${E2E_PORT_ENV} is not set: run the browser tests through playwright.config.ts.`);
      const { defaultBrowserType: _type, ...desktop } = devices['Desktop Chrome'];
      const context = await browser.newContext({ ...desktop, baseURL: `http://localhost:${port}`, serviceWorkers: 'block' });
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
