import { expect, test } from '@playwright/test';

test.describe('the decision tree without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('"502 from API Gateway, Lambda logs show nothing wrong" reaches the response-shape cause in a few clicks', async ({ page }) => {
    await page.goto('/tree/');
    await page.getByRole('link', { name: 'A client got it from API Gateway (REST API or HTTP API)' }).click();
    await page.getByRole('link', { name: '502 Bad Gateway' }).click();
    await page.getByRole('link', { name: /^No: the invocation ran/ }).click();
    await page.getByRole('link', { name: /Malformed Lambda proxy response/ }).click();
    await expect(page).toHaveURL(/\/tree\/malformed-response\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('A response the front door cannot use');
    await expect(page.getByText('Likely cause: Malformed response for the front door')).toBeVisible();
    // Without JavaScript the breadcrumb is the shortest path from the start, with back and restart.
    const trail = page.getByRole('navigation', { name: 'Your answers so far' });
    await expect(trail.getByRole('listitem').first()).toContainText('Where do you see the error?');
    await expect(trail.getByRole('link', { name: 'Start again' })).toHaveAttribute('href', '/tree/');
    await trail.getByRole('link', { name: '← Back' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toContainText('A response the front door cannot use');
  });

  test('the map links every box to its node and marks the current one', async ({ page }) => {
    await page.goto('/tree/timeout-context/');
    await page.getByText('Map of the whole tree').click();
    const current = page.locator('.tree-map a[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute('href', '/tree/timeout-context/');
    const hrefs = await page.locator('.tree-map a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThanOrEqual(25);
    for (const href of new Set(hrefs)) {
      const res = await page.request.get(href!);
      expect(res.status(), href!).toBe(200);
    }
  });
});

test('with JavaScript the breadcrumb shows the answers actually given, and Back follows them', async ({ page }) => {
  await page.goto('/tree/');
  await page.getByRole('link', { name: 'A client got it from API Gateway (REST API or HTTP API)' }).click();
  await page.getByRole('link', { name: '502 Bad Gateway' }).click();
  await page.getByRole('link', { name: /^No: the invocation ran/ }).click();
  await page.getByRole('link', { name: /Malformed Lambda proxy response/ }).click();
  const trail = page.getByRole('navigation', { name: 'Your answers so far' });
  await expect(trail.getByRole('listitem')).toHaveCount(4);
  await expect(trail.getByRole('listitem').nth(1)).toContainText('502 Bad Gateway');
  await trail.getByRole('link', { name: '← Back' }).click();
  await expect(page).toHaveURL(/\/tree\/rest-502-clean\/$/);
  await expect(page.getByRole('navigation', { name: 'Your answers so far' }).getByRole('listitem')).toHaveCount(3);
});
