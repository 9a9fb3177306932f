import type { Page } from '@playwright/test';
import { expect, test } from './support/python-context.ts';
import type { PlaygroundState } from '../../src/playground/state.ts';
import { sharePath } from './support/playground.ts';
import { HANDLER_SAMPLES } from '../../src/playground/samples.ts';
import { PYODIDE_BROWSER_FILES } from '../../src/worker/pyodide-files.ts';
import { SNAPSHOT_CACHE_NAME } from '../../src/worker/pyodide-snapshot-cache.ts';

// Python handlers in the playground: real Chromium, the real worker, Pyodide from this site's own copy.

const summary = (page: Page) => page.locator('[data-pg="summary"]');
const response = (page: Page) => page.locator('#pg-rpanel-response');
const logs = (page: Page) => page.locator('#pg-rpanel-logs');
const PY: Partial<PlaygroundState> = { runtime: 'python3.13', fileName: 'lambda_function.py', handlerExport: 'lambda_handler' };
const sample = (id: string) => HANDLER_SAMPLES.find((s) => s.id === id)!.code;

/** Record every text the progress line shows (the "Loading Python" notice is brief once Pyodide is cached). */
async function recordProgress(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __progress: string[] }).__progress = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-pg="progress"]')?.textContent ?? '';
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

async function openPython(page: Page, state: Partial<PlaygroundState>): Promise<void> {
  const path = await sharePath({ ...PY, ...state });
  // Why about:blank first: from /playground/ a new hash alone would not load the page again.
  await page.goto('about:blank');
  await page.goto(path);
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 60_000 });
}

async function runAndWait(page: Page): Promise<void> {
  const before = await summary(page).textContent();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(summary(page)).not.toHaveText(before ?? '', { timeout: 30_000 });
}

test.describe.configure({ mode: 'parallel' });

test('the KeyError sample: 500 through the HTTP API with the [ERROR] record, fixed with .get() → 200; Pyodide comes from this site', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await recordProgress(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openPython(page, { code: sample('py-keyerror'), frontDoor: 'http-api-v2', request: '{ "method": "POST", "path": "/orders" }' });
  await expect(response(page)).toContainText('500');
  await expect(logs(page)).toContainText("[ERROR] KeyError: 'body'");
  await expect(logs(page)).toContainText('File "/var/task/lambda_function.py", line');
  expect(await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress)).toContain('Loading Python (≈ 6 MB, first time only)…');
  // Every Pyodide file from this origin, under pyodide/<version>/; nothing from a CDN.
  const pyodide = requests.filter((u) => /pyodide/.test(u));
  for (const name of PYODIDE_BROWSER_FILES) expect(pyodide.some((u) => u.startsWith(`${baseURL}/pyodide/`) && u.endsWith(`/${name}`))).toBe(true);
  expect(requests.filter((u) => !u.startsWith(baseURL!) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);

  // REST gives the body as None instead: json.loads(None) is a TypeError, and REST answers 502.
  await page.getByLabel('Front door', { exact: true }).selectOption('apigw-rest');
  await runAndWait(page);
  await expect(response(page)).toContainText('502');
  await expect(logs(page)).toContainText('[ERROR] TypeError');

  // The fix, typed through the editor: a missing body is an empty order.
  await page.getByLabel('Front door', { exact: true }).selectOption('http-api-v2');
  await page.locator('[data-pg="code-area"]').click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText("import json\ndef lambda_handler(event, context):\n    return {'statusCode': 200, 'body': json.dumps(json.loads(event.get('body') or '{}'))}\n");
  await runAndWait(page);
  await expect(response(page)).toContainText('200');
  await expect(summary(page)).toContainText('answered 200');
});

test('switching the runtime to Python and back keeps both handlers; a share link round-trips Python', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/playground/');
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 30_000 });
  // Keyboard only: focus the runtime select and choose Python with the keys.
  await page.getByLabel('Runtime', { exact: true }).focus();
  await page.keyboard.press('End');
  await expect(page.getByLabel('Runtime', { exact: true })).toHaveValue('python3.14');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Language', { exact: true })).toHaveValue('python');
  await expect(page.getByRole('button', { name: 'lambda_function.py' })).toBeVisible();
  await expect(page.locator('[data-pg="code-note"]')).toContainText('lambda_function.lambda_handler');
  await expect(page.locator('[data-pg="static-code"] [data-static-lang="python"]')).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(response(page)).toContainText('200', { timeout: 60_000 });
  await expect(summary(page)).toContainText('answered 200');
  await expect(logs(page)).toContainText('path /orders/42');

  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.locator('[data-pg="share-url"]').inputValue();
  // Back to Node.js: the starter comes back, and the Python starter is kept for the next switch.
  await page.getByLabel('Language', { exact: true }).selectOption('javascript');
  await expect(page.getByLabel('Runtime', { exact: true })).toHaveValue('nodejs22.x');
  await expect(page.getByRole('button', { name: 'index.mjs' })).toBeVisible();
  await page.getByLabel('Language', { exact: true }).selectOption('python');
  await expect(page.getByLabel('Runtime', { exact: true })).toHaveValue('python3.12');

  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 60_000 });
  await expect(other.getByLabel('Runtime', { exact: true })).toHaveValue('python3.12');
  await expect(other.getByRole('button', { name: 'lambda_function.py' })).toBeVisible();
  await expect(other.locator('#pg-rpanel-response')).toContainText('200');
});

