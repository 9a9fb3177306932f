/**
 * Guides answer on the first screen (issue 17, items 10 and 11), on a phone (390 × 844): every cause guide shows its
 * first-screen box (tell, confirm, fix, reproduce) within the first 800 px, and no fix diff or front-door tab strip
 * overflows sideways. The same checks at 1280 × 800 run in a11y-sweep.spec.ts, on the page load of its axe scan.
 */
import { expect, test } from '@playwright/test';
import { watchPage } from './support/page-checks.ts';
import { causeGuides, checkFirstScreenBox, guides, overflowing } from './support/guide-checks.ts';

test('there are cause guides to check', () => {
  expect(causeGuides.length).toBeGreaterThanOrEqual(12);
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  // One page load per guide: a cause guide's first-screen box, then (every guide) the sideways check.
  for (const { slug, cause } of guides) {
    const title = cause
      ? `${slug}: the first-screen box is visible in the first 800 px, with tell, confirm, fix and reproduce; no diff or tab strip overflows sideways`
      : `${slug}: no diff or tab strip overflows sideways`;
    test(title, async ({ page, baseURL }) => {
      const watch = watchPage(page, baseURL!);
      await page.goto(`/guides/${slug}/`);
      if (cause) {
        await checkFirstScreenBox(page);
        expect(watch.consoleErrors).toEqual([]);
      }
      expect(await overflowing(page)).toEqual([]);
    });
  }
});
