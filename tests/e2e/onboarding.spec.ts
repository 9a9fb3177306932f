import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { axeViolations, watchPage } from './support/page-checks.ts';

// The onboarding path (/onboarding/) and the team drill (/onboarding/drill/): progress in the browser,
// export and import, the drill's timers and Markdown summary, keyboard use, accessibility and layout.

const PROGRESS_KEY = 'lambda-triage:onboarding-progress';

test('ticks survive a reload, and the summary counts them', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  await page.goto('/onboarding/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Onboarding/);
  const overview = page.locator('input[data-step="overview"]');
  await overview.focus();
  await page.keyboard.press('Space');
  await expect(overview).toBeChecked();
  const fixed = page.locator('input[data-scenario-field="solved"][data-id="order-without-items"]');
  await fixed.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-summary]')).toContainText('2 of');
  await page.reload();
  await expect(page.locator('input[data-step="overview"]')).toBeChecked();
  await expect(page.locator('input[data-scenario-field="solved"][data-id="order-without-items"]')).toBeChecked();
  // Fixing implies having reproduced it.
  await expect(page.locator('input[data-scenario-field="reproduced"][data-id="order-without-items"]')).toBeChecked();
  await expect(page.locator('[data-summary]')).toContainText('2 of');
  await expect(page.locator('[data-summary]')).toContainText('1 of');
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.externalRequests).toEqual([]);
});

test('progress exports to a file and imports back; a bad file gets a clear message and changes nothing', async ({ page }, info) => {
  await page.goto('/onboarding/');
  await page.locator('input[data-step="tree"]').check();
  await page.locator('input[data-scenario-field="reproduced"][data-id="warm-cache-leak"]').check();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).press('Enter');
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('lambda-triage-progress.json');
  const file = info.outputPath('progress.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.format).toBe('lambda-triage-onboarding');
  expect(exported.steps.tree).toMatch(/^\d{4}-/);
  expect(exported.scenarios['warm-cache-leak'].reproduced).toMatch(/^\d{4}-/);

  // Reset (confirm), then import the file: everything comes back.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(page.locator('input[data-step="tree"]')).not.toBeChecked();
  expect(await page.evaluate((k) => localStorage.getItem(k), PROGRESS_KEY)).toBeNull();
  await page.getByLabel('Import progress (JSON file)').setInputFiles(file);
  await expect(page.locator('[data-message]')).toContainText('Imported progress.json');
  await expect(page.locator('input[data-step="tree"]')).toBeChecked();
  await expect(page.locator('input[data-scenario-field="reproduced"][data-id="warm-cache-leak"]')).toBeChecked();

  // A file that is not progress: a message that says what to do, and the ticks stay.
  await page.getByLabel('Import progress (JSON file)').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
  await expect(page.locator('[data-message]')).toContainText('Could not import notes.json');
  await expect(page.locator('[data-message]')).toContainText('Export progress');
  await expect(page.locator('input[data-step="tree"]')).toBeChecked();
});

