import { expect, test } from '@playwright/test';

// /analyze/ as a reader sees it: the last line logged before a timeout, no repeated evidence or next
// steps, confidence in words, a monospace input, and the results brought into view.

const RID = '1b0e7c52-8a41-4f0e-b3d6-5c2a9e8f7d10';
const TIMEOUT = [
  `START RequestId: ${RID} Version: $LATEST`,
  `2026-01-12T13:00:00.100Z\t${RID}\tINFO\tloading price list`,
  `2026-01-12T13:00:00.300Z\t${RID}\tINFO\tcalling partner pricing API https://partner.example/prices`,
  `2026-01-12T13:00:06.012Z ${RID} Task timed out after 6.01 seconds`,
  `END RequestId: ${RID}`,
  `REPORT RequestId: ${RID}\tDuration: 6010.00 ms\tBilled Duration: 6000 ms\tMemory Size: 128 MB\tMax Memory Used: 80 MB\tStatus: timeout`,
  `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ${RID} Error: Task timed out after 6.01 seconds"}`,
].join('\n');

for (const width of [1280, 390]) {
  test(`a timeout paste names the last line the function logged, in plain words, in view (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: width > 500 ? 800 : 844 });
    await page.goto('/analyze/');
    const input = page.getByLabel('Logs or error response');
    expect(await input.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono|courier|consolas|menlo/i);
    await input.fill(TIMEOUT);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    const card = page.locator('.cause-card[data-cause="timeout"]');
    await expect(card).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Likely causes' })).toBeInViewport();
    await expect(page.getByRole('heading', { name: 'Likely causes' })).toBeFocused();
    const last = card.locator('.last-log');
    await expect(last).toContainText('the last thing the function logged was calling partner pricing API https://partner.example/prices');
    await expect(last.getByRole('link', { name: 'line 3' })).toHaveAttribute('href', '#paste-line-3');
    // Plain words, not "score 9.4 · cause id timeout".
    await expect(card.locator('.meta')).toHaveText(/^(Strong|Some) evidence: \d+ lines? of your paste points? to this cause\.$/);
    await expect(page.locator('#analyze-results')).not.toContainText(/score \d|cause id/);
    // No pasted line twice under one cause, no next step twice on the page.
    for (const c of await page.locator('.cause-card').all()) {
      const lines = await c.locator('.evidence li > a').allTextContents();
      expect(new Set(lines).size).toBe(lines.length);
    }
    const steps = (await page.locator('.cause-card h4:text("Collect or check next") + ul li').allTextContents()).map((s) => s.trim().toLowerCase());
    expect(steps.length).toBeGreaterThan(0);
    expect(new Set(steps).size).toBe(steps.length);
  });
}
