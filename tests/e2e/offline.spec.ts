import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import sirv from 'sirv';
import { readSiteHeaders } from '../../scripts/headers.mjs';
import { DIST_DIR } from '../../scripts/serve.mjs';
import { listBuiltFiles, writeServiceWorker } from '../../src/integrations/offline.ts';
import { VERSION } from '../../src/offline/messages.ts';
import { createPrecacheManifest } from '../../src/offline/precache-manifest.ts';
import { UPDATE_NOTICE_ID } from '../../src/offline/register.ts';
import { setCode, waitForFirstResult } from './support/playground.ts';
import { axeViolations } from './support/page-checks.ts';

// These tests exercise the offline service worker, which playwright.config.ts blocks everywhere else.
test.use({ serviceWorkers: 'allow' });

// The offline copy: after a first visit the service worker has precached the whole build, so with the
// server gone and the browser offline the playground still runs handlers, guides never opened still load and
// search still answers. A new deployment replaces the cache: after the reader accepts the reload, the pages,
// the engine worker and the cache are all the new build's.
//
// Each test serves the build itself (not the shared web server) so it can stop the server: Playwright's
// offline mode does not reach a service worker's own requests (microsoft/playwright#2311), a stopped server does.

/** A static server on a free port whose folder can be swapped (a new deployment at the same address). */
async function startServer(root: string): Promise<{ origin: string; deploy: (dir: string) => void; stop: () => Promise<void> }> {
  let serve = sirv(root, { dev: false, etag: true, extensions: ['html'] });
  let headers = readSiteHeaders(root);
  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value as string);
    serve(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    origin: `http://localhost:${typeof address === 'object' && address ? address.port : 0}`,
    deploy: (dir) => {
      serve = sirv(dir, { dev: false, etag: true, extensions: ['html'] });
      headers = readSiteHeaders(dir);
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** The URLs (path and query) the build in `dir` precaches, as the worker's manifest lists them. */
function precachedUrls(dir: string): string[] {
  return createPrecacheManifest(listBuiltFiles(dir), '/', sha256Hex).entries.map((e) => e.url);
}

/** Waits until the page's service worker is activated, then returns the paths of every cached URL. */
async function waitForPrecache(page: Page, expected: number): Promise<string[]> {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'), { timeout: 60_000 })
    .toBe('activated');
  // Installation finishes only when every file is in the cache; count them to be sure.
  const paths = () =>
    page.evaluate(async () => {
      const keys = await Promise.all((await caches.keys()).map(async (name) => (await caches.open(name)).keys()));
      return keys.flat().map((request) => new URL(request.url).pathname);
    });
  await expect.poll(async () => (await paths()).length, { timeout: 30_000 }).toBe(expected);
  return paths();
}

/** The build id the active worker reports. */
function activeBuildId(page: Page): Promise<string | null> {
  return page.evaluate(async (type) => {
    const active = (await navigator.serviceWorker.getRegistration())?.active;
    if (!active) return null;
    return new Promise<string | null>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve((event.data as { buildId?: string }).buildId ?? null);
      active.postMessage({ type }, [channel.port2]);
    });
  }, VERSION);
}

/** Failed requests (other than loads the test cancelled by navigating on) and console errors. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => req.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
  return problems;
}

/** Goes offline for real: the server stops and the browser context is offline. */
async function goOffline(context: BrowserContext, stop: () => Promise<void>): Promise<void> {
  await stop();
  await context.setOffline(true);
}

/** Searches with the Starlight search dialog (Pagefind) and returns the first result link. */
async function search(page: Page, text: string) {
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.locator('#starlight__search .pagefind-ui__search-input').fill(text);
  const first = page.locator('.pagefind-ui__result-link').first();
  await expect(first).toBeVisible({ timeout: 15_000 });
  return first;
}

test.describe.configure({ mode: 'serial' });

test('after a first visit the site works offline: the playground runs, unvisited guides open, search answers', async ({ page, context }) => {
  test.setTimeout(120_000);
  const server = await startServer(DIST_DIR);
  const expected = precachedUrls(DIST_DIR);
  // Online: the landing page and the playground, as a first visit.
  await page.goto(`${server.origin}/`);
  await page.goto(`${server.origin}/playground/`);
  await waitForFirstResult(page);
  const cached = await waitForPrecache(page, expected.length);
  expect(cached.sort()).toEqual([...expected].sort());

  await goOffline(context, server.stop);
  const problems = watchProblems(page);

  // The playground reloads from the cache: engine worker, QuickJS, Monaco; the starter handler answers 200.
  const answered = await page.reload();
  expect(answered?.fromServiceWorker()).toBe(true);
  await waitForFirstResult(page);
  await expect(page.locator('#pg-rpanel-response')).toContainText('200');
  await expect(page.locator('#pg-rpanel-logs')).toContainText('START RequestId:');
  // Monaco works too: an edited handler runs.
  await setCode(page, 'export const handler = async () => ({ statusCode: 200, body: "ran offline" });');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('#pg-rpanel-response')).toContainText('ran offline', { timeout: 20_000 });

  // A scenario link (its query is ignored by the cache; the scenario's JSON is precached).
  await page.goto(`${server.origin}/playground/?scenario=callback-open-timer`);
  await expect(page.locator('.pg-sc-links a')).toHaveCount(3);

  // A guide never opened online is in the precache.
  const guide = await page.goto(`${server.origin}/guides/timeout/`);
  expect(guide?.status()).toBe(200);
  await expect(page.locator('h1')).toContainText(/time/i);

  // Pagefind searches its precached index.
  const first = await search(page, 'Task timed out after');
  await expect(first).toHaveAttribute('href', /^\/guides\//);

  // A page that does not exist gets the site's 404 page, from the cache.
  const missing = await page.goto(`${server.origin}/no-such-page/`);
  expect(missing?.status()).toBe(404);
  await expect(page.locator('h1')).toBeVisible();
  expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
});

