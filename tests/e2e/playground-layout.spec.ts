import { expect, test, type Browser, type Page } from '@playwright/test';
import type { PlaygroundState } from '../../src/playground/state.ts';
import { openShared, setCode, sharePath, waitForFirstResult } from './support/playground.ts';

// The playground as a REPL: layout at a laptop and a phone width, results in tabs, the result in view
// after Run, no stale result, request ids per function, the page's own dialog, the highlighted first
// paint, TypeScript and several files (real Chromium, the real worker and QuickJS).

const summary = (page: Page) => page.locator('[data-pg="summary"]');
const logsText = (page: Page) => page.locator('#pg-rpanel-logs').textContent();

/** Fail the test if the page opens a native dialog (confirm, alert, prompt). */
function refuseNativeDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

async function open(page: Page): Promise<void> {
  await page.goto('/playground/');
  await waitForFirstResult(page);
}

async function runAndWait(page: Page): Promise<void> {
  const before = await summary(page).textContent();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(summary(page)).not.toHaveText(before ?? '', { timeout: 20_000 });
}

/** The Lambda request id of the last run, from its START line. */
async function lambdaRequestId(page: Page): Promise<string> {
  // Hidden result tabs are drawn just after the open one; the results are aria-busy until all have it.
  await expect(page.locator('[data-pg="results"]')).toHaveAttribute('aria-busy', 'false');
  const text = (await logsText(page)) ?? '';
  const id = /START RequestId: ([0-9a-f-]{36})/.exec(text)?.[1];
  expect(id, text.slice(0, 200)).toBeTruthy();
  return id!;
}

async function requestIdOfShared(browser: Browser, baseURL: string, state: Partial<PlaygroundState>): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await openShared(page, state);
  const id = await lambdaRequestId(page);
  await context.close();
  return id;
}

test.describe.configure({ mode: 'parallel' });

test('1280 × 800: editor and results side by side, the settings that cause 500s above the editor, results in tabs', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page);
  const editor = await page.locator('[data-pg="code-area"]').boundingBox();
  const results = await page.locator('[data-pg="results"]').boundingBox();
  expect(editor && results).toBeTruthy();
  // Side by side: the results start to the right of the editor, at about the same height.
  expect(results!.x).toBeGreaterThanOrEqual(editor!.x + editor!.width);
  expect(results!.y).toBeLessThan(editor!.y);
  // The summary and the Response are in the first screen.
  await expect(page.locator('#pg-rpanel-response')).toBeInViewport();
  await expect(page.locator('#pg-rpanel-response')).toContainText('200');
  // Front door, runtime, language, timeout and memory are visible without opening a tab.
  for (const label of ['Front door', 'Runtime', 'Language', 'Timeout (s)', 'Memory (MB)']) await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  // Results are tabs: one panel at a time, arrow keys move between them.
  const tabs = page.getByRole('tablist', { name: 'Results' }).getByRole('tab');
  await expect(tabs).toHaveText(['Response', 'Diagnosis', 'Logs', 'Timeline', 'Metrics']);
  await expect(page.getByRole('tabpanel', { name: 'Logs' })).toBeHidden();
  await page.getByRole('tab', { name: 'Response', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Logs', exact: true })).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Logs' })).toContainText('REPORT RequestId:');
  await expect(page.getByRole('tabpanel', { name: 'Response' })).toBeHidden();
  // The page stays shorter than the old 2,600 px column.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(1800);
});

