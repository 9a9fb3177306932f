import { expect, test, type Page } from '@playwright/test';
import { axeViolations, watchPage } from './support/page-checks.ts';
import { openShared, setCode, setEditorText, sharePath, waitForFirstResult } from './support/playground.ts';

// The playground at /playground/: real Chromium, the real worker and QuickJS. Each test gets a fresh
// browser context, so localStorage starts empty.

const summary = (page: Page) => page.locator('[data-pg="summary"]');
// Results sit in tabs; a panel's text is readable whichever tab is selected.
const response = (page: Page) => page.locator('#pg-rpanel-response');
const resultPanel = (page: Page, name: 'Diagnosis' | 'Logs' | 'Timeline' | 'Metrics') => page.locator(`#pg-rpanel-${name.toLowerCase()}`);

/** Open the playground and wait for the automatic first run. */
async function open(page: Page, path = '/playground/'): Promise<void> {
  await page.goto(path);
  await waitForFirstResult(page);
}

// Tests about what the engine does with a handler open it through a share link carrying the code, whose
// automatic first run is then the run under test. Typing it would load Monaco and its TypeScript worker (about
// 1.5 CPU-seconds a test); typing, the autosave and share links of typed code have tests of their own below.


/** Fill a field of the settings bar above the editor (front door, runtime, language, timeout, memory). */
async function setConfig(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

async function runAndWait(page: Page, button = 'Run'): Promise<void> {
  const before = await summary(page).textContent();
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(summary(page)).not.toHaveText(before ?? '', { timeout: 20_000 });
}

test.describe.configure({ mode: 'parallel' });

test('the first run succeeds: 200 for the caller, CloudWatch lines, no console errors', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  await open(page);
  await expect(response(page)).toContainText('200');
  await expect(summary(page)).toContainText('answered 200');
  const logs = resultPanel(page, 'Logs');
  await expect(logs).toContainText('START RequestId:');
  await expect(logs).toContainText('REPORT RequestId:');
  await expect(resultPanel(page, 'Diagnosis')).toContainText('No findings');
  await page.waitForLoadState('networkidle');
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.externalRequests).toEqual([]);
});

test('a slow handler times out and the diagnosis links its guide and tree node', async ({ page }) => {
  await openShared(page, { code: 'export const handler = async () => { await new Promise((r) => setTimeout(r, 5000)); return { statusCode: 200, body: "late" }; };' });
  await setConfig(page, 'Timeout (s)', '1');
  await runAndWait(page);
  await expect(summary(page)).toContainText('Task timed out after 1.00 seconds');
  await expect(response(page)).toContainText('502');
  await page.getByRole('tab', { name: 'Diagnosis', exact: true }).click();
  const diagnosis = page.getByRole('tabpanel', { name: 'Diagnosis' });
  await expect(diagnosis.getByRole('link', { name: /Guide: / }).first()).toHaveAttribute('href', '/guides/timeout/');
  await expect(diagnosis.getByRole('link', { name: 'Decision tree node' }).first()).toHaveAttribute('href', '/tree/timeout/');
  await expect(resultPanel(page, 'Logs')).toContainText('Task timed out after 1.00 seconds');
});

test('an async function started without await rejects: Runtime.UnhandledPromiseRejection, with V8 frames', async ({ page }) => {
  await openShared(page, { code: 'async function audit() { throw new Error("audit failed"); } export const handler = async () => { audit(); await new Promise((r) => setTimeout(r, 50)); return { statusCode: 200, body: "ok" }; };' });
  await expect(response(page)).toContainText('502');
  const logs = resultPanel(page, 'Logs');
  await expect(logs).toContainText('Unhandled Promise Rejection');
  await expect(logs).toContainText('Runtime.UnhandledPromiseRejection');
  await expect(logs).toContainText('at Runtime.handler (file:///var/task/index.mjs:1:');
});

test('JSON log format with an application log level drops console output below it', async ({ page }) => {
  await openShared(page, { code: 'export const handler = async () => { console.log("quiet detail"); console.warn("careful now"); return { statusCode: 200, body: "ok" }; };' });
  await page.getByRole('tab', { name: 'More settings' }).click();
  const level = page.getByLabel('Application log level');
  await expect(level).toBeDisabled();
  await expect(page.getByText('Lambda filters log levels only with the JSON log format.')).toBeVisible();
  await page.getByLabel('Log format').selectOption('JSON');
  await expect(level).toBeEnabled();
  await level.selectOption('WARN');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const logs = resultPanel(page, 'Logs');
  await expect(logs).toContainText('"level":"WARN"', { timeout: 20_000 });
  await expect(logs).toContainText('"type":"platform.report"');
  await expect(logs).not.toContainText('quiet detail');
});

test('a handler that keeps allocating runs out of memory', async ({ page }) => {
  await openShared(page, { code: 'export const handler = async () => { const keep = []; for (let i = 0; ; i++) keep.push({ i, s: "x".repeat(100) + i }); };' });
  await expect(summary(page)).toContainText('ran out of memory');
  await expect(response(page)).toContainText('502');
  await expect(resultPanel(page, 'Logs')).toContainText('Runtime.OutOfMemory');
  await expect(page.locator('#pg-memory-gauge')).toHaveAttribute('value', '128');
});

