import { describe, expect, it } from 'vitest';
import { CATALOGUE, createFinding, isCatalogueCode } from '../../../src/engine/errors/catalogue.ts';
import type { CatalogueCode } from '../../../src/engine/errors/catalogue.ts';
import { isCauseId } from '../../../src/engine/vocabulary.ts';

const codes = Object.keys(CATALOGUE) as CatalogueCode[];

describe('error catalogue', () => {
  it.each(codes)('%s is well-formed', (code) => {
    const entry = CATALOGUE[code];
    expect(code).toMatch(/^LT-[A-Z0-9-]+$/);
    expect(isCauseId(entry.cause)).toBe(true);
    expect(entry.title.length).toBeGreaterThan(5);
    expect(entry.source).toMatch(/^https:\/\//);
    const message = entry.message({});
    expect(message.length).toBeGreaterThan(40);
    expect(message).not.toMatch(/undefined|\[object Object\]/);
  });

  it('createFinding fills the guide, source and message from the params', () => {
    const f = createFinding('LT-RESP-BODY-NOT-STRING', { frontDoor: 'apigw-rest', status: 502, got: 'an object' });
    expect(f).toEqual({
      code: 'LT-RESP-BODY-NOT-STRING',
      cause: 'malformed-response',
      guide: '/guides/malformed-response/',
      source: CATALOGUE['LT-RESP-BODY-NOT-STRING'].source,
      message: expect.stringContaining('body must be a string: you returned an object.'),
    });
    expect(f.message).toContain('answered 502');
    expect(f.message).toContain('JSON.stringify(yourObject)');
  });

  it('overrides set unverified and source; severity comes from the entry', () => {
    const f = createFinding('LT-REST-DEFAULT-STATUS', {}, { unverified: true, source: 'x' });
    expect(f.unverified).toBe(true);
    expect(f.source).toBe('x');
    expect(f.severity).toBe('warning');
  });

  it('isCatalogueCode', () => {
    expect(isCatalogueCode('LT-REST-UNKNOWN-KEY')).toBe(true);
    expect(isCatalogueCode('toString')).toBe(false);
  });
});
