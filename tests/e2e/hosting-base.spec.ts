import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import sirv from 'sirv';
import { readSiteHeaders } from '../../scripts/headers.mjs';
import { hashSiteSources, REPO } from '../../scripts/site-build.mjs';
import { BASE_PATH_ENV } from '../../src/utils/paths.ts';
import { waitForFirstResult } from './support/playground.ts';

// These tests exercise the offline service worker, which playwright.config.ts blocks everywhere else.
test.use({ serviceWorkers: 'allow' });

// The site built with a base path (as on GitHub Pages: https://<user>.github.io/lambda-triage/) and served
// only under that prefix: every page type must load with no request outside the prefix, no failed request
// and no console error, and every site link on it must resolve.

/** The prefix this test builds and serves under. */
const PREFIX = '/lambda-triage/';
/** The build with the base, beside dist/ (ignored by git). */
const OUT_DIR = join(REPO, 'dist-base');
/** Which sources dist-base/ was built from (outside the served folder). */
const RECORD = join(REPO, 'node_modules', '.cache', 'lambda-triage', 'site-build-base.json');
/** A build on 2 busy CPUs takes 2 to 4 minutes. */
const BUILD_TIMEOUT_MS = 10 * 60_000;

/** Builds the site with the base into dist-base/ unless it already holds a build of these sources. */
async function ensureBaseBuild(): Promise<void> {
  const hash = `${PREFIX}:${hashSiteSources()}`;
  try {
    if (existsSync(join(OUT_DIR, 'index.html')) && JSON.parse(readFileSync(RECORD, 'utf8')).hash === hash) return;
  } catch {
    // No record: build.
  }
  const node = existsSync(join(REPO, 'node_modules/.bin/node')) ? join(REPO, 'node_modules/.bin/node') : process.execPath;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(node, [join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', OUT_DIR], {
      cwd: REPO,
      env: { ...process.env, [BASE_PATH_ENV]: PREFIX },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`The build with ${BASE_PATH_ENV}=${PREFIX} failed:\n${output.join('').slice(-4000)}`);
  mkdirSync(join(RECORD, '..'), { recursive: true });
  writeFileSync(RECORD, JSON.stringify({ hash }));
}

/** Requests that reached the server outside the prefix (a link or asset that ignored the base). */
const outside: string[] = [];

/** A static server for dist-base/ that answers only under {@link PREFIX}, as GitHub Pages would. */
function servePrefixed(): Promise<{ server: Server; origin: string }> {
  const headers = readSiteHeaders(OUT_DIR);
  const assets = sirv(OUT_DIR, { dev: false, extensions: ['html'] });
  const notFound = (res: import('node:http').ServerResponse) => {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(OUT_DIR, '404.html')));
  };
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value as string);
    const url = new URL(req.url ?? '/', 'http://local');
    if (!url.pathname.startsWith(PREFIX)) {
      outside.push(url.pathname);
      return notFound(res);
    }
    req.url = `/${url.pathname.slice(PREFIX.length)}${url.search}`;
    assets(req, res, () => notFound(res));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, origin: `http://localhost:${typeof address === 'object' && address ? address.port : 0}` });
    });
  });
}

let served: { server: Server; origin: string };
/** Site links seen on visited pages, checked once each. */
const checkedLinks = new Set<string>();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(BUILD_TIMEOUT_MS);
  await ensureBaseBuild();
  served = await servePrefixed();
});

test.afterAll(async () => {
  await new Promise((resolve) => served?.server.close(resolve));
});

/** The problems recorded for each page (one set of listeners per page). */
const recorded = new WeakMap<Page, string[]>();

/** Records failed requests, HTTP errors and console errors while a page is used. */
function watch(page: Page, allowedStatus404: string[] = []) {
  const known = recorded.get(page);
  if (known) return known;
  const problems: string[] = [];
  recorded.set(page, problems);
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // A load cancelled because the test navigated on (net::ERR_ABORTED) is not a hosting fault; a file missing
  // under the base shows up as a 404 response below.
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`failed: ${req.url()} ${reason}`);
  });
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (res.status() >= 400 && !allowedStatus404.includes(path)) problems.push(`${res.status()}: ${res.url()}`);
  });
  return problems;
}

