import { describe, expect, it } from 'vitest';
import captures from './fixtures/v8-syntax-errors.json' with { type: 'json' };
import { findV8SyntaxError } from '../../../src/engine/sandbox/v8-syntax-errors.ts';
import { once } from '../helpers.ts';

/**
 * Syntax errors in V8's words, held to what Node 22 printed for the same files
 * (fixtures/v8-syntax-errors.json, made by `npm run capture:v8-traces` from v8-syntax-programs.json).
 */
interface Capture {
  name: string;
  kind: 'cjs' | 'esm';
  source: string;
  node: string;
  error: { name: string; message: string; line: number | null } | null;
}
const all = captures as Capture[];

describe('findV8SyntaxError: V8 message and line, as Node 22 printed them', () => {
  it('the captures come from Node 22, CommonJS and ES modules', () => {
    expect(all.length).toBeGreaterThanOrEqual(25);
    for (const c of all) expect(c.node).toMatch(/^v22\./);
    expect(new Set(all.map((c) => c.kind))).toEqual(new Set(['cjs', 'esm']));
  });
  for (const c of all) {
    it(`${c.kind}: ${c.name}`, () => {
      const found = findV8SyntaxError(c.source, c.kind);
      expect(c.error?.name).toBe('SyntaxError');
      expect(found?.message).toBe(c.error?.message);
      expect(found?.line).toBe(c.error?.line);
    });
  }
  it('a file that parses has no syntax error', () => {
    expect(findV8SyntaxError('exports.handler = async () => 1;', 'cjs')).toBeNull();
    expect(findV8SyntaxError('return 1;', 'cjs')).toBeNull(); // a CommonJS file is a function body
  });
});

describe('Runtime.UserCodeSyntaxError carries V8\'s message at init', () => {
  const pick = (name: string): Capture => all.find((c) => c.name === name)!;
  for (const name of ['unexpected token ;', 'unexpected identifier', 'const without initializer', 'missing ) in a call', 'ESM unexpected end of input', 'ESM let as a name', 'ESM missing comma between properties']) {
    it(name, async () => {
      const c = pick(name);
      const r = await once({ [c.kind === 'esm' ? 'index.mjs' : 'index.js']: c.source });
      expect([r.outcome, r.errorType, r.errorMessage]).toEqual(['init-error', 'Runtime.UserCodeSyntaxError', `SyntaxError: ${c.error?.message}`]);
      expect((r.result as { trace: string[] }).trace[0]).toBe(`Runtime.UserCodeSyntaxError: SyntaxError: ${c.error?.message}`);
      expect(r.logs.some((l) => l.includes(`\tUncaught Exception \t{"errorType":"Runtime.UserCodeSyntaxError","errorMessage":"SyntaxError: ${c.error?.message.replace(/'/g, "'")}"`))).toBe(true);
    });
  }
  it('a syntax error in a required file names V8\'s message too', async () => {
    const r = await once({ 'index.js': 'const lib = require("./lib");\nexports.handler = async () => lib;', 'lib.js': 'module.exports = { a: 1\n  b: 2 };\n' });
    expect(r.errorMessage).toBe("SyntaxError: Unexpected identifier 'b'");
  });
});
