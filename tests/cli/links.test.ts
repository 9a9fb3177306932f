// Guide links work where the user is: the configured site, or the local page path plus one hint.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { cliSiteUrl, guideUrl, isLocalGuideLine, localGuidesHint } from '../../src/cli/format.ts';
import { parseSiteUrl, SITE_URL_ENV } from '../../src/utils/site-url.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'lt-links-'));
// A result the REST API rejects (unknown key): a finding with a guide.
writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => ({ ok: true });');
writeFileSync(join(dir, 'req.json'), JSON.stringify({ method: 'GET', path: '/' }));
const argv = ['invoke', join(dir, 'index.mjs'), '--request', join(dir, 'req.json'), '--times', '2'];

afterEach(() => vi.unstubAllEnvs());

describe('the site address setting', () => {
  it('accepts http(s) addresses without a trailing slash, and nothing for none', () => {
    expect(parseSiteUrl('https://triage.example.com/')).toEqual({ ok: true, value: 'https://triage.example.com' });
    expect(parseSiteUrl('https://example.com/docs/triage')).toEqual({ ok: true, value: 'https://example.com/docs/triage' });
    expect(parseSiteUrl('')).toEqual({ ok: true, value: undefined });
    expect(parseSiteUrl(undefined)).toEqual({ ok: true, value: undefined });
  });

  it('refuses other text with a message naming the variable', () => {
    for (const bad of ['triage.example.com', 'ftp://x.example', 'https://x.example/?a=1']) {
      const r = parseSiteUrl(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(SITE_URL_ENV);
    }
  });

  it('the CLI reads LAMBDA_TRIAGE_SITE, and ignores an invalid one', () => {
    expect(cliSiteUrl({ [SITE_URL_ENV]: 'https://triage.example.com' })).toBe('https://triage.example.com');
    expect(cliSiteUrl({ [SITE_URL_ENV]: 'nope' })).toBeUndefined();
    expect(cliSiteUrl({})).toBeUndefined();
    expect(guideUrl('/guides/timeout/', undefined)).toBe('/guides/timeout/');
    expect(guideUrl('/guides/timeout/', 'https://t.example')).toBe('https://t.example/guides/timeout/');
  });
});

describe('lambda-triage invoke prints links that work', () => {
  it('without a site: local page paths, and the npm start hint once after everything', async () => {
    vi.stubEnv(SITE_URL_ENV, '');
    const t = io();
    expect(await main(argv, t.io)).toBe(1);
    const guides = t.out.filter(isLocalGuideLine);
    expect(guides.length).toBeGreaterThanOrEqual(2); // one per invocation
    expect(guides[0]?.trim()).toBe('Guide: /guides/malformed-response/');
    expect(t.out.filter((l) => l.includes(localGuidesHint()))).toHaveLength(1);
    expect(t.out.at(-1)).toBe(localGuidesHint());
    expect(t.out.join('\n')).not.toContain('lambda-triage.example');
  });

  it('with LAMBDA_TRIAGE_SITE: full addresses on that site and no hint', async () => {
    vi.stubEnv(SITE_URL_ENV, 'https://triage.example.com/');
    const t = io();
    expect(await main(argv, t.io)).toBe(1);
    expect(t.out).toContain('  Guide: https://triage.example.com/guides/malformed-response/');
    expect(t.out.some(isLocalGuideLine)).toBe(false);
    expect(t.out.join('\n')).not.toContain('npm start');
  });

  it('--json output carries no hint (it stays one JSON document)', async () => {
    vi.stubEnv(SITE_URL_ENV, '');
    const t = io();
    await main([...argv, '--json'], t.io);
    expect(() => JSON.parse(t.out.join('\n'))).not.toThrow();
  });

  it('findings sources are public addresses', async () => {
    const t = io();
    await main(argv, t.io);
    const sources = t.out.filter((l) => l.trimStart().startsWith('Source: '));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s).not.toMatch(/\(D\d+\)|LS-[A-Z]+|CURL-2025|facts §/);
  });
});