test('390 × 844: one column without horizontal overflow, and Run brings the result into view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // No first run yet: on a phone it waits for the results to come into view (or for Run, pressed below).
  await page.goto('/playground/');
  await page.locator('lt-playground[data-ready="true"]').waitFor({ state: 'attached' });
  const editor = await page.locator('[data-pg="code-area"]').boundingBox();
  const results = await page.locator('[data-pg="results"]').boundingBox();
  expect(results!.y).toBeGreaterThan(editor!.y + editor!.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.getByLabel('Memory (MB)', { exact: true }).fill('256');
  await expect(page.locator('[data-pg="summary-box"]')).not.toBeInViewport();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(summary(page)).toContainText('answered 200', { timeout: 20_000 });
  await expect(page.locator('[data-pg="summary-box"]')).toBeInViewport({ timeout: 5_000 });
  // The timeline fits the phone: no scrolling sideways, and a 1 ms run is still a visible bar.
  await page.getByRole('tab', { name: 'Timeline', exact: true }).click();
  const chart = page.locator('.pg-timeline');
  await expect(chart).toBeVisible();
  const box = await chart.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  const invocation = page.locator('.pg-timeline rect.pg-tl-invoke');
  const width = await invocation.evaluate((r) => r.getBoundingClientRect().width);
  expect(width).toBeGreaterThanOrEqual(3);
});

test('on a phone the first run waits until the results come into view; Run before that runs once', async ({ page }) => {
  // Lighthouse's phone (412 × 823): the results sit below the editor, so nothing of the engine loads at first.
  await page.setViewportSize({ width: 412, height: 823 });
  const engine: string[] = [];
  page.on('request', (r) => {
    if (/engine\.worker|\.wasm$/.test(r.url())) engine.push(r.url());
  });
  await page.goto('/playground/');
  await page.locator('lt-playground[data-ready="true"]').waitFor({ state: 'attached' });
  await expect(summary(page)).toHaveText('The first run starts when the results come into view, or press Run.');
  await expect(page.locator('[data-pg="results"]')).toHaveAttribute('aria-busy', 'false');
  await page.waitForTimeout(500);
  expect(engine).toEqual([]);
  await expect(page.locator('lt-playground')).not.toHaveAttribute('data-first-result', 'true');
  // Scrolling to the results starts the run, as a reader would expect.
  await page.locator('[data-pg="results"]').scrollIntoViewIfNeeded();
  await expect(summary(page)).toContainText('answered 200', { timeout: 20_000 });
  expect(engine.length).toBeGreaterThan(0);

  // A second page: Run pressed before scrolling runs once, and scrolling later starts no second run.
  const other = await page.context().newPage();
  await other.setViewportSize({ width: 412, height: 823 });
  await other.goto('/playground/');
  await other.locator('lt-playground[data-ready="true"]').waitFor({ state: 'attached' });
  await other.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(summary(other)).toContainText('answered 200', { timeout: 20_000 });
  const requestId = await other.locator('#pg-rpanel-logs').textContent();
  await other.locator('[data-pg="results"]').scrollIntoViewIfNeeded();
  await other.waitForTimeout(1_000);
  expect(await other.locator('#pg-rpanel-logs').textContent()).toBe(requestId);
  await other.close();
});

test('no stale truth: invalid memory or broken JSON refuses the run and marks the previous result', async ({ page }) => {
  await open(page);
  await expect(page.locator('#pg-rpanel-response')).toContainText('200');
  const stale = page.locator('[data-pg="stale"]');
  await expect(stale).toBeHidden();
  await page.getByLabel('Memory (MB)', { exact: true }).fill('64');
  await expect(page.locator('[data-pg="settings-error"]')).toContainText('Memory must be a whole number from 128 to 10240');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(summary(page)).toContainText('Not run: Memory must be a whole number');
  await expect(stale).toBeVisible();
  await expect(page.locator('[data-pg="results"]')).toHaveAttribute('data-stale', 'true');
  // Fixing the value and running clears the mark.
  await page.getByLabel('Memory (MB)', { exact: true }).fill('256');
  await runAndWait(page);
  await expect(stale).toBeHidden();
  await expect(summary(page)).toContainText('answered 200');
  // Broken request JSON: refused, marked again.
  await page.getByRole('tab', { name: 'Request' }).click();
  await page.locator('[data-pg="code-area"]').click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('{ "method": "GET", ');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(summary(page)).toContainText('Not run: The request is not valid JSON');
  await expect(stale).toBeVisible();
});

