import { expect, test } from '@playwright/test';
import { openShared } from './support/playground.ts';

// Shared links carry other people's text: HTML and script in them must render as text.
const PAYLOAD = '</textarea><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b id="injected">bold</b>';

test('a share link with HTML and script payloads renders them as text', async ({ page }) => {
  const code = `export const handler = async () => { console.log(${JSON.stringify(PAYLOAD)}); throw new Error(${JSON.stringify(PAYLOAD)}); };`;
  await openShared(page, { code, frontDoor: 'apigw-rest', environment: `NOTE=${PAYLOAD.replace(/\n/g, ' ')}` });
  // The payload shows up as text in the logs and the summary …
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Logs' })).toContainText('<script>window.__pwned = 1</script>');
  // … and nothing of it became markup or ran.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('#injected')).toHaveCount(0);
  await expect(page.locator('lt-playground img[src="x"]')).toHaveCount(0);
});