/**
 * Turns the copy of a build in `dir` into a second deployment, as a new build would differ: every
 * content-hashed file under _astro/ (the engine worker, QuickJS, Monaco, page scripts, styles) gets a new
 * name and every reference follows, the landing page gets a marker and one scenario file is gone; then it
 * gets its own sw.js. Returns the old and new asset paths.
 */
async function makeSecondDeployment(dir: string): Promise<{ renamed: Map<string, string> }> {
  const assets = join(dir, '_astro');
  const renamed = new Map<string, string>();
  for (const name of readdirSync(assets)) {
    const next = name.replace(/\.([a-z0-9]+)$/, '-v2.$1');
    renameSync(join(assets, name), join(assets, next));
    renamed.set(name, next);
  }
  const textFiles = listBuiltFiles(dir).map((f) => f.path).filter((p) => /\.(html|js|mjs|css|json)$/.test(p));
  for (const path of textFiles) {
    const before = readFileSync(join(dir, path), 'utf8');
    let text = before;
    for (const [from, to] of renamed) text = text.replaceAll(from, to);
    if (text !== before) writeFileSync(join(dir, path), text);
  }
  const home = join(dir, 'index.html');
  writeFileSync(home, readFileSync(home, 'utf8').replace('</body>', '<p hidden data-deployment="2"></p></body>'));
  rmSync(join(dir, 'onboarding', 'scenarios', 'handler-renamed.json'));
  await writeServiceWorker(dir, '/');
  return { renamed: new Map([...renamed].map(([from, to]) => [`/_astro/${from}`, `/_astro/${to}`])) };
}

test('a new deployment replaces the cache: the reader is offered a reload, then every page and asset is the new build', async ({ page }) => {
  test.setTimeout(180_000);
  const second = mkdtempSync(join(tmpdir(), 'lt-offline-v2-'));
  const server = await startServer(DIST_DIR);
  try {
    cpSync(DIST_DIR, second, { recursive: true });
    const { renamed } = await makeSecondDeployment(second);
    const oldEngine = [...renamed.keys()].find((p) => /engine\.worker-/.test(p))!;
    const newEngine = renamed.get(oldEngine)!;
    const firstUrls = precachedUrls(DIST_DIR);
    const secondUrls = precachedUrls(second);

    // First deployment: visit, precache, remember its build id.
    await page.goto(`${server.origin}/playground/`);
    await waitForFirstResult(page);
    const firstCache = await waitForPrecache(page, firstUrls.length);
    expect(firstCache).toContain(oldEngine);
    const firstBuild = await activeBuildId(page);
    expect(firstBuild).toMatch(/^[0-9a-f]{16}$/);

    // The host now serves the second deployment. The open page keeps its own build until the reader reloads.
    server.deploy(second);
    await page.goto(`${server.origin}/`);
    expect(await page.locator('[data-deployment="2"]').count(), 'the old worker still serves its own build').toBe(0);
    const notice = page.locator(`#${UPDATE_NOTICE_ID}`);
    await expect(notice).toContainText('A new version of Lambda Triage is ready.', { timeout: 60_000 });
    // The notice is part of the page: it passes axe (contrast and names of its buttons) in both themes.
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      const violations = await axeViolations(page, `#${UPDATE_NOTICE_ID}`);
      expect(violations.map((v) => `${theme}: ${v.id}: ${v.help}`)).toEqual([]);
    }
    await notice.getByRole('button', { name: 'Reload' }).click();

    // After the reload: the new page, the new worker, and a cache holding exactly the new build.
    await expect(page.locator('[data-deployment="2"]')).toBeAttached({ timeout: 30_000 });
    await expect.poll(() => activeBuildId(page), { timeout: 30_000 }).not.toBe(firstBuild);
    const secondCache = await waitForPrecache(page, secondUrls.length);
    expect(secondCache.sort()).toEqual([...secondUrls].sort());
    expect(secondCache.filter((p) => renamed.has(p)), 'files of the first deployment still cached').toEqual([]);
    expect(secondCache).toContain(newEngine);
    expect(secondCache).not.toContain('/onboarding/scenarios/handler-renamed.json');

    // The playground runs on the new build's files only: engine worker, QuickJS, Monaco.
    const requested: string[] = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
    await page.goto(`${server.origin}/playground/`);
    await waitForFirstResult(page);
    await expect(page.locator('#pg-rpanel-response')).toContainText('200');
    expect(requested).toContain(newEngine);
    expect(requested.filter((p) => renamed.has(p)), 'files of the first deployment requested').toEqual([]);
  } finally {
    await server.stop();
    rmSync(second, { recursive: true, force: true });
  }
});
