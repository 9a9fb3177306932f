import { expect, test, type Page } from '@playwright/test';
import { axeViolations, watchPage } from './support/page-checks.ts';
import { setCode, waitForFirstResult } from './support/playground.ts';

// Scenario mode of the playground (/playground/?scenario=<id>): real Chromium, the real worker and
// QuickJS, the scenario JSON the build publishes. Each test gets a fresh context (empty localStorage).

const SCENARIO = 'product-body-object';
const PROGRESS_KEY = 'lambda-triage:onboarding-progress';
const panel = (page: Page) => page.locator('[data-sc="panel"]');
const verdict = (page: Page) => page.locator('[data-sc="verdict"]');

/** Open a scenario and wait for the automatic first run (which runs the scenario's broken handler). */
async function openScenario(page: Page, id = SCENARIO): Promise<void> {
  await page.goto(`/playground/?scenario=${id}`);
  await waitForFirstResult(page);
  await expect(panel(page)).toBeVisible();
}


/** Confirm the question the page asks in its own dialog (the playground never uses window.confirm). */
async function confirmIn(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Fail the test if the page ever opens a native dialog. */
function refuseNativeDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

async function checkMyFix(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check my fix' }).click();
  await expect(verdict(page)).toBeVisible({ timeout: 60_000 });
}

/** Press Tab until the focused element matches `selector` (keyboard-only navigation). */
async function tabTo(page: Page, selector: string, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test.describe.configure({ mode: 'parallel' });

test('one full scenario: the broken handler fails with the smallest failing case, the solution solves it, /onboarding/ shows it', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  const native = refuseNativeDialogs(page);
  await openScenario(page);
  await expect(page.getByRole('heading', { level: 2, name: 'The product page says "Internal server error"' })).toBeVisible();
  await expect(page.locator('[data-sc="brief"]')).toContainText('09:15 UTC');
  await expect(panel(page).getByRole('link', { name: 'Read the guide' })).toHaveAttribute('href', /^\/guides\//);
  await expect(panel(page).getByRole('link', { name: 'See the tree outcome' })).toHaveAttribute('href', /^\/tree\/.+\/$/);
  // The editor starts with the broken handler, and the first run reproduces the 502.
  await expect(page.locator('[data-pg="textarea"]')).toHaveValue(/body: product,/);
  await expect(page.locator('[data-pg="summary"]')).toContainText('502');

  await checkMyFix(page);
  await expect(verdict(page)).toContainText('Not fixed yet');
  const failure = page.locator('[data-sc="smallest-failure"]');
  await expect(failure).toContainText('GET /products/cup-01');
  await expect(page.locator('[data-sc="failure-status"]')).toHaveText('502');
  await expect(page.locator('[data-sc="decisive-log"]')).toContainText('Malformed Lambda proxy response');
  await expect(page.locator('[data-sc="checks"] li[data-passed="false"]').first()).toBeVisible();

  await page.getByRole('button', { name: 'Show solution' }).click();
  await confirmIn(page, 'Show solution');
  await expect(page.locator('[data-sc="diff"]')).toContainText('JSON.stringify(value)');
  await page.getByRole('button', { name: 'Use the solution' }).click();
  await confirmIn(page, 'Use the solution');
  await expect(page.locator('[data-pg="textarea"]')).toHaveValue(/body: JSON\.stringify\(value\)/);

  await checkMyFix(page);
  await expect(verdict(page)).toContainText('Solved');
  // No stale truth: the main result follows the fix that was just judged, not the old 502.
  await expect(page.locator('[data-pg="summary"]')).toContainText('answered 200', { timeout: 20_000 });
  await expect(page.locator('[data-pg="summary"]')).not.toContainText('502');
  const solved = page.locator('[data-sc="solved"]');
  await expect(solved).toContainText('Malformed Lambda proxy response');
  await expect(solved.getByRole('link', { name: /^Next scenario: / })).toHaveAttribute('href', /^\/playground\/\?scenario=[a-z0-9-]+$/);
  const stored = await page.evaluate((k) => localStorage.getItem(k), PROGRESS_KEY);
  expect(JSON.parse(stored ?? '{}').scenarios?.[SCENARIO]?.solved).toMatch(/^\d{4}-/);

  // Undo brings the learner's own code back.
  await page.getByRole('button', { name: 'Undo: restore my code' }).click();
  await expect(page.locator('[data-pg="textarea"]')).toHaveValue(/body: product,/);

  await page.goto('/onboarding/');
  await expect(page.locator(`input[data-scenario-field="solved"][data-id="${SCENARIO}"]`)).toBeChecked();
  expect(native).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.externalRequests).toEqual([]);
});

test('the hint ladder reveals three hints one at a time, announced politely', async ({ page }) => {
  await openScenario(page);
  const hints = page.locator('[data-sc="hints"] li');
  const button = page.locator('[data-sc="hint"]');
  const status = panel(page).locator('[role="status"][aria-live="polite"]').first();
  await expect(hints).toHaveCount(0);
  await expect(button).toHaveText('Show a hint (1 of 3)');
  await button.click();
  await expect(hints).toHaveCount(1);
  await expect(status).toContainText('Hint 1 of 3');
  await expect(button).toHaveText('Next hint (2 of 3)');
  await button.click();
  await expect(hints).toHaveCount(2);
  await expect(status).toContainText('Hint 2 of 3');
  await button.click();
  await expect(hints).toHaveCount(3);
  await expect(hints.nth(2)).toContainText('JSON.stringify');
  await expect(status).toContainText('Hint 3 of 3');
  await expect(button).toBeDisabled();
});

test('a wrong fix shows the smallest failing case: the request, what the caller received and why', async ({ page }) => {
  await openScenario(page);
  await setCode(page, "export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });");
  await checkMyFix(page);
  await expect(verdict(page)).toContainText('Not fixed yet');
  const failure = page.locator('[data-sc="smallest-failure"]');
  await expect(failure).toContainText('GET /products/cup-01');
  await expect(page.locator('[data-sc="failure-status"]')).toHaveText('200');
  await expect(failure).toContainText('Why it failed');
  await expect(failure).toContainText('Espresso cup');
  await expect(page.locator('[data-sc="decisive-log"]')).not.toBeEmpty();
  await expect(page.locator('[data-sc="solved"]')).toBeHidden();
  expect(await page.evaluate((k) => localStorage.getItem(k), PROGRESS_KEY)).toBeNull();
});

test('the edited scenario code and the hints shown survive a reload', async ({ page }) => {
  await openScenario(page);
  await page.locator('[data-sc="hint"]').click();
  await setCode(page, 'export const handler = async () => ({ statusCode: 418, body: "kept-after-reload" });');
  await page.reload();
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 20_000 });
  await expect(panel(page)).toBeVisible();
  await expect(page.locator('[data-pg="textarea"]')).toHaveValue(/kept-after-reload/);
  await expect(page.locator('[data-sc="hints"] li')).toHaveCount(1);
  // The scratch playground keeps its own code.
  await page.goto('/playground/');
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 20_000 });
  await expect(page.locator('[data-pg="textarea"]')).not.toHaveValue(/kept-after-reload/);
});