test('request ids differ across handlers in fresh environments, and a share link replays its own', async ({ browser, baseURL }) => {
  const a = await requestIdOfShared(browser, baseURL!, { code: 'export const handler = async () => ({ statusCode: 200, body: "a" });' });
  const b = await requestIdOfShared(browser, baseURL!, { code: 'export const handler = async () => ({ statusCode: 200, body: "b" });' });
  const aAgain = await requestIdOfShared(browser, baseURL!, { code: 'export const handler = async () => ({ statusCode: 200, body: "a" });' });
  expect(b).not.toBe(a);
  expect(aAgain).toBe(a);
});

test('examples: unedited code switches without a question; edited code asks in the page\'s own dialog', async ({ page }) => {
  const native = refuseNativeDialogs(page);
  await open(page);
  const examples = page.getByLabel('Examples');
  await examples.selectOption({ label: 'Reads DynamoDB (needs the policy)' });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await setCode(page, 'export const handler = async () => ({ statusCode: 200, body: "my-own-work" });');
  await examples.selectOption({ index: 1 });
  const dialog = page.getByRole('dialog', { name: 'Replace your code?' });
  await expect(dialog).toBeVisible();
  // The safe answer has focus; Enter keeps the code.
  await expect(dialog.getByRole('button', { name: 'Keep my code' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('my-own-work');
  await examples.selectOption({ index: 1 });
  await dialog.getByRole('button', { name: 'Replace my code' }).click();
  await expect(page.locator('.monaco-editor .view-lines')).not.toContainText('my-own-work');
  expect(native).toEqual([]);
});

test('a second question asked before the first one has finished closing is answered by its own buttons', async ({ page }) => {
  await open(page);
  await setCode(page, 'export const handler = async () => ({ statusCode: 200, body: "quick-second-choice" });');
  const examples = page.getByLabel('Examples');
  await examples.selectOption({ index: 1 });
  const dialog = page.getByRole('dialog', { name: 'Replace your code?' });
  await expect(dialog).toBeVisible();
  // "Keep my code", then another example in the same task: the browser has not yet fired the first dialog's `close`.
  await page.evaluate(() => {
    document.querySelector<HTMLButtonElement>('[data-pg="dialog-cancel"]')!.click();
    const select = document.querySelector<HTMLSelectElement>('[data-pg="sample"]')!;
    select.selectedIndex = 1;
    select.dispatchEvent(new Event('change'));
  });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace my code' }).click();
  await expect(page.locator('.monaco-editor .view-lines')).not.toContainText('quick-second-choice');
});

test('first paint shows the starting code highlighted; Monaco replaces it in place on the first click', async ({ page }) => {
  await page.goto('/playground/');
  const staticCode = page.locator('[data-pg="static-code"]');
  await expect(staticCode).toBeVisible();
  await expect(staticCode).toContainText('export const handler = async (event, context) => {');
  // Highlighted: the keywords are coloured spans, not one plain text node.
  expect(await staticCode.locator('pre span[style*="color"]').count()).toBeGreaterThan(10);
  await waitForFirstResult(page);
  // Positions in the document (not the viewport), so a scroll on click does not count as a move.
  const top = (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const before = await top('[data-pg="static-code"]');
  await staticCode.click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await expect(staticCode).toBeHidden();
  expect(Math.abs((await top('[data-pg="editor-host"]')) - before)).toBeLessThan(4);
  await expect(lines).toContainText('Edit me');
});

test('TypeScript: the language switch makes index.mts, types resolve in the editor, and the handler runs', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await page.getByLabel('Language', { exact: true }).selectOption('typescript');
  await expect(page.getByRole('button', { name: 'index.mts', exact: true })).toBeVisible();
  await setCode(page, 'import type { APIGatewayProxyHandler } from "aws-lambda"; export const handler: APIGatewayProxyHandler = async (event) => { const n: number = 41 + 1; return { statusCode: 200, body: `ts-answer-${n}` }; };');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('#pg-rpanel-response')).toContainText('ts-answer-42', { timeout: 20_000 });
  // Monaco's TypeScript service knows the aws-lambda types: a wrong return type is marked as an error.
  await setCode(page, 'import type { APIGatewayProxyResult } from "aws-lambda"; export const handler = async (): Promise<APIGatewayProxyResult> => ({ statusCode: "200", body: 1 });');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached({ timeout: 20_000 });
});

test('two files: index.mjs imports ./lib.mjs, and a share link round-trips both files and TypeScript', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const native = refuseNativeDialogs(page);
  await open(page);
  await page.getByRole('button', { name: 'Add file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a file' });
  await expect(dialog.getByLabel('File name')).toBeFocused();
  // A bad name is refused inside the dialog, with the reason.
  await dialog.getByLabel('File name').fill('../escape.mjs');
  await dialog.getByRole('button', { name: 'Add file' }).click();
  await expect(dialog).toContainText('cannot go up a folder');
  await dialog.getByLabel('File name').fill('lib.mjs');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'lib.mjs', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.locator('[data-pg="code-area"]').click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('export const shout = (s) => `${s.toUpperCase()}-from-lib`;');
  await page.getByRole('button', { name: 'index.mjs', exact: true }).click();
  await setCode(page, 'import { shout } from "./lib.mjs"; export const handler = async () => ({ statusCode: 200, body: shout("two-files") });');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('#pg-rpanel-response')).toContainText('TWO-FILES-from-lib', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.locator('[data-pg="share-url"]').inputValue();
  const other = await browser.newContext({ baseURL: baseURL! });
  const fresh = await other.newPage();
  await fresh.goto(url.replace(baseURL!, ''));
  await waitForFirstResult(fresh);
  await expect(fresh.locator('#pg-rpanel-response')).toContainText('TWO-FILES-from-lib');
  await expect(fresh.getByRole('button', { name: 'lib.mjs', exact: true })).toBeVisible();
  await other.close();

  // A TypeScript handler with a TypeScript helper, through a share link made outside the page.
  const tsPath = await sharePath({
    fileName: 'index.ts',
    code: 'import { twice } from "./util.ts";\nexport const handler = async (): Promise<{ statusCode: number; body: string }> => ({ statusCode: 200, body: `ts-files-${twice(21)}` });\n',
    extraFiles: [
      { name: 'util.ts', text: 'export const twice = (n: number): number => n * 2;\n' },
      { name: 'package.json', text: '{ "type": "module" }\n' },
    ],
  });
  const third = await browser.newContext({ baseURL: baseURL! });
  const tsPage = await third.newPage();
  await tsPage.goto(tsPath);
  await waitForFirstResult(tsPage);
  await expect(tsPage.getByLabel('Language', { exact: true })).toHaveValue('typescript');
  await expect(tsPage.getByRole('button', { name: 'util.ts', exact: true })).toBeVisible();
  await expect(tsPage.locator('#pg-rpanel-response')).toContainText('ts-files-42');
  await third.close();
  expect(native).toEqual([]);
});

test('an old (format 1) share link still opens', async ({ page }) => {
  const json = JSON.stringify({ v: 1, code: 'export const handler = async () => ({ statusCode: 200, body: "format-one" });', memoryMB: 256 });
  const hash = await page.evaluate(async (text) => {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return `s=1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  }, json);
  await page.goto(`/playground/#${hash}`);
  await waitForFirstResult(page);
  await expect(page.locator('#pg-rpanel-response')).toContainText('format-one');
  await expect(page.getByLabel('Memory (MB)', { exact: true })).toHaveValue('256');
});

for (const theme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    test(`screenshot for review: ${theme}, ${width} × ${height}`, async ({ page }, info) => {
      await page.setViewportSize({ width, height });
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await open(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: info.outputPath(`playground-${theme}-${width}.png`), fullPage: width < 500 });
    });
  }
}
