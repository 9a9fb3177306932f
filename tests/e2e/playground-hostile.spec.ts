import { expect, test } from '@playwright/test';
import { HOSTILE_PROGRAMS } from '../engine/hostile/programs.ts';
import { openShared } from './support/playground.ts';

// The hostile-code suite through the playground: every program ends as a reported outcome, the page
// stays responsive while and after it runs, and the next run on the same page works.
const SUMMARY_BY_OUTCOME: Record<string, RegExp> = {
  timeout: /Task timed out after/,
  'out-of-memory': /ran out of memory/,
  'function-error': /failed with|answered/,
  'init-error': /failed to start|timed out/,
  success: /returned in/,
};

test.describe.configure({ mode: 'parallel' });

for (const program of HOSTILE_PROGRAMS) {
  test(`hostile: ${program.name}`, async ({ page }) => {
    test.setTimeout(60_000);
    await openShared(page, { code: program.source, frontDoor: 'invoke' });
    const summary = page.locator('[data-pg="summary"]');
    const expected = program.outcomes.map((o) => SUMMARY_BY_OUTCOME[o]!.source).join('|');
    await expect(summary).toHaveText(new RegExp(expected), { timeout: 30_000 });
    // The page answers at once: the main thread is free and the controls still work.
    const started = await page.evaluate(() => performance.now());
    await page.getByRole('tab', { name: 'More settings' }).click();
    await expect(page.getByRole('tab', { name: 'More settings' })).toHaveAttribute('aria-selected', 'true');
    expect(await page.evaluate(() => performance.now())).toBeGreaterThan(started);
    // Nothing leaks into the next run: a clean handler in a new environment succeeds.
    await openShared(page, { frontDoor: 'invoke' });
    await expect(summary).toContainText('returned in');
  });
}
