import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { CJS_WRAPPER_PREFIX, prepareUserSource, v8CallColumn } from '../../../src/engine/sandbox/user-source.ts';

const parses = (code: string, kind: 'cjs' | 'esm'): boolean => {
  try {
    parse(code, { ecmaVersion: 'latest', sourceType: kind === 'esm' ? 'module' : 'script' });
    return true;
  } catch {
    return false;
  }
};

describe('prepareUserSource', () => {
  const SNIPPETS: [string, 'cjs' | 'esm'][] = [
    ['export async function handler(e) { return 1 }', 'esm'],
    ['export default async function () {}', 'esm'],
    ['export default async () => 1;', 'esm'],
    ['async function a(){}async function b(){}', 'esm'],
    ['const x = async () => async () => 1;', 'esm'],
    ['class A { static async m(x) { return super.toString() } async n() {} async *g() {} #p = async () => 1 }', 'esm'],
    ['const o = { async p(q) {}, r: async () => 2, async [k]() {}, "s-t": async function () {} };', 'cjs'],
    ['"use strict";\nasync function f() { "use strict"; return 1 }\nexports.handler = f;', 'cjs'],
    ['if (x) { async function inner() {} }', 'cjs'],
    ['const f = async function* () {};\nasync function* g() {}', 'esm'],
    ['label: for (;;) { const f = async x => x; break label; }', 'cjs'],
    ['#!/usr/bin/env node\nexports.handler = async () => 1;', 'cjs'],
    ['return module.exports = { handler: async (e, c = 1, ...rest) => rest };', 'cjs'],
    ['const { a } = (x, y);\nlet b; ({ b } = c, d);\nfor (const { e } of list) {}\nconst { f: { g } = {} } = h, { ...i } = j;', 'cjs'],
    ['export const { a, b = 2 } = await load();', 'esm'],
  ];
  for (const [src, kind] of SNIPPETS) {
    it(`keeps valid code valid: ${src.split('\n')[0]}`, () => {
      const p = prepareUserSource(src, kind);
      expect(p.transformed).toBe(true);
      const body = kind === 'cjs' ? p.code.slice(CJS_WRAPPER_PREFIX.length, -3) : p.code;
      expect(parses(kind === 'cjs' ? `(function(){${body}\n})` : body, kind)).toBe(true);
      expect(p.code.split('\n').length).toBe(src.split('\n').length + (kind === 'cjs' ? 1 : 0));
    });
  }

  it('leaves generators alone and rewrites nothing in a file without async', () => {
    expect(prepareUserSource('async function* g() {}', 'esm').code).toBe('async function* g() {}');
    expect(prepareUserSource('const f = () => 1;', 'esm').code).toBe('const f = () => 1;');
  });

  it('leaves unparsable code as it is (QuickJS reports the syntax error)', () => {
    const p = prepareUserSource('export const handler = async () => { (; }', 'esm');
    expect(p.transformed).toBe(false);
    expect(p.code).toBe('export const handler = async () => { (; }');
  });

  it('survives nesting deeper than the host stack would allow a recursive walk', () => {
    const depth = 20_000;
    const src = 'const x = ' + '['.repeat(depth) + ']'.repeat(depth) + ';\nexport const handler = async () => 1;';
    expect(() => prepareUserSource(src, 'esm')).not.toThrow();
  });

  it('maps generated columns back to the original and marks inserted text', () => {
    const src = 'async function boom(a) { throw new Error("x"); }';
    const p = prepareUserSource(src, 'esm');
    const line = p.code;
    const at = (needle: string): number => line.indexOf(needle) + 1;
    expect(p.frame(1, at('throw')).rawColumn).toBe(src.indexOf('throw') + 1);
    expect(p.frame(1, at('return __lt_async')).synthetic).toBe(true);
    // `new Error(` as QuickJS reports it (at the paren) → V8's column (at `new`)
    expect(p.frame(1, line.indexOf('("x")') + 1).column).toBe(src.indexOf('new') + 1);
    expect(p.generatedColumn(1, src.indexOf('throw') + 1)).toBe(at('throw'));
    expect(p.frame(1, at('throw')).fn).toEqual({ name: 'boom', inferred: '', typeName: '' });
  });

  it('CommonJS: line 1 columns exclude the module wrapper', () => {
    const src = 'exports.handler = async (e) => e.body.length;';
    const p = prepareUserSource(src, 'cjs');
    expect(p.code.startsWith(CJS_WRAPPER_PREFIX)).toBe(true);
    const gen = p.code.indexOf('.length') + 1;
    expect(p.frame(1, gen).rawColumn).toBe(src.indexOf('.length') + 1);
    expect(p.frame(1, 3).synthetic).toBe(true);
    expect(p.frame(1, gen).fn).toEqual({ name: '', inferred: 'exports.handler', typeName: '' });
  });

  it('names functions as V8 prints them', () => {
    const src = [
      'const o = { run(v) { return 1; }, go: function () { return 2; } };',
      'class Svc { get(x) { return 3; } static make() { return 4; } constructor() { this.a = 5; } }',
      'module.exports.handler = () => 6;',
    ].join('\n');
    const p = prepareUserSource(src, 'cjs');
    const fnAt = (line: number, needle: string) => {
      const text = p.code.split('\n')[line - 1]!;
      return p.frame(line, text.indexOf(needle) + 1).fn;
    };
    expect(fnAt(1, 'return 1')).toMatchObject({ name: 'run', typeName: 'Object' });
    expect(fnAt(1, 'return 2')).toMatchObject({ name: 'go', typeName: 'Object' });
    expect(fnAt(2, 'return 3')).toMatchObject({ name: 'get', typeName: 'Svc' });
    expect(fnAt(2, 'return 4')).toMatchObject({ name: 'make', typeName: 'Svc' });
    expect(fnAt(2, 'this.a')).toMatchObject({ name: 'new Svc', typeName: '' });
    expect(fnAt(3, '6')).toMatchObject({ name: '', inferred: 'module.exports.handler' });
  });

  it('locates a function by its source text (how the runtime finds the handler)', () => {
    const src = 'const x = 1;\nexport async function handler(e) { return e; }';
    const p = prepareUserSource(src, 'esm');
    const wrapperText = p.code.slice(p.code.indexOf('function handler'), p.code.indexOf(';__lt_mark'));
    expect(p.locate(wrapperText)).toBe(src.indexOf('export async') + 'export '.length);
    expect(p.locate('function nowhere() {}')).toBeNull();
  });
});

describe('v8CallColumn', () => {
  const col = (text: string): number => v8CallColumn(text, text.lastIndexOf('('));
  it('points at the last name of the callee, or at new', () => {
    expect(col('  return helper.run(1')).toBe('  return helper.'.length);
    expect(col('x = boom (1')).toBe('x = '.length);
    expect(col('throw new Error(')).toBe('throw '.length);
    expect(col('throw new errors.NotFound(')).toBe('throw '.length);
    expect(col('a?.b?.(')).toBe('a?.'.length);
  });
  it('leaves anything else where it was', () => {
    expect(col('if (')).toBe(3);
    expect(col('fns[0](')).toBe(6);
    expect(col('(a)(')).toBe(3);
    expect(v8CallColumn('abc', 1)).toBe(1);
  });
});
