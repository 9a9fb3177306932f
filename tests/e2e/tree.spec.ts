import { expect, test, type Page } from '@playwright/test';

// The decision tree (/tree/…): the trail shows only answers the visitor gave, a page opened directly lists
// the ways into it (labelled as such), and the map draws each node once, marks exactly the visitor's path
// and opens centred on the current node.

const WALK = [
  ['A client got it from API Gateway (REST API or HTTP API)', 'apigw-status'],
  ['502 Bad Gateway', 'rest-502-function-log'],
  [/^No: the invocation ran/, 'rest-502-clean'],
  [/Malformed Lambda proxy response/, 'malformed-response'],
] as const;

async function walkToMalformed(page: Page) {
  await page.goto('/tree/');
  for (const [answer, next] of WALK) {
    await page.getByRole('link', { name: answer }).first().click();
    await expect(page).toHaveURL(new RegExp(`/tree/${next}/$`));
  }
}

/** Ids of the map's nodes marked as the visitor's path, in drawing order. */
const markedNodes = (page: Page) => page.locator('.tree-map a:has(rect.trail)').evaluateAll((links) => links.map((a) => a.getAttribute('data-node')));

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the API Gateway 502 path reaches the response-shape cause, and the outcome lists its ways in, not an invented trail', async ({ page }) => {
    await walkToMalformed(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('A response the front door cannot use');
    await expect(page.getByText('Likely cause: Malformed response for the front door')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Your answers so far' })).toHaveCount(0);
    const ways = page.getByRole('navigation', { name: 'Ways into this outcome' });
    await expect(ways).toBeVisible();
    // Every question with an answer that leads here: the REST 502 one, the ALB one, the HTTP API one, …
    await expect(ways.getByRole('listitem')).toHaveCount(7);
    await expect(ways).toContainText('LambdaInvalidResponse');
    await expect(ways).toContainText('Execution failed due to configuration error: Malformed Lambda proxy response');
    await expect(ways.getByRole('link', { name: 'Start again' })).toHaveAttribute('href', '/tree/');
    // Question and answer never run together ("…error?A client…").
    for (const text of await ways.getByRole('listitem').allTextContents()) expect(text).toMatch(/\S\s+→ \S/);
    // Nothing on the map is marked as the visitor's path: the static page cannot know it.
    expect(await markedNodes(page)).toEqual([]);
  });

  test('the map draws each node once, links every box and marks the current one', async ({ page }) => {
    await page.goto('/tree/timeout-context/');
    await page.getByText('Map of the whole tree').click();
    const current = page.locator('.tree-map a[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute('href', '/tree/timeout-context/');
    const hrefs = await page.locator('.tree-map a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThanOrEqual(25);
    expect(new Set(hrefs).size, 'one box per node').toBe(hrefs.length);
    for (const href of hrefs) {
      const res = await page.request.get(href!);
      expect(res.status(), href!).toBe(200);
    }
  });
});

test('with JavaScript the trail and the map show exactly the answers given, and Back follows them', async ({ page }) => {
  await walkToMalformed(page);
  const trail = page.getByRole('navigation', { name: 'Your answers so far' });
  await expect(trail.getByRole('listitem')).toHaveCount(4);
  await expect(trail.getByRole('listitem').nth(1)).toContainText('502 Bad Gateway');
  for (const text of await trail.getByRole('listitem').allTextContents()) expect(text).toMatch(/\S\s+→ \S/);
  await expect(page.getByRole('navigation', { name: /Ways into/ })).toHaveCount(0);
  // The map marks the walked route (API Gateway), not the load balancer's or any other way in.
  expect(await markedNodes(page)).toEqual(expect.arrayContaining(['start', 'apigw-status', 'rest-502-function-log', 'rest-502-clean', 'malformed-response']));
  expect((await markedNodes(page)).length).toBe(5);
  const markedEdges = await page.locator('.tree-map path.trail').evaluateAll((paths) => paths.map((p) => `${p.getAttribute('data-from')}>${p.getAttribute('data-to')}`));
  expect(markedEdges.sort()).toEqual(['apigw-status>rest-502-function-log', 'rest-502-clean>malformed-response', 'rest-502-function-log>rest-502-clean', 'start>apigw-status']);

  await trail.getByRole('link', { name: '← Back' }).click();
  await expect(page).toHaveURL(/\/tree\/rest-502-clean\/$/);
  await expect(page.getByRole('navigation', { name: 'Your answers so far' }).getByRole('listitem')).toHaveCount(3);
  expect((await markedNodes(page)).length).toBe(4);

  // The browser's own Back button keeps the visitor's answers too.
  await page.goBack();
  await expect(page).toHaveURL(/\/tree\/malformed-response\/$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/tree\/rest-502-clean\/$/);
  await expect(page.getByRole('navigation', { name: 'Your answers so far' }).getByRole('listitem')).toHaveCount(3);
});

test('an outcome opened directly shows the ways into it, labelled as such, and marks only itself on the map', async ({ page }) => {
  await page.goto('/tree/malformed-response/');
  await expect(page.getByRole('navigation', { name: 'Your answers so far' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Ways into this outcome' })).toBeVisible();
  await expect(page.getByText('Every question and answer that leads to this page.')).toBeVisible();
  expect(await markedNodes(page)).toEqual(['malformed-response']);
});

test('an outcome answers on its first screen: the likely cause and its guide come before the ways in', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/tree/malformed-response/');
  await expect(page.getByText('Likely cause: Malformed response for the front door')).toBeInViewport();
  await expect(page.getByRole('link', { name: /^Read the guide:/ })).toBeInViewport();
  // The ways in follow the outcome in reading order, not only on screen.
  const order = await page.evaluate(() => {
    const cause = document.querySelector('section[aria-labelledby="outcome"]');
    const ways = document.querySelector('nav[data-kind="ways-in"]');
    return cause && ways ? cause.compareDocumentPosition(ways) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
  });
  expect(order).toBeGreaterThan(0);
});

for (const width of [1280, 390]) {
  test(`the map opens centred on the current node at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.goto('/tree/alb-502/');
    await page.getByText('Map of the whole tree').click();
    const map = page.locator('tree-map');
    await expect(map).toHaveAttribute('data-centred', 'true');
    const view = (await map.boundingBox())!;
    const box = (await page.locator('.tree-map a[aria-current="page"] rect').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    expect(Math.abs(cx - (view.x + view.width / 2))).toBeLessThan(view.width / 4);
    expect(cy).toBeGreaterThan(view.y);
    expect(cy).toBeLessThan(view.y + view.height);
    // The text outline is offered next to the map.
    await expect(page.getByRole('link', { name: 'read the tree as text' })).toBeVisible();
  });
}