test('keyboard only: from /onboarding/ through the scenario to "Solved"', async ({ page }) => {
  const native = refuseNativeDialogs(page);
  await page.goto('/onboarding/');
  await tabTo(page, `a[href="/playground/?scenario=${SCENARIO}"]`);
  await page.keyboard.press('Enter');
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 20_000 });
  await expect(panel(page)).toBeVisible();
  await tabTo(page, '[data-sc="hint"]');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-sc="hints"] li')).toHaveCount(1);
  await tabTo(page, '[data-sc="show-solution"]');
  await page.keyboard.press('Enter');
  // The page's dialog opens with the safe choice focused; Shift+Tab reaches the confirming one.
  await expect(page.getByRole('dialog', { name: 'Show the solution?' })).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  // The solution is drawn after the dialog closes: a reader tabs on once it is there (tabbing earlier would pass
  // it and end in the code editor, where Tab indents).
  await expect(page.locator('[data-sc="use-solution"]')).toBeVisible();
  await tabTo(page, '[data-sc="use-solution"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Use the solution?' })).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  // The handler now holds the solution. Read it from the autosave rather than the text box: keyboard focus in
  // the code area turns the text box into Monaco, and on a slow machine that can happen before this line.
  await expect
    .poll(() => page.evaluate((k) => localStorage.getItem(k) ?? '', `lambda-triage:playground:${SCENARIO}`), { timeout: 10_000 })
    .toMatch(/JSON\.stringify\(value\)/);
  // Whenever the code editor has focus (it becomes Monaco on first focus, possibly while this loop runs),
  // Escape first: that is how a keyboard user leaves it, as its label says (Shift+Tab alone would outdent).
  const inEditor = () => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor, [data-pg="code-area"]'));
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.matches('[data-sc="check"]') ?? false)); i++) {
    if (await inEditor()) await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
  }
  await expect(page.locator('[data-sc="check"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(verdict(page)).toContainText('Solved', { timeout: 60_000 });
  // Focus moves to the solved section, so the next step is one Tab away.
  await expect(page.locator('[data-sc="solved"]')).toBeFocused();
  await tabTo(page, '[data-sc="next"]', 10);
});

