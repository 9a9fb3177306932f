import { expect, test, type Page } from '@playwright/test';
import { axeViolations, watchPage } from './support/page-checks.ts';

const RID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const MALFORMED = [
  `(${RID}) Received response. Status: 200, Integration latency: 18 ms`,
  `(${RID}) Endpoint response body before transformations: {"statusCode":200,"body":{"ok":true}}`,
  `(${RID}) Execution failed due to configuration error: Malformed Lambda proxy response`,
  `(${RID}) Method completed with status: 502`,
].join('\n');

async function paste(page: Page, text: string) {
  // fill() types nothing character by character, so a large paste is quick and fires one input event.
  await page.getByLabel('Logs or error response').fill(text);
}

test('a REST malformed-response execution log: first cause, highlighted evidence, link to the guide', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  await page.goto('/analyze/');
  await expect(page.getByText('Nothing leaves your browser.')).toBeVisible();
  await paste(page, MALFORMED);
  await page.getByRole('button', { name: 'Analyze', exact: true }).click();
  const first = page.locator('.cause-card').first();
  await expect(first).toHaveAttribute('data-cause', 'malformed-response');
  await expect(first.getByRole('heading', { level: 3 })).toContainText('Malformed response');
  const hits = page.locator('.paste-view li.hit');
  await expect(hits).toHaveCount(2);
  await expect(page.locator('#paste-line-3 mark')).toHaveText(`(${RID}) Execution failed due to configuration error: Malformed Lambda proxy response`);
  await expect(page.locator('#paste-line-3')).toHaveAttribute('data-causes', /malformed-response/);
  await expect(first.getByRole('link', { name: 'Decision tree outcome' })).toHaveAttribute('href', '/tree/malformed-response/');
  await first.getByRole('link', { name: /^Guide:/ }).click();
  await expect(page).toHaveURL(/\/guides\/malformed-response\/$/);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.externalRequests).toEqual([]);
});

test('HTML and script in the paste render as text: nothing runs, no element is injected', async ({ page }) => {
  await page.goto('/analyze/');
  const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
  await paste(page, `${payload}\n2026-01-12T13:00:06.012Z ${RID} Task timed out after 6.01 seconds ${payload}\n<b>bold</b>`);
  await page.getByRole('button', { name: 'Analyze', exact: true }).click();
  await expect(page.locator('.cause-card').first()).toHaveAttribute('data-cause', 'timeout');
  await page.getByRole('button', { name: 'Redact for sharing' }).click();
  await expect(page.locator('.redacted-text')).toContainText('<request-id-1>');
  const results = page.locator('#analyze-results');
  await expect(results).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(page.locator('#paste-line-3')).toHaveText('<b>bold</b>');
  expect(await page.locator('#analyze-results img, #analyze-results script, #analyze-results b, #analyze-redacted img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a 1 MB paste is analysed in the worker while the page stays usable', async ({ page }) => {
  await page.goto('/analyze/');
  const line = `2026-01-12T09:14:03.112Z\t${RID}\tINFO\tprocessing item with a reasonably long log message body\n`;
  const big = line.repeat(Math.ceil(1_048_576 / line.length)) + `REPORT RequestId: ${RID}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory`;
  // Set the value as a paste would (Playwright's fill() of a megabyte is slow in the driver itself).
  await page.getByLabel('Logs or error response').evaluate((el, text) => {
    (el as HTMLTextAreaElement).value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, big);
  await page.getByRole('button', { name: 'Analyze', exact: true }).click();
  // The main thread answers clicks while the worker analyses: open and close the details element.
  const how = page.locator('details.how');
  await how.locator('summary').click();
  await expect(how).toHaveAttribute('open', '');
  await expect(page.locator('#analyze-root')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.locator('.cause-card').first()).toHaveAttribute('data-cause', 'out-of-memory');
});

test('the paste survives a reload, and an unrelated paste answers with what to collect', async ({ page }) => {
  await page.goto('/analyze/');
  await paste(page, 'Hi team, checkout is broken since this morning.');
  await page.waitForFunction(() => localStorage.getItem('lambda-triage:analyze:text') !== null);
  await page.reload();
  await expect(page.getByLabel('Logs or error response')).toHaveValue('Hi team, checkout is broken since this morning.');
  await page.getByRole('button', { name: 'Analyze', exact: true }).click();
  await expect(page.locator('.unknown')).toContainText('Nothing in this paste decides the cause');
  await expect(page.locator('.cause-card')).toHaveCount(0);
});

test('text handed over with ?from=playground is analysed at once', async ({ page }) => {
  await page.goto('/analyze/');
  await page.evaluate((t) => localStorage.setItem('lambda-triage:analyze:pending', t), '{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: 00000000-0000-0000-0000-000000000000 Error: Task timed out after 1.00 seconds"}');
  await page.goto('/analyze/?from=playground');
  await expect(page.locator('.cause-card').first()).toHaveAttribute('data-cause', 'timeout');
  expect(await page.evaluate(() => localStorage.getItem('lambda-triage:analyze:pending'))).toBeNull();
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations with results shown (${theme})`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto('/analyze/');
    await paste(page, MALFORMED);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    await expect(page.locator('.cause-card').first()).toBeVisible();
    await page.getByRole('button', { name: 'Redact for sharing' }).click();
    await expect(page.locator('.redacted-text')).toBeVisible();
    const violations = await axeViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

test('no horizontal overflow at 390 px with results shown', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/analyze/');
  await paste(page, `${MALFORMED}\n${'x'.repeat(500)}`);
  await page.getByRole('button', { name: 'Analyze', exact: true }).click();
  await expect(page.locator('.cause-card').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
