import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { axeViolations, codeBlocksSettled } from './support/page-checks.ts';

// Every guide and every tree node gets an axe scan of its main content (light theme), plus a cheap check of
// the page around it. site.spec.ts scans each page *type* whole (header, sidebar, search, footer) in both
// themes; those parts are the same on every guide and every tree node, so scanning them 60 more times
// found nothing new and was most of this sweep's cost (about 2.7 CPU-seconds a page for the whole page).
// One test per page: the workers share the pages, a failure names its page, and no test comes near its
// timeout however many pages there are. New guides and tree nodes are picked up from content/.
const guides = readdirSync(new URL('../../content/docs/guides/', import.meta.url))
  .filter((f) => /\.mdx?$/.test(f))
  .map((f) => `/guides/${f.replace(/\.mdx?$/, '')}/`);
const nodes = readdirSync(new URL('../../content/tree/', import.meta.url))
  .filter((f) => f.endsWith('.yaml') && f !== 'start.yaml')
  .map((f) => `/tree/${f.replace(/\.yaml$/, '')}/`);

test.describe.configure({ mode: 'parallel' });

test('the sweep covers every guide and tree node', () => {
  expect(guides.length).toBeGreaterThan(0);
  expect(nodes.length).toBeGreaterThan(0);
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

for (const path of [...guides, ...nodes]) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
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
    await codeBlocksSettled(page);
    const violations = await axeViolations(page, 'main');
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}