test('an unknown scenario says so, links to /onboarding/, and the scratch playground still runs', async ({ page }) => {
  await page.goto('/playground/?scenario=no-such-scenario');
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 20_000 });
  await expect(page.locator('[data-pg="notice"]')).toContainText('There is no scenario "no-such-scenario"');
  await expect(page.getByRole('button', { name: 'Go to the onboarding scenarios' })).toBeVisible();
  await expect(panel(page)).toHaveCount(0);
  await expect(page.locator('[data-pg="summary"]')).toContainText('answered 200');
});

test('a scenario with a config file shows it in its own editor tab, and checks use it', async ({ page }) => {
  await openScenario(page, 'api-permission-stale-source-arn');
  const tab = page.getByRole('tab', { name: 'resource-policy.json' });
  await expect(tab).toBeVisible();
  await tab.click();
  await expect(page.locator('[data-pg="code-label"]')).toHaveText('resource-policy.json (JSON)');
  await expect(page.locator('[data-pg="textarea"]')).toHaveValue(/"Statement"/);
  await checkMyFix(page);
  await expect(verdict(page)).toContainText('Not fixed yet');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the scenario page has no axe violations (${theme}), with a failing check and the diff shown`, async ({ page }) => {
    const native = refuseNativeDialogs(page);
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await openScenario(page);
    await page.locator('[data-sc="hint"]').click();
    await checkMyFix(page);
    await page.getByRole('button', { name: 'Show solution' }).click();
    await confirmIn(page, 'Show solution');
    await expect(page.locator('[data-sc="diff"]')).toBeVisible();
    const violations = await axeViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}

test('no horizontal overflow at 390 px with the failing case and the diff shown', async ({ page }) => {
  const native = refuseNativeDialogs(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await openScenario(page);
  await checkMyFix(page);
  await page.getByRole('button', { name: 'Show solution' }).click();
  await confirmIn(page, 'Show solution');
  await expect(page.locator('[data-sc="diff"]')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('reserved concurrency 0 in function.json: one source of truth for single runs, the Reserved field and load runs', async ({ page }) => {
  await openScenario(page, 'reserved-concurrency-zero');
  // The single run is throttled, and the settings show why, where they are set.
  await expect(page.locator('[data-pg="summary"]')).toContainText('without invoking the function');
  await page.getByRole('tab', { name: 'Concurrency' }).click();
  const reserved = page.getByLabel('Reserved concurrency (empty = unreserved)');
  await expect(reserved).toHaveValue('0');
  await expect(reserved).toBeDisabled();
  await expect(page.locator('[data-pg="settings-note"]')).toContainText('set in function.json');
  await expect(page.getByLabel('Timeout (s)', { exact: true })).toHaveValue('5');
  await expect(page.getByLabel('Memory (MB)', { exact: true })).toHaveValue('512');
  // A load run uses the same value: every request is throttled.
  await page.getByLabel('Requests (1–2,000)').fill('20');
  await page.getByRole('button', { name: 'Load run' }).click();
  await expect(page.locator('[data-pg="summary"]')).toContainText('Load run finished: 20 requests gave 0 invocations', { timeout: 30_000 });
  await expect(page.locator('[data-pg="summary"]')).toContainText('20 throttles');
  // Editing the file changes the fields with it.
  await page.getByRole('tab', { name: 'function.json' }).click();
  await page.locator('[data-pg="static-code"], [data-pg="code-area"]').first().click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('{ "timeoutSeconds": 5, "memoryMB": 512, "reservedConcurrency": 50 }');
  await page.getByRole('tab', { name: 'Concurrency' }).click();
  await expect(reserved).toHaveValue('50');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-pg="summary"]')).toContainText('answered 200', { timeout: 20_000 });
});
