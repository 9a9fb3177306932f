import { expect, test, type Page } from '@playwright/test';

// /onboarding/ in levels: difficulty and time on every card, no cause named before it is fixed,
// progress controls after the path, and a counter that agrees with the ticks after browser Back.

const PROGRESS_KEY = 'lambda-triage:onboarding-progress';

/** The number the summary shows as done, and the number of ticks that count towards it. */
async function counterAndTicks(page: Page) {
  const summary = (await page.locator('[data-summary]').textContent()) ?? '';
  const shown = Number(summary.match(/^(\d+) of/)?.[1]);
  const ticks = await page.locator('input[data-step]:checked, input[data-scenario-field="solved"]:checked').count();
  const bar = Number(await page.locator('lt-onboarding progress').evaluate((p) => (p as HTMLProgressElement).value));
  return { shown, ticks, bar };
}

test('scenarios come in four levels, each card with a difficulty and a time estimate', async ({ page }) => {
  await page.goto('/onboarding/');
  await expect(page.locator('.lt-ob-level h4')).toHaveText([/^Level 1: Your first 500/, /^Level 2: Front doors/, /^Level 3: The AWS world/, /^Level 4: Under load/]);
  const cards = page.locator('.lt-ob-scenario');
  expect(await cards.count()).toBeGreaterThanOrEqual(20);
  for (const meta of await cards.locator('.lt-ob-meta').allTextContents()) expect(meta).toMatch(/^(Easy|Medium|Hard) · about \d+ min · /);
  // Each level says how many incidents it has and how long they take together.
  for (const meta of await page.locator('.lt-ob-level-meta').allTextContents()) expect(meta).toMatch(/^\d+ incidents? · about (\d+ h)? ?(\d+ min)?$/);
});

test('no card names its cause before it is fixed; fixing one reveals only that one', async ({ page }) => {
  await page.goto('/onboarding/');
  const causes = page.locator('.lt-ob-cause');
  expect(await causes.count()).toBeGreaterThanOrEqual(20);
  for (const cause of await causes.all()) await expect(cause).toBeHidden();
  // The guide and tree links (their addresses name the cause) are behind the same disclosure.
  for (const link of await page.locator('.lt-ob-scenario a[href^="/guides/"], .lt-ob-scenario a[href^="/tree/"]').all()) await expect(link).toBeHidden();
  const card = page.locator('.lt-ob-scenario[data-scenario="product-body-object"]');
  await card.getByLabel('Fixed').check();
  await expect(card.locator('.lt-ob-cause')).toBeVisible();
  await expect(card.locator('.lt-ob-cause')).toHaveText('Malformed response for the front door');
  await expect(page.locator('.lt-ob-cause:visible')).toHaveCount(1);
});

test('progress controls come after the path', async ({ page }) => {
  await page.goto('/onboarding/');
  const lastCard = (await page.locator('.lt-ob-scenario').last().boundingBox())!;
  const exportButton = (await page.getByRole('button', { name: 'Export progress' }).boundingBox())!;
  expect(exportButton.y).toBeGreaterThan(lastCard.y + lastCard.height);
  // The counter stays at the top, with a link down to the controls.
  const counter = (await page.locator('[data-summary]').boundingBox())!;
  expect(counter.y).toBeLessThan((await page.locator('.lt-ob-scenario').first().boundingBox())!.y);
  await expect(page.getByRole('link', { name: 'Export, import or reset it' })).toHaveAttribute('href', '#ob-controls');
});

test('after browser Back the counter and the ticks agree, including a fix recorded on another page', async ({ page }) => {
  await page.goto('/onboarding/');
  await page.locator('input[data-step="overview"]').check();
  await page.locator('input[data-scenario-field="solved"][data-id="order-without-items"]').check();
  await expect(page.locator('[data-summary]')).toContainText('2 of');
  await page.getByRole('link', { name: 'Follow the decision tree for one symptom' }).click();
  await expect(page).toHaveURL(/\/tree\/$/);
  // Meanwhile the playground marks another scenario fixed (it writes the same storage).
  await page.evaluate((key) => {
    const progress = JSON.parse(localStorage.getItem(key)!);
    progress.scenarios['coupon-without-expiry'] = { reproduced: '2026-01-01T10:00:00.000Z', solved: '2026-01-01T10:05:00.000Z' };
    localStorage.setItem(key, JSON.stringify(progress));
  }, PROGRESS_KEY);
  await page.goBack();
  await expect(page).toHaveURL(/\/onboarding\/$/);
  await expect(page.locator('[data-summary]')).toContainText('3 of');
  await expect(page.locator('input[data-scenario-field="solved"][data-id="coupon-without-expiry"]')).toBeChecked();
  expect(await counterAndTicks(page)).toEqual({ shown: 3, ticks: 3, bar: 3 });
  // Untick on the page, leave, come back: still in agreement.
  await page.locator('input[data-step="overview"]').uncheck();
  await page.goto('/tree/');
  await page.goBack();
  await expect(page.locator('[data-summary]')).toContainText('2 of');
  expect(await counterAndTicks(page)).toEqual({ shown: 2, ticks: 2, bar: 2 });
});
