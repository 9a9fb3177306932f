import { expect, test } from '@playwright/test';
import { HOSTILE_PROGRAMS } from '../engine/hostile/programs.ts';
import { openShared, settledText } from './support/playground.ts';

// The hostile-code suite through the playground: every program ends as a reported outcome, the page
// stays responsive while and after it runs, and the next run on the same page works.
const SUMMARY_BY_OUTCOME: Record<string, RegExp> = {
  timeout: /Task timed out after/,
  'out-of-memory': /ran out of memory/,
  'function-error': /failed with|answered/,
  'init-error': /failed to start|timed out/,
  success: /returned in/,
};

/** A harmless second export: the next run on the same page switches to it. */
const CLEAN_EXPORT = "\nexport const cleanHandler = async () => 'clean';\n";

test.describe.configure({ mode: 'parallel' });

for (const program of HOSTILE_PROGRAMS) {
  test(`hostile: ${program.name}`, async ({ page }) => {
    test.setTimeout(60_000);
    // A module whose start-up is the hostile part would start that way again for any export: only those get a new
    // page for the clean run; every other program gets a harmless second export to switch to.
    const hostileInit = program.outcomes.includes('init-error');
    await openShared(page, { code: hostileInit ? program.source : program.source + CLEAN_EXPORT, frontDoor: 'invoke' });
    const summary = page.locator('[data-pg="summary"]');
    const expected = program.outcomes.map((o) => SUMMARY_BY_OUTCOME[o]!.source).join('|');
    await settledText(page, '[data-pg="summary"]', new RegExp(expected));
    await expect(summary).toHaveText(new RegExp(expected), { timeout: 30_000 });
    // The page answers at once: the main thread is free and the controls still work.
    const started = await page.evaluate(() => performance.now());
    await page.getByRole('tab', { name: 'More settings' }).click();
    await expect(page.getByRole('tab', { name: 'More settings' })).toHaveAttribute('aria-selected', 'true');
    expect(await page.evaluate(() => performance.now())).toBeGreaterThan(started);
    // Nothing leaks into the next run: on the same page (the same engine worker, unless the runaway guard had to
    // replace it), the module's harmless export succeeds.
    if (hostileInit) {
      await openShared(page, { frontDoor: 'invoke' });
    } else {
      await page.getByLabel('Handler export').fill('cleanHandler');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
    }
    await settledText(page, '[data-pg="summary"]', 'returned in');
    await expect(summary).toContainText('returned in', { timeout: 30_000 });
  });
}
