// Findings, the CLI and the playground cite public addresses, never the team's short keys.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citeSources, hasInternalSourceKey, SOURCE_KEY_URLS } from '../../../src/engine/errors/source-links.ts';
import { CATALOGUE, createFinding, type CatalogueCode } from '../../../src/engine/errors/catalogue.ts';

const repo = new URL('../../../', import.meta.url).pathname;

describe('citeSources', () => {
  it('drops a key after its own address and keeps a note', () => {
    expect(citeSources('https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html (D11)')).toBe('https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html');
    expect(citeSources(`${SOURCE_KEY_URLS['D10']} (D10, "Example Entries")`)).toBe(`${SOURCE_KEY_URLS['D10']} ("Example Entries")`);
  });

  it('turns a key without its address into the address', () => {
    expect(citeSources('D1')).toBe(SOURCE_KEY_URLS['D1']);
    expect(citeSources('default of the gateway response (D16); body unrecorded')).toBe(`default of the gateway response (${SOURCE_KEY_URLS['D16']}); body unrecorded`);
    expect(citeSources('https://a.example/x; LS-APIGW')).toBe(`https://a.example/x; ${SOURCE_KEY_URLS['LS-APIGW']}`);
  });

  it('describes the unpublished capture and drops references to the notes file', () => {
    expect(citeSources('CURL-2025; https://github.com/DataBiosphere/azul/issues/4955')).toBe('a real REST API curl capture (2025-05-20); https://github.com/DataBiosphere/azul/issues/4955');
    expect(citeSources('aws-facts §5: 2020 capture of an HTTP API response')).toBe('2020 capture of an HTTP API response');
  });

  it('leaves plain addresses and GitHub references alone', () => {
    const plain = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html; CodeGenieApp/serverless-express#688';
    expect(citeSources(plain)).toBe(plain);
    expect(hasInternalSourceKey(plain)).toBe(false);
  });

  it('every key has an https address listed in docs/sources.md', () => {
    const doc = readFileSync(join(repo, 'docs/sources.md'), 'utf8');
    for (const [key, url] of Object.entries(SOURCE_KEY_URLS)) {
      expect(url, key).toMatch(/^https:\/\//);
      expect(doc, `${key} → ${url}`).toContain(url);
    }
  });
});

describe('findings cite public addresses', () => {
  it('every catalogue entry, as a finding, has no short key in its source', () => {
    for (const code of Object.keys(CATALOGUE) as CatalogueCode[]) {
      const f = createFinding(code, {});
      expect(hasInternalSourceKey(f.source), `${code}: ${f.source}`).toBe(false);
    }
  });

  it('every per-rule source string in the integrations becomes a citation without short keys', () => {
    const dir = join(repo, 'src/engine/integrations');
    const found: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/source: '([^']+)'/g)) found.push(m[1]!);
    }
    expect(found.length).toBeGreaterThan(10);
    for (const s of found) expect(hasInternalSourceKey(citeSources(s)), `${s} → ${citeSources(s)}`).toBe(false);
  });
});
