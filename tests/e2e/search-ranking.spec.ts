import { expect, test, type Page } from '@playwright/test';

test.describe.configure({ timeout: 60_000 });
// Tree pages must not bury guides: the map and the text outline (every node's label on every tree page)
// are left out of the search index, so a question page matches only its own question and answers.

async function results(page: Page, query: string): Promise<string[]> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.locator('#starlight__search .pagefind-ui__search-input').fill(query);
  await expect(page.locator('.pagefind-ui__message')).toContainText(query, { timeout: 10_000 });
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 10_000 });
  return (await page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname)));
}

const cases: [string, string][] = [
  ['LambdaInvalidResponse', '/guides/malformed-response/'],
  ['Sandbox.Timedout', '/guides/timeout/'],
  ['Runtime.HandlerNotFound', '/guides/init-failure/'],
];

for (const [query, guide] of cases) {
  test(`"${query}" lists its guide first, above any tree page`, async ({ page }) => {
    const found = await results(page, query);
    expect(found[0]).toBe(guide);
  });
}

test('the map, the outline and the ways-in list of a tree page are left out of the search index', async ({ page }) => {
  // Before, every tree page carried every node's label (map and outline), so a question page matched
  // nearly any error string and pushed guides down.
  await page.goto('/tree/timeout/');
  await expect(page.locator('tree-map')).toHaveAttribute('data-pagefind-ignore', 'all');
  await expect(page.locator('.tree-outline')).toHaveAttribute('data-pagefind-ignore', 'all');
  await expect(page.locator('nav.trail')).toHaveAttribute('data-pagefind-ignore', 'all');
  // What stays indexed is the node itself.
  const body = page.locator('[data-pagefind-body]');
  await expect(body).toContainText('Likely cause');
});
