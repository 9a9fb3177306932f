import { describe, expect, it } from 'vitest';
import { hasModuleSyntax } from '../../../src/engine/sandbox/user-source.ts';
import { once } from '../helpers.ts';

// Each case is a one-line repro that runs fine on Node 22 (checked with node v22.23.3).
describe('handlers that Node 22 runs and the simulator used to reject', () => {
  it('an async arrow whose parenthesised body starts with a comment', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => (\n  // the response\n  { statusCode: 200 } /* done */\n);' });
    expect(r.errorType).toBeNull();
    expect(r.result).toEqual({ statusCode: 200 });
  });

  it('a CommonJS file whose lines start with names containing "import" stays CommonJS', async () => {
    const r = await once({
      'index.js': [
        'let importCount = 0;',
        'importCount = require("./x");',
        'var import_node_crypto = require("node:crypto");',
        'import_node_crypto.randomUUID();',
        'exports.handler = async () => importCount + (typeof import_node_crypto.randomUUID);',
      ].join('\n'),
      'x.js': 'module.exports = 5;',
    });
    expect(r.errorType).toBeNull();
    expect(r.result).toBe('5function');
  });

  it('new Buffer.from("x") returns the buffer, as Buffer.from is a plain function in Node', async () => {
    const r = await once({ 'index.js': 'exports.handler = async () => [new Buffer.from("x").toString(), new Buffer.alloc(2).length, Object.keys(Buffer).includes("from")];' });
    expect(r.errorType).toBeNull();
    expect(r.result).toEqual(['x', 2, true]);
  });
});

describe('hasModuleSyntax (Node syntax detection, https://nodejs.org/api/packages.html#syntax-detection)', () => {
  it.each([
    ['import { x } from "y";', true],
    ['import x from "y"; x();', true],
    ['export const a = 1;', true],
    ['console.log(import.meta.url);', true],
    ['await Promise.resolve(1);', true],
    ['const require = 1;', true],
    ['importCount = require("./x");', false],
    ['var import_node_crypto = require("node:crypto");\nimport_node_crypto.default;', false],
    ['import("./x.mjs").then(() => {});', false],
    ['var require = 1;', false],
    ['return 1;', false],
    ['this is not javascript', false],
  ])('%j → %s', (src, esm) => {
    expect(hasModuleSyntax(src)).toBe(esm);
  });
});
