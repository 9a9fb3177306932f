/**
 * When the browser tests and `npm start` rebuild the site: only when the contents of its sources changed.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashSiteSources, SITE_SOURCES, WARNING_LINE } from '../../scripts/site-build.mjs';

function fakeRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'lt-site-build-'));
  mkdirSync(join(root, 'src', 'pages'), { recursive: true });
  mkdirSync(join(root, 'content', 'docs'), { recursive: true });
  writeFileSync(join(root, 'src', 'pages', 'index.astro'), '<h1>Home</h1>\n');
  writeFileSync(join(root, 'content', 'docs', 'guide.mdx'), '# A guide\n');
  writeFileSync(join(root, 'astro.config.mjs'), 'export default {};\n');
  return root;
}

describe('site build freshness', () => {
  it('the hash follows the contents of the sources, not their modification times', () => {
    const root = fakeRepo();
    const sources = ['src', 'content', 'astro.config.mjs', 'absent-file.json'];
    const first = hashSiteSources(sources, root);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    // Saved again unchanged (a newer mtime): still the same build.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'content', 'docs', 'guide.mdx'), later, later);
    expect(hashSiteSources(sources, root)).toBe(first);
    // One character changed: a different build.
    writeFileSync(join(root, 'content', 'docs', 'guide.mdx'), '# A guide!\n');
    const edited = hashSiteSources(sources, root);
    expect(edited).not.toBe(first);
    // Undoing the edit gives the first hash back.
    writeFileSync(join(root, 'content', 'docs', 'guide.mdx'), '# A guide\n');
    expect(hashSiteSources(sources, root)).toBe(first);
    // A new file, or a renamed one, changes it too.
    writeFileSync(join(root, 'src', 'pages', 'other.astro'), '<h1>Home</h1>\n');
    expect(hashSiteSources(sources, root)).not.toBe(first);
  });

  it('covers what the build reads', () => {
    expect(SITE_SOURCES).toEqual(expect.arrayContaining(['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json']));
  });

  it('recognises Astro warning lines', () => {
    expect(WARNING_LINE.test('13:10:22 [WARN] [content] The collection "i18n" does not exist or is empty.')).toBe(true);
    expect(WARNING_LINE.test('13:10:33 [build] 71 page(s) built in 1m 16s')).toBe(false);
    expect(WARNING_LINE.test('13:13:29   ├─ /tree/function-error-kind/index.html (+18ms)')).toBe(false);
  });
});
