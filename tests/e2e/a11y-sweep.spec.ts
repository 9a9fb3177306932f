import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// Every guide and every tree node gets an axe scan (light theme; site.spec.ts scans each page type in
// both themes). One test per page: the workers share the pages, a failure names its page, and no test
// comes near its timeout however many pages there are.
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

for (const path of [...guides, ...nodes]) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}