test('the Decimal sample: json.dumps of a DynamoDB item is a TypeError (502)', async ({ page }) => {
  test.setTimeout(120_000);
  await openPython(page, { code: sample('py-decimal') });
  await expect(response(page)).toContainText('502');
  await expect(logs(page)).toContainText('Object of type Decimal is not JSON serializable');
});

test('a Python scenario: the broken handler fails, the solution passes "Check my fix"', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/playground/?scenario=py-cancel-without-body');
  await expect(page.locator('lt-playground[data-first-result="true"]')).toBeAttached({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'lambda_function.py' })).toBeVisible();
  await expect(page.getByLabel('Runtime', { exact: true })).toHaveValue('python3.13');
  // The automatic first run reproduces the failure.
  await expect(response(page)).toContainText('500');
  await expect(logs(page)).toContainText("[ERROR] KeyError: 'body'");
  const verdict = page.locator('[data-sc="verdict"]');
  await page.getByRole('button', { name: 'Check my fix' }).click();
  await expect(verdict).toContainText('Not fixed yet', { timeout: 120_000 });
  await expect(page.locator('[data-sc="failure-status"]')).toHaveText('500');
  await page.getByRole('button', { name: 'Show solution' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Show solution', exact: true }).click();
  await page.getByRole('button', { name: 'Use the solution' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Use the solution', exact: true }).click();
  await page.getByRole('button', { name: 'Check my fix' }).click();
  await expect(verdict).toContainText('Solved', { timeout: 120_000 });
});

test('the timeout and datetime samples: Task timed out after 3.00 seconds (REST 502), a datetime result is Runtime.MarshalError', async ({ page }) => {
  test.setTimeout(120_000);
  await openPython(page, { code: sample('py-timeout') });
  await expect(summary(page)).toContainText('Task timed out after 3.00 seconds');
  await expect(response(page)).toContainText('502');
  await openPython(page, { code: sample('py-datetime'), frontDoor: 'invoke' });
  await expect(logs(page)).toContainText('Runtime.MarshalError');
  await expect(logs(page)).toContainText('Unable to marshal response: Object of type datetime is not JSON serializable');
});

/** Size and first two bytes of the stored start-up snapshot in this page's Cache Storage, or null. */
async function storedSnapshot(page: Page): Promise<{ bytes: number; magic: number[] } | null> {
  return page.evaluate(async (name) => {
    const cache = await caches.open(name);
    const hit = await cache.match(new URL('/pyodide/startup-snapshot', location.origin).href);
    if (!hit) return null;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    return { bytes: bytes.length, magic: [bytes[0] ?? -1, bytes[1] ?? -1] };
  }, SNAPSHOT_CACHE_NAME);
}

test('Python start-up is kept for the next visit: the snapshot is stored compressed, a damaged one is replaced', async ({ page }) => {
  test.setTimeout(120_000);
  await openPython(page, { code: sample('py-starter'), frontDoor: 'invoke' });
  await expect(summary(page)).toContainText('returned in');
  // gzip (1f 8b) of ≈ 31 MB of wasm memory: a few MB. Written in the background after the first start.
  await expect.poll(() => storedSnapshot(page), { timeout: 30_000 }).toMatchObject({ magic: [0x1f, 0x8b] });
  const stored = (await storedSnapshot(page))!;
  expect(stored.bytes).toBeGreaterThan(1_000_000);
  expect(stored.bytes).toBeLessThan(16_000_000);

  // Damaged bytes in the entry: the next visit still runs Python (a normal start) and stores a good snapshot again.
  await page.evaluate(async (name) => {
    const cache = await caches.open(name);
    await cache.put(new URL('/pyodide/startup-snapshot', location.origin).href, new Response(new Uint8Array([1, 2, 3])));
  }, SNAPSHOT_CACHE_NAME);
  const next = await page.context().newPage();
  await openPython(next, { code: sample('py-starter'), frontDoor: 'invoke' });
  await expect(summary(next)).toContainText('returned in');
  await expect.poll(() => storedSnapshot(next), { timeout: 30_000 }).toMatchObject({ magic: [0x1f, 0x8b] });
  // And a visit with the replaced entry in place runs Python (that it restores rather than starts is shown with a fake
  // Pyodide in tests/worker/pyodide-snapshot-cache.test.ts).
  const third = await page.context().newPage();
  await openPython(third, { code: sample('py-starter'), frontDoor: 'invoke' });
  await expect(summary(third)).toContainText('returned in');
});
