import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../src/engine/vocabulary.ts';
import { guideFrontmatterSchema } from '../../src/schemas/docs.ts';

const root = new URL('../../', import.meta.url);
const guidesDir = new URL('content/docs/guides/', root);
const guides = readdirSync(guidesDir)
  .filter((f) => /\.mdx?$/.test(f))
  .map((file) => {
    const source = readFileSync(new URL(file, guidesDir), 'utf8');
    const match = /^---\n([\s\S]*?)\n---/.exec(source);
    return { slug: file.replace(/\.mdx?$/, ''), source, data: guideFrontmatterSchema.parse(parse(match?.[1] ?? '') ?? {}) };
  });

/** Site paths that exist without a content file. */
const PAGES = new Set(['/', '/tree/']);

/** Does an internal link resolve to a page the build produces? */
function resolves(path: string): boolean {
  const clean = path.replace(/[#?].*$/, '');
  if (PAGES.has(clean)) return true;
  const guide = /^\/guides\/([a-z0-9-]+)\/$/.exec(clean);
  if (guide) return guides.some((g) => g.slug === guide[1]);
  const node = /^\/tree\/([a-z0-9-]+)\/$/.exec(clean);
  if (node) return existsSync(new URL(`content/tree/${node[1]}.yaml`, root));
  return false;
}

describe('guides', () => {
  it.each([...CAUSE_IDS])('cause %s has its guide at /guides/<id>/, which names it first', (cause) => {
    const guide = guides.find((g) => g.slug === cause);
    expect(guide, `content/docs/guides/${cause}.mdx`).toBeDefined();
    expect(guide!.data.causes[0]).toBe(cause);
    expect(guide!.data.section).toBe('causes');
  });

  it.each(guides.map((g) => [g.slug, g]))('every internal link in %s resolves', (_slug, guide) => {
    const links = [
      ...[...guide.source.matchAll(/\]\((\/[^)\s]*)\)/g)].map((m) => m[1]!),
      ...[...guide.source.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!),
    ];
    expect(links.filter((l) => !resolves(l))).toEqual([]);
  });

  // Guides whose fix or logs differ for a Python function show Python next to Node.js (a ```python block).
  // The other cause guides are about configuration (permissions, front doors, routes), the same in both.
  const PYTHON_DIFFERS = [
    'unhandled-exception', 'invalid-input', 'malformed-response', 'init-failure', 'timeout', 'access-denied',
    'downstream-failure', 'out-of-memory', 'payload-too-large', 'throttling', 'logs-and-metrics',
  ];
  it.each(PYTHON_DIFFERS)('%s shows the Python fix next to the Node.js one', (slug) => {
    const guide = guides.find((g) => g.slug === slug);
    expect(guide, `content/docs/guides/${slug}.mdx`).toBeDefined();
    expect(guide!.source).toMatch(/^```python\b/m);
    expect(guide!.source).toMatch(/^```(js|javascript|ts|typescript)\b/m);
  });

  it('cause guides link to their decision tree outcome', () => {
    for (const cause of CAUSE_IDS) {
      const guide = guides.find((g) => g.slug === cause);
      expect(guide?.source, cause).toContain(`/tree/${cause}/`);
    }
  });
});
