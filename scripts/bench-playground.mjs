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

// Run directly: `node scripts/bench-playground.mjs` after a build.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { name, value, unit } of await benchPlayground()) {
    const shown = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 1 }) : value;
    console.log(`${name.padEnd(52)} ${String(shown).padStart(10)} ${unit}`);
  }
}