test('a bare object is 502 on the REST API and 200 on HTTP API 2.0 in the compare view', async ({ page }) => {
  await openShared(page, { code: 'export const handler = async () => ({ message: "hello" });' });
  await runAndWait(page, 'Compare front doors');
  const rest = page.locator('.pg-compare tr[data-front-door="apigw-rest"] .pg-compare-status');
  const v2 = page.locator('.pg-compare tr[data-front-door="http-api-v2"] .pg-compare-status');
  await expect(rest).toContainText('502');
  await expect(v2).toContainText('200');
});

test('while (true) {} leaves the page responsive and ends as a timeout', async ({ page }) => {
  // The automatic first run is the spinning one: the test does not wait for it to end.
  await page.goto(await sharePath({ code: 'export const handler = async () => { while (true) {} };' }));
  await page.locator('lt-playground[data-ready="true"]').waitFor({ state: 'attached' });
  // The page still reacts while the worker spins: switching tabs works.
  await page.getByRole('tab', { name: 'More settings' }).click();
  await expect(page.getByRole('tab', { name: 'More settings' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Environment variables (KEY=value, one per line)')).toBeVisible();
  await expect(summary(page)).toContainText('Task timed out after', { timeout: 20_000 });
});

test('a share link restores the same state in a new browser', async ({ page, browser, baseURL }) => {
  await open(page);
  await setCode(page, 'export const handler = async () => ({ statusCode: 418, body: "shared-marker-71" });');
  await setConfig(page, 'Memory (MB)', '512');
  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.locator('[data-pg="share-url"]').inputValue();
  expect(url).toMatch(/#s=2\./);

  const other = await browser.newContext({ baseURL: baseURL! });
  const fresh = await other.newPage();
  await open(fresh, url.replace(baseURL!, ''));
  await expect(fresh.locator('#pg-code')).toHaveValue(/shared-marker-71/);
  await expect(response(fresh)).toContainText('418');
  await expect(fresh.getByLabel('Memory (MB)', { exact: true })).toHaveValue('512');
  await other.close();
});

test('an unreadable share link says so and keeps the autosaved work', async ({ page }) => {
  await open(page);
  await setCode(page, 'export const handler = async () => ({ statusCode: 200, body: "kept-marker-33" });');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('lambda-triage:playground:scratch') ?? '')).toContain('kept-marker-33');
  // A new document (not a same-page hash change), as when someone opens the link.
  await page.goto('about:blank');
  await open(page, '/playground/#s=1.not-really-data');
  await expect(page.locator('[data-pg="notice"]')).toContainText('This share link could not be opened');
  await expect(page.locator('#pg-code')).toHaveValue(/kept-marker-33/);
});

test('a reload keeps edits', async ({ page }) => {
  await open(page);
  await setCode(page, 'export const handler = async () => ({ statusCode: 200, body: "reload-marker-5" });');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('lambda-triage:playground:scratch') ?? '')).toContain('reload-marker-5');
  await page.reload();
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 20_000 });
  await expect(page.locator('#pg-code')).toHaveValue(/reload-marker-5/);
  await expect(response(page)).toContainText('200');
});

