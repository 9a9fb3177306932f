// Site budgets for `npm run bench`: bytes each page type ships (gzip), and Lighthouse scores against
// the built site with the system Chromium. Figures only; no assertions.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Page types and one representative URL of each. */
export const PAGE_TYPES = {
  landing: '/',
  guide: '/guides/timeout/',
  'tree node': '/tree/timeout-context/',
  playground: '/playground/',
  analyzer: '/analyze/',
  onboarding: '/onboarding/',
};

const gz = (bytes) => gzipSync(bytes).length;

/** The dist file behind a site path, or null. */
function fileFor(dist, path) {
  const clean = path.split(/[?#]/)[0];
  const candidates = clean.endsWith('/') ? [join(dist, clean, 'index.html')] : [join(dist, clean)];
  return candidates.find((f) => existsSync(f)) ?? null;
}

/** URLs a JS chunk loads: static imports, dynamic imports, workers and `new URL(…, import.meta.url)` assets. */
function jsReferences(source) {
  const refs = { static: [], lazy: [] };
  for (const m of source.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) refs.static.push(m[1]);
  // Vite writes lazy references as import(`./x.js`), new URL(`/_astro/x.js`, …) and __vite__mapDeps lists.
  for (const m of source.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) refs.lazy.push(m[1]);
  for (const m of source.matchAll(/new URL\(\s*["'`]([^"'`]+)["'`]\s*,/g)) refs.lazy.push(m[1]);
  for (const m of source.matchAll(/["'`]\/?(_astro\/[^"'`]+\.(?:js|wasm|css))["'`]/g)) refs.lazy.push(`/${m[1]}`);
  return refs;
}

/**
 * Bytes (gzip) a page ships: `initial` = HTML + stylesheets + scripts it loads up front and their static
 * imports; `all` adds what it can load later (dynamic imports, workers, wasm).
 */
export function pageBytes(dist, path) {
  const htmlFile = fileFor(dist, path);
  if (!htmlFile) return null;
  const html = readFileSync(htmlFile);
  const text = html.toString('utf8');
  const initial = { html: gz(html), js: 0, css: 0, other: 0 };
  const all = { ...initial };
  const seen = new Set();
  const queue = [];
  for (const m of text.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) queue.push([m[1], true]);
  for (const m of text.matchAll(/<link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="(?:stylesheet|modulepreload)"/g)) queue.push([m[1] ?? m[2], true]);
  // Inline module scripts import chunks too.
  for (const m of text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    const refs = jsReferences(m[1]);
    refs.static.forEach((r) => queue.push([r, true]));
    refs.lazy.forEach((r) => queue.push([r, false]));
  }
  while (queue.length) {
    const [ref, isInitial] = queue.shift();
    if (!ref || /^(https?:)?\/\//.test(ref) || ref.startsWith('data:')) continue;
    const key = `${ref}|${isInitial}`;
    if (seen.has(ref) && !isInitial) continue;
    if (seen.has(key)) continue;
    seen.add(key);
    seen.add(ref);
    const file = ref.startsWith('/') ? join(dist, ref) : null;
    if (!file || !existsSync(file) || !statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    const kind = file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : 'other';
    const size = gz(bytes);
    if (isInitial) initial[kind] += size;
    all[kind] += size;
    if (kind === 'js') {
      const refs = jsReferences(bytes.toString('utf8'));
      const base = dirname(ref);
      const resolve = (r) => (r.startsWith('.') ? normalize(join(base, r)) : r);
      refs.static.forEach((r) => queue.push([resolve(r), isInitial]));
      refs.lazy.forEach((r) => queue.push([resolve(r), false]));
    }
  }
  const mentions = (needle) => [...seen].some((r) => r.toLowerCase().includes(needle));
  return { initial, all, monaco: mentions('monaco') || mentions('editor.main'), quickjs: mentions('quickjs') || [...seen].some((r) => r.endsWith('.wasm') && !r.includes('pagefind')) };
}

/** Lighthouse (mobile) scores for one URL, median of `runs`. Returns null when Lighthouse is unavailable. */
export async function lighthouseScores(url, { runs = 3, chromePath = '/usr/bin/chromium' } = {}) {
  let lighthouse;
  let launch;
  try {
    ({ default: lighthouse } = await import('lighthouse'));
    ({ launch } = await import('chrome-launcher'));
  } catch {
    return null;
  }
  const results = [];
  for (let i = 0; i < runs; i += 1) {
    const chrome = await launch({
      chromePath,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      const c = result.lhr.categories;
      results.push({
        performance: Math.round(c.performance.score * 100),
        accessibility: Math.round(c.accessibility.score * 100),
        'best-practices': Math.round(c['best-practices'].score * 100),
        seo: Math.round(c.seo.score * 100),
        // The host's CPU speed as Lighthouse measured it in this run. Its 4x CPU slowdown assumes a high-end
        // desktop host (BenchmarkIndex 1500-2000), and on a shared machine the index moves from run to run
        // and the performance score with it, so the figure is printed next to the scores.
        // https://github.com/GoogleChrome/lighthouse/blob/main/docs/throttling.md#cpu-throttling
        'cpu index': Math.round(result.lhr.environment.benchmarkIndex),
      });
    } finally {
      await chrome.kill();
    }
  }
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  return Object.fromEntries(Object.keys(results[0] ?? {}).map((k) => [k, median(k)]));
}
