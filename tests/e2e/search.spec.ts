import { expect, test } from '@playwright/test';

// Pasting an exact error string into the site search must land on the page that explains it, first.
const cases: [string, string][] = [
  ['Malformed Lambda proxy response', '/guides/malformed-response/'],
  ['Task timed out after', '/guides/timeout/'],
  ['Runtime.ImportModuleError', '/guides/init-failure/'],
  ['is not authorized to perform', '/guides/access-denied/'],
  ['Endpoint request timed out', '/guides/integration-timeout/'],
  ['Rate Exceeded', '/guides/throttling/'],
];

for (const [query, expected] of cases) {
  test(`searching "${query}" lists ${expected} first`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Search' }).first().click();
    await page.locator('#starlight__search .pagefind-ui__search-input').fill(query);
    // Pagefind searches as you type: wait until the results are those of the whole query.
    await expect(page.locator('.pagefind-ui__message')).toContainText(query, { timeout: 10_000 });
    const first = page.locator('.pagefind-ui__result-link').first();
    await expect(first).toBeVisible({ timeout: 10_000 });
    await expect(first).toHaveAttribute('href', new RegExp(`${expected.replace(/\//g, '\\/')}$`));
  });
}

test('search results can be filtered by cause', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.locator('#starlight__search .pagefind-ui__search-input').fill('timeout');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 10_000 });
  const filters = page.locator('.pagefind-ui__filter-panel');
  // Pagefind fetches each filter's index as a file of its own, so on a busy machine "cause" can arrive seconds
  // after the first results and the other filter.
  await expect(filters).toContainText('cause', { timeout: 15_000 });
});