test('the drill shows only the symptom, times each incident, and exports Markdown with each one and its time', async ({ page, baseURL }, info) => {
  const watch = watchPage(page, baseURL!);
  await page.clock.install({ time: new Date('2026-03-02T10:00:00Z') });
  await page.goto('/onboarding/drill/?s=product-body-object,flaky-payments,nope-1');
  // Paused: the clock moves only when the test says so, whatever the machine's speed.
  await page.clock.pauseAt(new Date('2026-03-02T10:01:00Z'));
  await expect(page.getByRole('status').filter({ hasText: 'unknown scenario: nope-1' })).toBeVisible();
  const items = page.locator('[data-item]:not([hidden])');
  await expect(items).toHaveCount(2);
  const first = items.nth(0);
  await expect(first.getByRole('heading', { level: 3 })).toHaveText('Incident 1');
  await expect(first).toContainText('09:15 UTC');
  // The cause and the title stay hidden until solved.
  await expect(first.getByText('The product page says "Internal server error"')).toBeHidden();
  await expect(first.locator('.lt-drill-hints li:not([hidden])')).toHaveCount(0);

  await first.getByRole('button', { name: 'Start timer' }).press('Enter');
  await page.clock.runFor(65_000);
  await expect(first.getByRole('timer')).toHaveText('1:05');
  await first.getByRole('button', { name: 'Reveal hint 1 of 3' }).press('Enter');
  await expect(first.locator('.lt-drill-hints li:not([hidden])')).toHaveCount(1);
  await first.getByRole('button', { name: 'Mark solved' }).press('Enter');
  await expect(first.getByText(/This was/)).toBeVisible();
  await page.clock.runFor(30_000);
  await expect(first.getByRole('timer')).toHaveText('1:05');

  const second = items.nth(1);
  await second.getByRole('button', { name: 'Start timer' }).click();
  await page.clock.runFor(12_000);

  // The state survives a reload.
  await page.reload();
  await expect(page.locator('[data-item]:not([hidden])').nth(0).getByRole('timer')).toHaveText('1:05');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the Markdown summary' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^lambda-triage-drill-\d{4}-\d{2}-\d{2}\.md$/);
  const file = info.outputPath('drill.md');
  await download.saveAs(file);
  const md = readFileSync(file, 'utf8');
  expect(md).toMatch(/^# Lambda Triage drill/);
  expect(md).toContain('(`product-body-object`)');
  expect(md).toContain('(`flaky-payments`)');
  expect(md).toMatch(/product-body-object.*\| 1:05 \| 1 of 3 \| solved \|/);
  expect(md).toMatch(/flaky-payments.*\| 0:1\d \| 0 of 3 \| not solved \|/);
  expect(md).toContain('Solved 1 of 2');
  expect(watch.consoleErrors).toEqual([]);
});

test('the drill picker builds the link with the keyboard alone', async ({ page }) => {
  await page.goto('/onboarding/drill/');
  const boxes = page.getByRole('group', { name: 'Incidents for this drill' }).getByRole('checkbox');
  await boxes.nth(0).focus();
  await page.keyboard.press('Space');
  await boxes.nth(2).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Start the drill' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/onboarding\/drill\/\?s=[a-z0-9-]+&s=[a-z0-9-]+$/);
  await expect(page.locator('[data-item]:not([hidden])')).toHaveCount(2);
});

test('each scenario is published as JSON for the playground', async ({ request }) => {
  const list = await (await request.get('/onboarding/scenarios.json')).json();
  expect(list.scenarios.length).toBeGreaterThanOrEqual(16);
  const res = await request.get(list.scenarios[0].href);
  expect(res.status()).toBe(200);
  const scenario = await res.json();
  expect(scenario).toMatchObject({ id: list.scenarios[0].id, handler: expect.stringContaining('handler'), solution: expect.any(String) });
  expect(scenario.hints).toHaveLength(3);
  expect(scenario.checks.length).toBeGreaterThan(0);
});

// One test per page and theme: together they took up to 25 s of a 30 s timeout on a loaded 2-CPU machine.
for (const theme of ['light', 'dark'] as const) {
  for (const path of ['/onboarding/', '/onboarding/drill/', '/onboarding/drill/?s=order-without-items,callback-open-timer']) {
    test(`axe finds no violations on ${path} (${theme})`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      if (path.includes('?s=')) {
        const item = page.locator('[data-item]:not([hidden])').first();
        await item.getByRole('button', { name: /Reveal hint/ }).click();
        await item.getByRole('button', { name: 'Mark solved' }).click();
        await page.getByText('Summary as text').click();
      }
      const violations = await axeViolations(page);
      expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
    });
  }
}

test('no horizontal overflow at 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/onboarding/', '/onboarding/drill/', '/onboarding/drill/?s=order-without-items,report-export-29s']) {
    await page.goto(path);
    if (path.includes('?s=')) await page.getByText('Summary as text').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBe(0);
  }
});
