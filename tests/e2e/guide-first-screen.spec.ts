/**
 * Guides answer on the first screen (issue 17, items 10 and 11): every cause guide shows its first-screen box
 * (tell, confirm, fix, reproduce) within the first 800 px, and no fix diff or front-door tab strip overflows
 * sideways, at 1280 × 800 and 390 × 844.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { watchPage } from './support/page-checks.ts';

const guidesDir = new URL('../../content/docs/guides/', import.meta.url);
const guides = readdirSync(guidesDir)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const data = parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(new URL(f, guidesDir), 'utf8'))?.[1] ?? '') as { causes?: string[] };
    return { slug: f.replace(/\.mdx$/, ''), cause: (data.causes ?? []).length > 0 };
  });
const causeGuides = guides.filter((g) => g.cause).map((g) => g.slug);

const VIEWPORTS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
] as const;
/** The first screen the box must start in, px from the top of the page. */
const FIRST_SCREEN_PX = 800;

/** Elements that stick out sideways: their own scroll width above their box, or their right edge past the viewport. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const check = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${what} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
      if (r.right > vw + 1) out.push(`${what} ends at ${Math.round(r.right)} px, past the ${vw} px viewport`);
    };
    document.querySelectorAll('.sl-markdown-content .expressive-code').forEach((ec, i) => {
      if (!ec.querySelector('.ec-line.ins, .ec-line.del')) return;
      const title = ec.querySelector('.title')?.textContent ?? `diff ${i + 1}`;
      check(ec, `diff "${title}"`);
      ec.querySelectorAll('pre').forEach((pre) => check(pre, `diff "${title}" code`));
    });
    document.querySelectorAll('starlight-tabs').forEach((tabs, i) => {
      const wrapper = tabs.querySelector('.tablist-wrapper');
      const list = tabs.querySelector('[role="tablist"]');
      if (wrapper) check(wrapper, `tab strip ${i + 1}`);
      if (list) check(list, `tab list ${i + 1}`);
    });
    if (document.documentElement.scrollWidth > vw + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
    return out;
  });
}

test('there are cause guides to check', () => {
  expect(causeGuides.length).toBeGreaterThanOrEqual(12);
});

for (const vp of VIEWPORTS) {
  test.describe(`at ${vp.name} px`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    // One page load per guide and viewport: a cause guide's first-screen box, then (every guide) the sideways check.
    for (const { slug, cause } of guides) {
      const title = cause
        ? `${slug}: the first-screen box is visible in the first ${FIRST_SCREEN_PX} px, with tell, confirm, fix and reproduce; no diff or tab strip overflows sideways`
        : `${slug}: no diff or tab strip overflows sideways`;
      test(title, async ({ page, baseURL }) => {
        const watch = watchPage(page, baseURL!);
        await page.goto(`/guides/${slug}/`);
        if (cause) {
          const box = page.locator('[data-first-screen]');
          await expect(box).toHaveCount(1);
          await expect(box).toBeVisible();
          const top = await box.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
          expect(top, 'top of the box, px').toBeLessThan(FIRST_SCREEN_PX - 80);
          await expect(box.getByText('The tell')).toBeInViewport();
          for (const label of ['The tell', 'Confirm it', 'Fix it', 'Reproduce it']) await expect(box.locator('dt', { hasText: label })).toBeVisible();
          expect(await box.locator('.tell code').count()).toBeGreaterThan(0);
          await expect(box.locator('pre')).toBeVisible();
          await expect(box.locator('a[href^="/playground/?scenario="]').first()).toBeVisible();
          // The box comes before the guide's own first heading.
          const order = await page.evaluate(() => {
            const b = document.querySelector('[data-first-screen]');
            const h = document.querySelector('.sl-markdown-content h2');
            return b && h ? b.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
          });
          expect(order).toBeTruthy();
          expect(watch.consoleErrors).toEqual([]);
        }
        expect(await overflowing(page)).toEqual([]);
      });
    }
  });
}
