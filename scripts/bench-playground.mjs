// Playground figures for `npm run bench` (figures only, never asserts): how soon the first result
// appears after the page becomes interactive, how long Monaco takes on first interaction, a warm run's
// round trip, and the bytes the browser fetched (Chromium reports 0 for worker scripts, so the byte
// budget of dist/ is counted separately by bench-site.mjs's pageBytes).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { serveSite } from './serve.mjs';

const RUNS = 5;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)];
}

const ASSET_RE = /["'`](?:\.\/|\/_astro\/)([\w.-]+\.(?:js|css|wasm|ttf))["'`]/g;
const STATIC_RE = /(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g;

function deps(dist, file, re) {
  const path = join(dist, '_astro', file);
  if (!file.endsWith('.js') || !existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(re)].map((m) => m[1]).filter((f) => existsSync(join(dist, '_astro', f)));
}

function closure(dist, roots, re) {
  const seen = new Set(roots);
  const queue = [...roots];
  while (queue.length) for (const d of deps(dist, queue.shift(), re)) if (!seen.has(d)) (seen.add(d), queue.push(d));
  return seen;
}

function gz(dist, files) {
  let n = 0;
  for (const f of files) n += gzipSync(readFileSync(join(dist, '_astro', f))).length;
  return n;
}

/**
 * Bytes of the playground counted from dist/ (gzip): what the HTML loads up front, what the first run
 * adds (the engine worker and QuickJS wasm), and what the first interaction with the code adds (Monaco
 * and its workers).
 */
export function playgroundBytes(dist) {
  const html = readFileSync(join(dist, 'playground', 'index.html'), 'utf8');
  const roots = [...html.matchAll(/(?:href|src)="\/_astro\/([^"]+)"/g)].map((m) => m[1]);
  const initial = closure(dist, roots, STATIC_RE);
  const all = closure(dist, roots, ASSET_RE);
  const worker = [...all].find((f) => f.startsWith('engine.worker'));
  const firstRun = worker ? closure(dist, [worker], ASSET_RE) : new Set();
  const lazy = [...all].filter((f) => !initial.has(f) && !firstRun.has(f));
  return {
    html: gzipSync(Buffer.from(html)).length,
    initial: gz(dist, initial),
    firstRun: gz(dist, firstRun),
    onInteraction: gz(dist, lazy),
    monacoFiles: lazy.length,
  };
}

/** @returns {Promise<{ name: string, value: number | string, unit: string }[]>} */
export async function benchPlayground({ port = 4491, chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } = {}) {
  const { server, url } = await serveSite({ port });
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const firstResult = [];
  const monaco = [];
  const warm = [];
  let transferred = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(new URL('/playground/', url).href);
      await page.locator('lt-playground[data-first-result="true"]').waitFor({ state: 'attached', timeout: 30_000 });
      const t = await page.evaluate(() => {
        const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
        const mark = performance.getEntriesByName('lt-playground-first-result')[0];
        const bytes = performance.getEntriesByType('resource').reduce((n, r) => n + (/** @type {PerformanceResourceTiming} */ (r).transferSize || 0), nav.transferSize || 0);
        return { afterInteractive: mark.startTime - nav.domInteractive, bytes };
      });
      firstResult.push(t.afterInteractive);
      transferred = t.bytes;
      // A warm run (before Monaco, whose start-up would share the main thread): click to the new summary.
      const before = await page.locator('[data-pg="summary"]').textContent();
      const runStart = Date.now();
      await page.getByRole('button', { name: 'Run again (warm)' }).click();
      await page.waitForFunction((b) => document.querySelector('[data-pg="summary"]')?.textContent !== b, before);
      warm.push(Date.now() - runStart);
      // Monaco: from the first click on the code area to a visible editor.
      const started = Date.now();
      await page.locator('[data-pg="code-area"]').click();
      await page.locator('.monaco-editor .view-lines').waitFor({ timeout: 30_000 });
      monaco.push(Date.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const dist = new URL('../dist/', import.meta.url).pathname;
  const b = playgroundBytes(dist);
  return [
    { name: 'playground HTML (gzip)', value: b.html / 1024, unit: 'KiB' },
    { name: 'playground initial JS + CSS (gzip)', value: b.initial / 1024, unit: 'KiB' },
    { name: 'first run adds: engine worker + QuickJS wasm (gzip)', value: b.firstRun / 1024, unit: 'KiB' },
    { name: `first edit adds: Monaco, ${b.monacoFiles} files (gzip)`, value: b.onInteraction / 1024, unit: 'KiB' },
    { name: `playground first result after interactive (median of ${RUNS})`, value: median(firstResult), unit: 'ms' },
    { name: `  slowest of ${RUNS}`, value: Math.max(...firstResult), unit: 'ms' },
    { name: 'Monaco ready after first click (median)', value: median(monaco), unit: 'ms' },
    { name: 'warm "Run again" round trip (median)', value: median(warm), unit: 'ms' },
    { name: 'bytes the page reported (no worker scripts)', value: transferred / 1024, unit: 'KiB' },
  ];
}

/**
 * The playground's Python in Chromium: a Python handler's first run in a fresh browser (Pyodide downloaded from
 * the site: its files' bytes as the test server sent them and gzipped from dist/, the time from the page being
 * interactive to the first result), the same page again with Pyodide in the HTTP cache, and the Pyodide requests
 * of a guide page, the tree and a Node.js playground run (0: they never load it).
 * @returns {Promise<{ name: string, value: number | string, unit: string }[]>}
 */
export async function benchPythonPlayground({ port = 4492, chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } = {}) {
  const { createDefaultState, encodeShareHash } = await import('../src/playground/state.ts');
  const { PYTHON_STARTER_CODE } = await import('../src/playground/samples.ts');
  const { PYODIDE_BROWSER_FILES, PYODIDE_VERSION } = await import('../src/worker/pyodide-files.ts');
  const hash = await encodeShareHash({ ...createDefaultState(), runtime: 'python3.13', fileName: 'lambda_function.py', handlerExport: 'lambda_handler', code: PYTHON_STARTER_CODE });
  const { server, url } = await serveSite({ port });
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const rows = [];
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    let sent = 0;
    let files = 0;
    page.on('requestfinished', async (request) => {
      if (!request.url().includes('/pyodide/')) return;
      files += 1;
      sent += (await request.sizes()).responseBodySize;
    });
    const firstResult = async () => {
      await page.goto(new URL(`/playground/#${hash}`, url).href);
      await page.locator('lt-playground[data-first-result="true"]').waitFor({ state: 'attached', timeout: 120_000 });
      return page.evaluate(() => {
        const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
        return performance.getEntriesByName('lt-playground-first-result')[0].startTime - nav.domInteractive;
      });
    };
    const cold = await firstResult();
    const fetched = { files, sent };
    await page.goto('about:blank');
    const cached = await firstResult();
    await context.close();
    const dist = new URL(`../dist/pyodide/${PYODIDE_VERSION}/`, import.meta.url).pathname;
    const gzipped = PYODIDE_BROWSER_FILES.reduce((n, f) => n + (existsSync(join(dist, f)) ? gzipSync(readFileSync(join(dist, f))).length : 0), 0);
    rows.push(
      { name: `Python first run: Pyodide files fetched`, value: fetched.files, unit: 'files' },
      { name: '  bytes sent by the test server (uncompressed)', value: fetched.sent / 1024 / 1024, unit: 'MiB' },
      { name: '  the same files gzipped (a compressing host)', value: gzipped / 1024 / 1024, unit: 'MiB' },
      { name: 'Python first result after interactive (fresh browser)', value: cold, unit: 'ms' },
      { name: 'Python first result, Pyodide in the HTTP cache', value: cached, unit: 'ms' },
    );
    // Pages that must not pay for Python.
    for (const [label, path, wait] of [['guide page', '/guides/api-gateway/', false], ['tree page', '/tree/', false], ['Node.js playground run', '/playground/', true]]) {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      let n = 0;
      p.on('request', (r) => {
        if (r.url().includes('pyodide')) n += 1;
      });
      await p.goto(new URL(path, url).href);
      if (wait) await p.locator('lt-playground[data-first-result="true"]').waitFor({ state: 'attached', timeout: 30_000 });
      await p.waitForLoadState('networkidle');
      rows.push({ name: `Pyodide requests: ${label}`, value: n, unit: 'requests' });
      await ctx.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

// Run directly: `node scripts/bench-playground.mjs` after a build.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { name, value, unit } of [...(await benchPlayground()), ...(await benchPythonPlayground())]) {
    const shown = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 1 }) : value;
    console.log(`${name.padEnd(52)} ${String(shown).padStart(10)} ${unit}`);
  }
}
