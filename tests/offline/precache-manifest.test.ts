import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPrecacheManifest, isHashedAsset, isPrecached, REVISION_HEX_CHARS, SERVICE_WORKER_FILE, type BuiltFile } from '../../src/offline/precache-manifest.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const file = (path: string, contents = path): BuiltFile => ({ path, bytes: contents.length, sha256: sha(contents) });

/** A small build: pages, hashed assets, Pagefind, scenario JSON, and files that must stay out. */
const build = [
  file('index.html', '<h1>home</h1>'),
  file('playground/index.html', '<h1>playground</h1>'),
  file('guides/timeout/index.html', '<h1>timeout</h1>'),
  file('404.html'),
  file('_astro/engine.worker-lYEP586L.js', 'engine v1'),
  file('_astro/emscripten-module-uFzwHH0Y.wasm', 'wasm'),
  file('pagefind/pagefind-entry.json', '{"v":1}'),
  file('onboarding/scenarios/handler-renamed.json', '{}'),
  file('_headers'),
  file('_redirects'),
  file(SERVICE_WORKER_FILE),
  file('_astro/page.js.map'),
  file('sitemap-index.xml'),
  file('sitemap-0.xml'),
];

describe('what is precached', () => {
  it('keeps pages, assets, Pagefind and scenario JSON; leaves out host config, the worker, source maps and sitemaps', () => {
    expect(build.filter((f) => isPrecached(f.path)).map((f) => f.path)).toEqual([
      'index.html',
      'playground/index.html',
      'guides/timeout/index.html',
      '404.html',
      '_astro/engine.worker-lYEP586L.js',
      '_astro/emscripten-module-uFzwHH0Y.wasm',
      'pagefind/pagefind-entry.json',
      'onboarding/scenarios/handler-renamed.json',
    ]);
    // Only the exact host files: a page or asset with a similar name stays in.
    expect(isPrecached('guides/_headers-explained/index.html')).toBe(true);
    expect(isPrecached('xsw.js')).toBe(true);
    // Pyodide loads only for a Python run; a page or asset whose name merely contains the word stays precached.
    expect(isPrecached('pyodide/314.0.8/pyodide.asm.wasm')).toBe(false);
    expect(isPrecached('guides/pyodide-notes/index.html')).toBe(true);
  });

  it('treats only Vite output under _astro/ as content-hashed', () => {
    expect(isHashedAsset('_astro/monaco.BhOUIWGl.js')).toBe(true);
    expect(isHashedAsset('pagefind/pagefind.js')).toBe(false);
    expect(isHashedAsset('index.html')).toBe(false);
  });
});

describe('createPrecacheManifest', () => {
  it('prefixes every URL with the base and sorts the entries', () => {
    const { entries } = createPrecacheManifest(build, '/lambda-triage/', sha);
    expect(entries.map((e) => e.url)).toEqual([...entries.map((e) => e.url)].sort());
    expect(entries.every((e) => e.url.startsWith('/lambda-triage/'))).toBe(true);
    expect(entries.map((e) => e.url)).toContain('/lambda-triage/_astro/emscripten-module-uFzwHH0Y.wasm');
    expect(createPrecacheManifest(build, '/', sha).entries.map((e) => e.url)).toContain('/playground/index.html');
  });

  it('gives hashed assets no revision and every other file the start of its SHA-256', () => {
    const { entries } = createPrecacheManifest(build, '/', sha);
    const byUrl = new Map(entries.map((e) => [e.url, e.revision]));
    expect(byUrl.get('/_astro/engine.worker-lYEP586L.js')).toBeNull();
    expect(byUrl.get('/index.html')).toBe(sha('<h1>home</h1>').slice(0, REVISION_HEX_CHARS));
    expect(byUrl.get('/pagefind/pagefind-entry.json')).toHaveLength(REVISION_HEX_CHARS);
  });

  it('adds up the bytes of the precached files only', () => {
    const kept = build.filter((f) => isPrecached(f.path));
    expect(createPrecacheManifest(build, '/', sha).bytes).toBe(kept.reduce((n, f) => n + f.bytes, 0));
  });

  it('rejects a base without its slashes', () => {
    expect(() => createPrecacheManifest(build, 'lambda-triage', sha)).toThrow(/must start and end with "\/"/);
  });
});

describe('versioning across deployments', () => {
  /** The second deployment: one page edited, the engine rebuilt under a new hash, a scenario removed. */
  const next = build
    .filter((f) => f.path !== 'onboarding/scenarios/handler-renamed.json')
    .map((f) =>
      f.path === 'playground/index.html'
        ? file('playground/index.html', '<h1>playground v2</h1>')
        : f.path === '_astro/engine.worker-lYEP586L.js'
          ? file('_astro/engine.worker-Zx81Qa2c.js', 'engine v2')
          : f,
    );

  it('changes the build id when any precached file changes, and only then', () => {
    const first = createPrecacheManifest(build, '/', sha);
    expect(createPrecacheManifest([...build].reverse(), '/', sha).buildId).toBe(first.buildId);
    expect(createPrecacheManifest(next, '/', sha).buildId).not.toBe(first.buildId);
    // A file the worker does not precache (the host's headers) does not make a new version.
    const headersOnly = build.map((f) => (f.path === '_headers' ? file('_headers', 'other headers') : f));
    expect(createPrecacheManifest(headersOnly, '/', sha).buildId).toBe(first.buildId);
  });

  it('re-fetches changed files, keeps unchanged ones and drops what the new build no longer has', () => {
    const before = new Map(createPrecacheManifest(build, '/', sha).entries.map((e) => [e.url, e.revision]));
    const after = new Map(createPrecacheManifest(next, '/', sha).entries.map((e) => [e.url, e.revision]));
    expect(after.get('/index.html')).toBe(before.get('/index.html'));
    expect(after.get('/playground/index.html')).not.toBe(before.get('/playground/index.html'));
    // The new engine is a new URL; the old one is not in the new manifest (Workbox deletes it on activation).
    expect(after.has('/_astro/engine.worker-Zx81Qa2c.js')).toBe(true);
    expect(after.has('/_astro/engine.worker-lYEP586L.js')).toBe(false);
    expect(after.has('/onboarding/scenarios/handler-renamed.json')).toBe(false);
  });
});
