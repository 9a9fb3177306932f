import { expect, test } from '@playwright/test';
import { openShared } from './support/playground.ts';

// Round trip (issue 9): the playground's log panel sends its logs to the analyzer, which names the cause.
test('"Analyze these logs" takes a failed run to the analyzer, which names the cause', async ({ page }) => {
  const code = 'export const handler = async (event) => JSON.parse(event.body).items.length;';
  await openShared(page, { code, frontDoor: 'invoke', request: '{"body": "not json"}', requestMode: 'event' });
  await page.getByRole('tab', { name: 'Logs', exact: true }).click();
  const logs = page.getByRole('tabpanel', { name: 'Logs' });
  await expect(logs).toContainText('Invoke Error');
  await logs.getByRole('link', { name: 'Analyze these logs' }).click();
  // The analyzer reads the hand-off, then drops ?from=playground from the address.
  await expect(page).toHaveURL(/\/analyze\//);
  await expect(page.locator('#analyze-text, textarea').first()).toHaveValue(/Invoke Error/);
  const first = page.locator('.cause-card').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  await expect(first).toHaveAttribute('data-cause', /invalid-input|unhandled-exception/);
});