test('Reset asks first, in the page\'s own dialog, then returns to the starting code', async ({ page }) => {
  const native: string[] = [];
  page.on('dialog', (d) => {
    native.push(d.message());
    void d.dismiss();
  });
  await open(page);
  await setCode(page, 'export const handler = async () => ({ statusCode: 200, body: "reset-marker" });');
  await page.getByRole('button', { name: 'Reset' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the playground?' });
  await expect(dialog).toBeVisible();
  // Escape keeps the work and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Reset' })).toBeFocused();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('reset-marker');
  await page.getByRole('button', { name: 'Reset' }).click();
  await dialog.getByRole('button', { name: 'Reset' }).click();
  expect(native).toEqual([]);
  await expect(page.locator('.monaco-editor .view-lines')).not.toContainText('reset-marker');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Edit me');
});

test('keyboard only: reach the editor, edit, run with Ctrl+Enter, and leave with Escape then Tab', async ({ page }) => {
  await open(page);
  await page.getByRole('tab', { name: 'Handler' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'index.mjs', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add file' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Examples')).toBeFocused();
  await page.keyboard.press('Tab');
  // Focus entering the code area loads Monaco and moves focus into it.
  await expect(page.locator('.monaco-editor.focused')).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('export const handler = async () => ({ statusCode: 201, body: "made" });');
  const before = await summary(page).textContent();
  await page.keyboard.press('Control+Enter');
  await expect(summary(page)).not.toHaveText(before ?? '');
  await expect(response(page)).toContainText('201');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const inEditor = await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
  expect(inEditor).toBe(false);
  // And the Run button works from the keyboard.
  await page.getByRole('button', { name: 'Run', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(response(page)).toContainText('201');
});

test('Monaco marks syntax errors and completes the Lambda context from @types/aws-lambda', async ({ page }) => {
  await open(page);
  // The starting code types the handler with JSDoc; add a line inside it and ask for completions.
  await page.locator('[data-pg="code-area"]').click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('context');
  await page.keyboard.type('.getR');
  await expect(page.locator('.monaco-editor .suggest-widget')).toContainText('getRemainingTimeInMillis', { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await setCode(page, 'export const handler = async () => { return (; };');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached({ timeout: 20_000 });
  // The simulator agrees: the run fails at init with a syntax error.
  await runAndWait(page);
  await expect(summary(page)).toContainText('UserCodeSyntaxError');
});

test('the request tab validates JSON and refuses to run a broken request, keeping the text', async ({ page }) => {
  await open(page);
  await setEditorText(page, 'Request', '{ "method": "GET", "path": "no-slash" }');
  await expect(page.locator('[data-pg="validation"]')).toContainText('`path` must be a string starting with "/"');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(summary(page)).toContainText('Not run: The request:');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('no-slash');
});

async function setJsonTab(page: Page, tab: string, json: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
  await page.locator('[data-pg="code-area"]').click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(json);
  await expect(page.locator('[data-pg="validation"]')).toContainText('Valid JSON');
}

test('the DynamoDB example reads its seeded item, then a policy without the action gets AccessDenied', async ({ page }) => {
  await open(page);
  // Unedited starter code: loading an example asks nothing.
  await page.getByLabel('Examples').selectOption({ label: 'Reads DynamoDB (needs the policy)' });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await runAndWait(page);
  await expect(response(page)).toContainText('200');
  const diagnosis = resultPanel(page, 'Diagnosis');
  await expect(diagnosis).toContainText('DynamoDB GetItem');
  await setJsonTab(page, 'Policy', '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }] }');
  await runAndWait(page);
  await expect(summary(page)).toContainText('AccessDeniedException');
  await expect(response(page)).toContainText('502');
  await expect(diagnosis).toContainText('IAM implicit deny of dynamodb:GetItem');
});

test('a load run with reserved concurrency charts the five metrics and counts throttles', async ({ page }) => {
  await open(page);
  await page.getByRole('tab', { name: 'Concurrency' }).click();
  await page.getByLabel('Reserved concurrency (empty = unreserved)').fill('1');
  await page.getByLabel('Requests (1–2,000)').fill('40');
  await page.getByLabel('Rate (requests per second)').fill('40');
  await page.getByRole('button', { name: 'Load run' }).click();
  const metrics = resultPanel(page, 'Metrics');
  await expect(metrics).toContainText(/\d+ throttles/, { timeout: 30_000 });
  await expect(metrics.locator('canvas')).toHaveCount(5);
  await expect(summary(page)).toContainText('Load run finished: 40 requests');
  await expect(summary(page)).toContainText('at most 1 running at once');
  // Reserved concurrency 0 throttles a single run too.
  await page.getByLabel('Reserved concurrency (empty = unreserved)').fill('0');
  await runAndWait(page);
  await expect(summary(page)).toContainText('without invoking the function');
  await expect(response(page)).toContainText('500');
});

test('on a touch screen the plain, labelled text box is the editor and it runs', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL!, hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await open(page);
  // First paint shows the highlighted starting code; a tap turns it into the plain text box.
  await expect(page.locator('[data-pg="static-code"]')).toBeVisible();
  await page.locator('[data-pg="static-code"]').tap();
  const box = page.getByRole('textbox', { name: 'Handler code', exact: true });
  await expect(box).toBeFocused();
  await box.fill('export const handler = async () => ({ statusCode: 202, body: "from a phone" });');
  await page.getByRole('button', { name: 'Run', exact: true }).tap();
  await expect(response(page)).toContainText('202');
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  await context.close();
});

test('when Monaco cannot load, the text box stays, says so, and still runs', async ({ page }) => {
  await page.route(/\/_astro\/monaco\.[^/]+\.js$/, (route) => route.abort());
  await open(page);
  await page.locator('[data-pg="static-code"]').click();
  await expect(page.locator('[data-pg="editor-status"]')).toContainText('could not load');
  await expect(page.locator('#pg-code')).toBeVisible();
  await page.locator('#pg-code').fill('export const handler = async () => ({ statusCode: 203, body: "plain" });');
  await page.locator('#pg-code').press('Control+Enter');
  await expect(response(page)).toContainText('203');
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations (${theme} theme)`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await open(page);
    await runAndWait(page, 'Compare front doors');
    // With Monaco loaded too, and the Diagnosis showing findings.
    await setCode(page, 'export const handler = async () => ({ statusCode: 200, body: { not: "a string" } });');
    await runAndWait(page);
    const violations = await axeViolations(page);
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}

test('no horizontal overflow at 390 px, with results and the compare table', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page);
  await runAndWait(page, 'Compare front doors');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('guide pages load neither Monaco nor QuickJS', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto('/guides/timeout/');
  await page.waitForLoadState('networkidle');
  expect(requested.filter((u) => /monaco|editor\.api|quickjs|emscripten|engine\.worker|ts\.worker/.test(u))).toEqual([]);
});
