import { describe, expect, it } from 'vitest';
import { applyMetaPolicy, hashSource, inlineScripts, serializePolicy, BASE_DIRECTIVES } from '../../src/integrations/csp.mjs';

describe('csp integration', () => {
  it('hashes inline executable scripts only', () => {
    const html =
      '<head><meta charset="utf-8"><script>a()</script><script type="module">b()</script>' +
      '<script src="/x.js"></script><script type="application/json">{"c":1}</script></head>';
    expect(inlineScripts(html)).toEqual(['a()', 'b()']);
  });

  it('computes the CSP hash source of a script body', () => {
    // echo -n 'a()' | openssl dgst -sha256 -binary | base64
    expect(hashSource('a()')).toBe("'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='");
  });

  it('puts the policy right after <meta charset> with the page hashes and no unsafe-eval', () => {
    const { html, hashes } = applyMetaPolicy('<html><head><meta charset="utf-8"><script>a()</script></head></html>');
    expect(hashes).toEqual([hashSource('a()')]);
    expect(html).toMatch(/^<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    expect(html).not.toContain("'unsafe-eval'");
  });

  it('serialises directives in order', () => {
    expect(serializePolicy({ 'default-src': ["'self'"], 'script-src': ["'self'"] }, ["'sha256-x'"])).toBe(
      "default-src 'self'; script-src 'self' 'sha256-x'",
    );
    expect(Object.keys(BASE_DIRECTIVES)).not.toContain('frame-ancestors');
  });
});
