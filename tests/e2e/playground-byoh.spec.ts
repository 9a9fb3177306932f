import { expect, test, type Page } from '@playwright/test';
import { openShared, setCode, setEditorText, waitForFirstResult } from './support/playground.ts';

// Bring your own handler, in the browser (issue 14 "Done when"): a TypeScript handler typed into the
// editor, a second file it imports, a TypeScript runtime error whose stack frame points at the .ts line
// the user wrote, and an API Gateway route whose {id} reaches the handler as pathParameters.id.

const response = (page: Page) => page.locator('#pg-rpanel-response');
const logs = (page: Page) => page.locator('#pg-rpanel-logs');

async function open(page: Page): Promise<void> {
  await page.goto('/playground/');
  await waitForFirstResult(page);
}

/** Press Run. The virtual clock makes two runs' summaries identical, so callers wait for their own result text. */
async function run(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

test.describe.configure({ mode: 'parallel' });

test('(a) a TypeScript handler with annotations and import type from aws-lambda answers 200', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await page.getByLabel('Language', { exact: true }).selectOption('typescript');
  await expect(page.getByRole('button', { name: 'index.mts', exact: true })).toBeVisible();
  await setCode(
    page,
    'import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda"; interface Order { id: string; total: number } const order: Order = { id: "o-7", total: 12.5 }; export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => ({ statusCode: 200, body: `byoh-ts ${order.id} ${event.httpMethod}` });',
  );
  await run(page);
  await expect(response(page)).toContainText('byoh-ts o-7 GET', { timeout: 20_000 });
  await expect(response(page)).toContainText('200');
});

test('(b) a second file added in the page is imported by the handler and its value comes back', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await page.getByLabel('Language', { exact: true }).selectOption('typescript');
  await page.getByRole('button', { name: 'Add file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a file' });
  await dialog.getByLabel('File name').fill('prices.ts');
  await dialog.getByRole('button', { name: 'Add file' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'prices.ts', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.locator('[data-pg="code-area"]').click();
  const lines = page.locator('.monaco-editor .view-lines');
  await expect(lines).toBeVisible({ timeout: 20_000 });
  await lines.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('export const withVat = (net: number): number => Math.round(net * 120) / 100;');
  await page.getByRole('button', { name: 'index.mts', exact: true }).click();
  await setCode(page, 'import { withVat } from "./prices.ts"; export const handler = async () => ({ statusCode: 200, body: `gross=${withVat(10)}` });');
  await run(page);
  await expect(response(page)).toContainText('gross=12', { timeout: 20_000 });
});

test('(c) a TypeScript runtime error shows a stack frame at the .ts line the user wrote', async ({ page }) => {
  test.setTimeout(60_000);
  // Multi-line code comes in through a share link (typing newlines goes through Monaco's auto-indent).
  const code = [
    'import type { Handler } from "aws-lambda";',
    'type Item = { sku: string; qty: number };',
    'const parse = (raw: string): Item => JSON.parse(raw) as Item;',
    'export const handler: Handler = async (event: { body?: string }) => {',
    '  const item: Item = parse(event.body ?? "{}");',
    '  if (!item.sku) throw new TypeError(`sku missing in ${JSON.stringify(item)}`);',
    '  return { statusCode: 200, body: item.sku };',
    '};',
    '',
  ].join('\n');
  await openShared(page, { code, fileName: 'index.mts', request: '{ "method": "POST", "path": "/items", "body": "{}" }' });
  await expect(response(page)).toContainText('502');
  await expect(logs(page)).toContainText('TypeError');
  await expect(logs(page)).toContainText('sku missing in {}');
  // Line 6 of index.mts is the throw; column 24 is where `new TypeError` starts in the TypeScript source (V8 points at `new`).
  await expect(logs(page)).toContainText('at Runtime.handler (file:///var/task/index.mts:6:24)');
});

test('(d) a route with {id}: pathParameters.id reaches the handler; a path off the route gets the gateway 403', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await setCode(page, 'export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ id: event.pathParameters?.id ?? null, resource: event.resource }) });');
  // The response panel pretty-prints a JSON body, hence the optional spaces in the patterns below.
  await setEditorText(page, 'Request', '{ "route": "GET /items/{id}", "path": "/items/a%20b" }');
  await run(page);
  await expect(response(page)).toContainText(/"id":\s*"a b"/, { timeout: 20_000 });
  await expect(response(page)).toContainText('200');
  await expect(response(page)).toContainText(/"resource":\s*"\/items\/\{id\}"/);
  // Same route, a path without the {id} segment: REST answers itself, the function does not run.
  await setEditorText(page, 'Request', '{ "route": "GET /items/{id}", "path": "/items" }');
  await run(page);
  await expect(response(page)).toContainText('Missing Authentication Token', { timeout: 20_000 });
  await expect(response(page)).toContainText('403');
  await expect(page.locator('[data-pg="summary"]')).toContainText('answered 403 without invoking the function: the request matches no API Gateway route');
});
