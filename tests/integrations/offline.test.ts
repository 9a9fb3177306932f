import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineIntegration, listBuiltFiles, writeServiceWorker } from '../../src/integrations/offline.ts';
import { createRetiringWorkerScript } from '../../src/offline/offline-setting.ts';

let out: string;

/** A tiny build output folder. */
function writeBuild(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(out, path, '..'), { recursive: true });
    writeFileSync(join(out, path), text);
  }
}

/** The manifest esbuild inlined into sw.js (the define'd JSON array of { url, revision }). */
function manifestUrls(sw: string): string[] {
  return [...sw.matchAll(/\{url:"([^"]+)",revision:(?:"[0-9a-f]+"|null)\}/g)].map((m) => m[1]!);
}

beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'lt-offline-'));
  writeBuild({
    'index.html': '<h1>home</h1>',
    'guides/timeout/index.html': '<h1>timeout</h1>',
    '_astro/engine.worker-abc12345.js': 'engine',
    'pagefind/pagefind-entry.json': '{}',
    _headers: '/*\n  X: y\n',
  });
});

afterEach(() => rmSync(out, { recursive: true, force: true }));

describe('listBuiltFiles', () => {
  it('lists every file with a forward-slash path, its size and SHA-256', () => {
    const files = listBuiltFiles(out).sort((a, b) => a.path.localeCompare(b.path));
    expect(files.map((f) => f.path)).toEqual(['_astro/engine.worker-abc12345.js', '_headers', 'guides/timeout/index.html', 'index.html', 'pagefind/pagefind-entry.json']);
    // printf '<h1>home</h1>' | sha256sum
    expect(files.find((f) => f.path === 'index.html')).toEqual({ path: 'index.html', bytes: 13, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});

describe('writeServiceWorker', () => {
  it('writes sw.js with Workbox and the manifest of the build under the base', async () => {
    const { manifest, workerBytes } = await writeServiceWorker(out, '/lambda-triage/');
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    expect(sw.length).toBe(workerBytes);
    expect(manifestUrls(sw).sort()).toEqual([
      '/lambda-triage/_astro/engine.worker-abc12345.js',
      '/lambda-triage/guides/timeout/index.html',
      '/lambda-triage/index.html',
      '/lambda-triage/pagefind/pagefind-entry.json',
    ]);
    expect(sw).toContain(JSON.stringify(manifest.buildId));
    // The offline 404 page carries the base.
    expect(sw).toContain('/lambda-triage/404.html');
    // Workbox is bundled (its precache cache name), with its development logging compiled out.
    expect(sw).toContain('precache-v2');
    expect(sw).not.toContain('process.env');
    expect(sw).not.toMatch(/^\s*import\s/m);
  });

  it('writes a different worker when a file changes, and the same one when nothing did', async () => {
    await writeServiceWorker(out, '/');
    const first = readFileSync(join(out, 'sw.js'), 'utf8');
    // sw.js itself is never in the manifest, so writing it again changes nothing.
    await writeServiceWorker(out, '/');
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).toBe(first);
    writeBuild({ 'guides/timeout/index.html': '<h1>timeout, edited</h1>' });
    await writeServiceWorker(out, '/');
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).not.toBe(first);
  });
});

describe('createOfflineIntegration', () => {
  const root = new URL('../../', import.meta.url);
  const setup = (command: string, enabled: boolean) => {
    const injected: string[] = [];
    const integration = createOfflineIntegration({ base: '/docs/', enabled });
    integration.hooks['astro:config:setup']({ command, config: { root }, injectScript: (_stage, content) => injected.push(content) });
    return { integration, injected };
  };

  it('registers the worker on every page of a build, with the base, and never in astro dev', () => {
    expect(setup('dev', true).injected).toEqual([]);
    const [script] = setup('build', true).injected;
    expect(script).toContain("from \"/src/offline/register.ts\"");
    expect(script).toContain('registerOfflineWorker("/docs/")');
  });

  it('turned off, registers nothing and writes the worker that removes an earlier offline copy', async () => {
    const { integration, injected } = setup('build', false);
    expect(injected).toEqual([]);
    const logs: string[] = [];
    await integration.hooks['astro:build:done']({ dir: pathToFileURL(`${out}/`), logger: { info: (m) => logs.push(m) } });
    expect(readFileSync(join(out, 'sw.js'), 'utf8')).toBe(createRetiringWorkerScript());
    expect(logs.join('\n')).toMatch(/turned off/);
  });

  it('on, writes the precaching worker after the build and says what it precaches', async () => {
    const { integration } = setup('build', true);
    const logs: string[] = [];
    await integration.hooks['astro:build:done']({ dir: pathToFileURL(`${out}/`), logger: { info: (m) => logs.push(m) } });
    expect(manifestUrls(readFileSync(join(out, 'sw.js'), 'utf8'))).toHaveLength(4);
    expect(logs.join('\n')).toMatch(/precaches 4 files/);
  });
});