/** Every root-relative URL in the page's links, scripts, styles, images and forms starts with the prefix; returns the site links. */
async function checkPageUrls(page: Page): Promise<string[]> {
  const urls = await page.evaluate(() =>
    [...document.querySelectorAll('[href], [src], form[action]')].map(
      (el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action') ?? '',
    ),
  );
  const rootRelative = urls.filter((u) => u.startsWith('/') && !u.startsWith('//'));
  expect(rootRelative.filter((u) => !u.startsWith(PREFIX)), 'root-relative URLs without the base').toEqual([]);
  return rootRelative;
}

/** Each site link of the page not yet checked answers with a page (no 404). */
async function checkLinksResolve(page: Page, links: string[]): Promise<void> {
  const bad: string[] = [];
  for (const link of links) {
    const path = link.split('#')[0]!;
    if (path === '' || checkedLinks.has(path)) continue;
    checkedLinks.add(path);
    const res = await page.request.get(`${served.origin}${path}`, { maxRedirects: 0 });
    if (res.status() >= 400) bad.push(`${res.status()} ${path}`);
  }
  expect(bad, 'site links that do not resolve').toEqual([]);
}

/** Opens a page under the prefix, checks its URLs and links, and returns the problems seen so far. */
async function open(page: Page, path: string): Promise<string[]> {
  const problems = watch(page);
  const res = await page.goto(`${served.origin}${PREFIX}${path}`);
  expect(res?.status(), `${PREFIX}${path}`).toBe(200);
  await page.waitForLoadState('load');
  await checkLinksResolve(page, await checkPageUrls(page));
  return problems;
}

test.afterEach(() => {
  expect(outside, 'requests outside the base path').toEqual([]);
});

test('landing page: links, hero actions and assets under the base', async ({ page }) => {
  const problems = await open(page, '');
  await expect(page.getByRole('link', { name: 'Find the cause' }).first()).toHaveAttribute('href', `${PREFIX}tree/`);
  expect(problems).toEqual([]);
});

test('guide: Markdown and LinkCard links carry the base', async ({ page }) => {
  const problems = await open(page, 'guides/front-doors/');
  await expect(page.locator('.sl-markdown-content a[href="/guides/api-gateway/"]')).toHaveCount(0);
  await expect(page.locator(`.sl-markdown-content a[href="${PREFIX}guides/api-gateway/"]`).first()).toBeAttached();
  await open(page, 'guides/timeout/');
  expect(problems).toEqual([]);
});

test('decision tree: question, answer, outcome and map', async ({ page }) => {
  const problems = await open(page, 'tree/');
  await expect(page.locator('.tree-map a').first()).toHaveAttribute('href', new RegExp(`^${PREFIX}tree/`));
  await page.locator('ul.answers a[data-next]').first().click();
  await expect(page).toHaveURL(new RegExp(`${PREFIX}tree/[^/]+/$`));
  await page.waitForLoadState('load');
  await open(page, 'tree/malformed-response/');
  await expect(page.getByRole('link', { name: /^Read the guide/ })).toHaveAttribute('href', `${PREFIX}guides/malformed-response/`);
  expect(problems).toEqual([]);
});

test('playground: the engine worker and QuickJS load under the base, a run completes and the share link keeps the base', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  const problems = await open(page, 'playground/');
  await waitForFirstResult(page);
  // The engine worker (a module worker) and the QuickJS wasm it loads both come from under the base.
  expect(requested.filter((p) => p.endsWith('.wasm')), 'QuickJS wasm').toEqual([expect.stringMatching(new RegExp(`^${PREFIX}`))]);
  expect(requested.some((p) => /engine\.worker.*\.js$/.test(p)), 'engine worker').toBe(true);
  // A scenario reads its JSON from under the base.
  await open(page, 'playground/?scenario=callback-open-timer');
  const links = page.locator('.pg-sc-links a');
  await expect(links).toHaveCount(3);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) expect(href).toMatch(new RegExp(`^${PREFIX}`));
  await checkLinksResolve(page, await checkPageUrls(page));
  expect(problems).toEqual([]);
});

test('analyzer: finds a cause and links to the guide under the base', async ({ page }) => {
  const problems = await open(page, 'analyze/');
  await page.getByLabel('Logs or error response').fill('2026-01-01T00:00:03.000Z abc Task timed out after 3.00 seconds');
  await page.getByRole('button', { name: 'Analyze', exact: true }).click();
  const guide = page.locator('.cause-card').first().getByRole('link', { name: /^Guide:/ });
  await expect(guide).toHaveAttribute('href', new RegExp(`^${PREFIX}guides/`));
  await checkLinksResolve(page, await checkPageUrls(page));
  expect(problems).toEqual([]);
});

test('onboarding and drill pages', async ({ page }) => {
  const problems = await open(page, 'onboarding/');
  await open(page, 'onboarding/drill/');
  await expect(page.locator('form[method="get"]').first()).toHaveAttribute('action', `${PREFIX}onboarding/drill/`);
  expect(problems).toEqual([]);
});

test('search: Pagefind loads under the base and its results link under it', async ({ page }) => {
  const problems = await open(page, '');
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.locator('#starlight__search .pagefind-ui__search-input').fill('Task timed out after');
  const first = page.locator('.pagefind-ui__result-link').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  await expect(first).toHaveAttribute('href', new RegExp(`^${PREFIX}guides/`));
  expect(problems).toEqual([]);
});

test('offline copy: the service worker is scoped to the base and precaches only URLs under it', async ({ page }) => {
  const problems = await open(page, '');
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'), { timeout: 60_000 })
    .toBe('activated');
  const { scope, cached } = await page.evaluate(async () => ({
    scope: (await navigator.serviceWorker.getRegistration())?.scope,
    cached: (await Promise.all((await caches.keys()).map(async (name) => (await caches.open(name)).keys()))).flat().map((r) => new URL(r.url).pathname),
  }));
  expect(scope).toBe(`${served.origin}${PREFIX}`);
  expect(cached).toContain(`${PREFIX}playground/index.html`);
  expect(cached.some((p) => /\.wasm$/.test(p)), 'QuickJS wasm precached').toBe(true);
  expect(cached.filter((p) => !p.startsWith(PREFIX)), 'precached URLs without the base').toEqual([]);
  expect(problems).toEqual([]);
});

test('404 page: a missing page under the base gets the site 404 with its styles', async ({ page }) => {
  const missing = `${PREFIX}no-such-page/`;
  const problems = watch(page, [missing]);
  const res = await page.goto(`${served.origin}${missing}`);
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toBeVisible();
  await checkLinksResolve(page, await checkPageUrls(page));
  expect(problems.filter((p) => !p.includes('status of 404'))).toEqual([]);
});
