import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// Every guide and every tree node gets an axe scan (light theme; site.spec.ts scans each page type in
// both themes).
const guides = readdirSync(new URL('../../content/docs/guides/', import.meta.url))
  .filter((f) => /\.mdx?$/.test(f))
  .map((f) => `/guides/${f.replace(/\.mdx?$/, '')}/`);
const nodes = readdirSync(new URL('../../content/tree/', import.meta.url))
  .filter((f) => f.endsWith('.yaml') && f !== 'start.yaml')
  .map((f) => `/tree/${f.replace(/\.yaml$/, '')}/`);

test.describe.configure({ mode: 'parallel' });

for (const [name, paths] of [
  ['guides', guides],
  ['tree nodes', nodes],
] as const) {
  test(`axe finds no violations on any of the ${name}`, async ({ page }) => {
    test.setTimeout(240_000);
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations) problems.push(`${path} ${v.id}: ${v.help} (${v.nodes.length})`);
    }
    expect(problems).toEqual([]);
  });
}
