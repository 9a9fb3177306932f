import { expect, test } from '@playwright/test';
import { axeViolations, codeBlocksSettled, watchPage } from './support/page-checks.ts';
import { checkFirstScreenBox, guides, overflowing } from './support/guide-checks.ts';
import { guidePaths, treeNodePaths } from './support/swept-pages.ts';

// Every guide and every tree node gets an axe scan of its main content (light theme), plus a cheap check of
// the page around it. site.spec.ts scans each page *type* whole (header, sidebar, search, footer) in both
// themes; those parts are the same on every guide and every tree node, so scanning them 60 more times
// found nothing new and was most of this sweep's cost (about 2.7 CPU-seconds a page for the whole page).
// One test per page: the workers share the pages, a failure names its page, and no test comes near its
// timeout however many pages there are. New guides and tree nodes are picked up from content/.
// The same page load also serves the checks a reader feels at 1280 × 800 (guide-first-screen.spec.ts has them at
// 390 px), and the crawl's checks (no console errors, nothing fetched from another host; site.spec.ts crawls the rest).

test.describe.configure({ mode: 'parallel' });
test.use({ viewport: { width: 1280, height: 800 } });

const causeGuidePaths = new Set(guides.filter((g) => g.cause).map((g) => `/guides/${g.slug}/`));

test('the sweep covers every guide and tree node', () => {
  expect(guidePaths.length).toBeGreaterThan(0);
  expect(treeNodePaths.length).toBeGreaterThan(0);
  expect(causeGuidePaths.size).toBeGreaterThanOrEqual(12);
});

test('the scan reports what it is shown: low contrast, an image with no text, a button with no name', async ({ page }) => {
  await page.setContent(
    '<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>' +
      '<p style="color:#777;background:#888">faint</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>' +
      '</main></body></html>',
  );
  const ids = (await axeViolations(page, 'main')).map((v) => v.id).sort();
  expect(ids).toEqual(['button-name', 'color-contrast', 'image-alt']);
});

for (const path of [...guidePaths, ...treeNodePaths]) {
  const guide = path.startsWith('/guides/');
  const extra = causeGuidePaths.has(path) ? '; the first-screen box and no sideways overflow at 1280 px' : guide ? '; no sideways overflow at 1280 px' : '';
  test(`axe finds no violations on ${path}${extra}`, async ({ page, baseURL }) => {
    const watch = watchPage(page, baseURL!);
    // 'load' runs the page's scripts; nothing on these pages loads later, so waiting for the network to idle
    // only added time. Expressive Code's focusable-region pass runs later still: codeBlocksSettled waits for it.
    const res = await page.goto(path, { waitUntil: 'load' });
    expect(res?.status(), `GET ${path}`).toBe(200);
    // The page around the content: a language, a title, exactly one h1, a main landmark.
    const shell = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title.trim(),
      h1: document.querySelectorAll('h1').length,
      main: document.querySelectorAll('main').length,
    }));
    expect(shell).toEqual({ lang: 'en', title: expect.stringMatching(/\S/), h1: 1, main: 1 });
    if (causeGuidePaths.has(path)) await checkFirstScreenBox(page);
    if (guide) expect(await overflowing(page)).toEqual([]);
    await codeBlocksSettled(page);
    const violations = await axeViolations(page, 'main');
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.externalRequests).toEqual([]);
  });
}
