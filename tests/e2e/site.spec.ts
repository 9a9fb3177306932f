import { expect, test } from '@playwright/test';
import { axeViolations, codeBlocksSettled, watchPage } from './support/page-checks.ts';
import { sweptPaths } from './support/swept-pages.ts';

/** Crawls internal links from the landing page; returns every reachable page path. */
async function crawl(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const seen = new Set<string>(['/']);
  const queue = ['/'];
  while (queue.length) {
    const path = queue.shift()!;
    const res = await request.get(path);
    expect(res.status(), `GET ${path}`).toBe(200);
    const html = await res.text();
    for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"#?]*)[^"]*"/g)) {
      if (!href || !href.startsWith('/') || href.startsWith('//')) continue;
      if (/\.(xml|svg|png|txt|json)$/.test(href)) continue;
      if (!seen.has(href)) {
        seen.add(href);
        queue.push(href);
      }
    }
  }
  return [...seen].sort();
}

test('the landing page renders without console errors and links to guides', async ({ page, baseURL }) => {
  const watch = watchPage(page, baseURL!);
  await page.goto('/');
  await expect(page).toHaveTitle(/Lambda Triage/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lambda Triage' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'How a Lambda 500 happens' }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(watch.consoleErrors).toEqual([]);
});

test('every page reachable from the landing page answers 200; those the axe sweep does not open load without errors or outside requests', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const paths = await crawl(request);
  expect(paths).toContain('/guides/how-a-lambda-500-happens/');
  // Every guide and tree node is opened by a11y-sweep.spec.ts with the same two checks: only the rest here.
  const rest = paths.filter((p) => !sweptPaths.has(p));
  expect(rest.length).toBeLessThan(paths.length);
  expect(rest).toContain('/');
  const watch = watchPage(page, baseURL!);
  for (const path of rest) await page.goto(path, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.externalRequests).toEqual([]);
});

test('an unknown address answers 404 with the site\'s not-found page', async ({ request }) => {
  const res = await request.get('/no-such-page/');
  expect(res.status()).toBe(404);
  expect(await res.text()).toContain('Page not found');
});

test('a :::note aside in a guide renders as a Starlight aside', async ({ page }) => {
  await page.goto('/guides/how-a-lambda-500-happens/');
  const note = page.locator('aside.starlight-aside--note');
  await expect(note).toHaveCount(1);
  await expect(note).toContainText('X-Amz-Function-Error: Unhandled');
  // Heading anchors come from the same Markdown processing.
  await expect(page.locator('h2#the-request-path + a.sl-anchor-link, .sl-heading-wrapper a[href="#the-request-path"]')).toHaveCount(1);
});

test('Pagefind search finds a word from a guide', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  const input = page.locator('#starlight__search .pagefind-ui__search-input');
  await input.fill('translation');
  const result = page.locator('.pagefind-ui__result-link').first();
  await expect(result).toBeVisible({ timeout: 10_000 });
  await expect(result).toHaveAttribute('href', /\/guides\/how-a-lambda-500-happens\//);
});

const pageTypes = {
  landing: '/',
  guide: '/guides/how-a-lambda-500-happens/',
  'tree start': '/tree/',
  'tree question': '/tree/rest-502-clean/',
  'tree outcome': '/tree/malformed-response/',
  'not found': '/no-such-page/',
};

for (const [name, path] of Object.entries(pageTypes)) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no violations on the ${name} page (${theme})`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      // Expressive Code makes wide code blocks keyboard-scrollable from a debounced script: scan after it ran.
      await codeBlocksSettled(page);
      const violations = await axeViolations(page);
      expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }

  test(`the ${name} page has no horizontal overflow at 390 px`, async ({ page }, info) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    await page.screenshot({ path: info.outputPath(`${name.replace(/\s/g, '-')}-390.png`), fullPage: true });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });
}
