/**
 * The guide checks a reader feels on the first screen (issue 17, items 10 and 11), shared by guide-first-screen.spec.ts
 * (390 px) and a11y-sweep.spec.ts (1280 px, on the page load it makes for its axe scan): every cause guide shows its
 * first-screen box (tell, confirm, fix, reproduce) within the first 800 px, and no fix diff or front-door tab strip
 * overflows sideways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { parse } from 'yaml';

const guidesDir = new URL('../../../content/docs/guides/', import.meta.url);
/** Every guide, and whether it is a cause guide (front matter `causes`). */
export const guides = readdirSync(guidesDir)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const data = parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(new URL(f, guidesDir), 'utf8'))?.[1] ?? '') as { causes?: string[] };
    return { slug: f.replace(/\.mdx$/, ''), cause: (data.causes ?? []).length > 0 };
  });
/** The slugs of the cause guides. */
export const causeGuides = guides.filter((g) => g.cause).map((g) => g.slug);

/** The first screen the box must start in, px from the top of the page. */
export const FIRST_SCREEN_PX = 800;

/** Elements that stick out sideways: their own scroll width above their box, or their right edge past the viewport. */
export async function overflowing(page: Page): Promise<string[]> {
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

/** A cause guide's first-screen box: one, visible, starting in the first screen, with its four parts, before the first h2. */
export async function checkFirstScreenBox(page: Page): Promise<void> {
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
}
