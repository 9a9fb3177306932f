import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripTypeScript } from '../../../src/engine/sandbox/typescript.ts';
import { once } from '../helpers.ts';

/** Node 22 from node_modules/.bin: it runs TypeScript itself (type stripping; enums and parameter properties with --experimental-transform-types). */
const NODE = join(process.cwd(), 'node_modules/.bin/node');

/** TypeScript handlers that throw; Node 22 and the simulator must name the same TypeScript lines and columns. */
const PROGRAMS: Record<string, string> = {
  annotations: [
    'interface Ev { a?: { b: string } }',
    'type Out = Promise<number>;',
    'export const handler = async (event: Ev): Out => {',
    '  const v: string = (event.a as any).b;',
    '  return v.length;',
    '};',
  ].join('\n'),
  nonNull: [
    'export const handler = async (event: { a?: { b: { c: number } } }) => {',
    '  const x: number = event.a!.b.c;',
    '  return x;',
    '};',
  ].join('\n'),
  generics: [
    'function first<T extends object>(xs: Array<T>): T { return xs[0]!; }',
    'export async function handler(): Promise<number> {',
    '  const item = first<{ n: { m: number } }>([]) satisfies object;',
    '  return item.n.m;',
    '}',
  ].join('\n'),
  enumAndClass: [
    'enum Level { Low = 1, High }',
    'class Repo { constructor(private readonly table: string, public n?: number) {} get(id: string): { v: number } { return (undefined as any)[this.table + id]; } }',
    'interface Ev { id?: string }',
    'export const handler = async (event: Ev): Promise<number> => {',
    "  const r = new Repo('t' as string, Level.High);",
    '  return r.get(event.id!).v;',
    '};',
  ].join('\n'),
  // sucrase's source map loses the columns after a template literal with a substitution (see typescript.ts).
  afterTemplate: [
    'export const handler = async (event: { records?: unknown[]; id: string }, context?: object): Promise<number> => {',
    '  console.log(`Event: ${JSON.stringify(event, null, 2)} ${context ? `ctx ${1}` : ""}`);',
    '  let n: number = 0;',
    '  for (const record of event.records as unknown[]) n += (record as { v: number }).v;',
    '  return n;',
    '};',
  ].join('\n'),
  asyncChain: [
    'async function load(id: string): Promise<{ name: string }> {',
    '  await Promise.resolve(id as unknown as number);',
    '  const row: Record<string, { name: string }> = {};',
    '  return { name: row[id]!.name };',
    '}',
    'export const handler = async (event: { id: string }): Promise<string> => {',
    '  const { name } = await load(event.id);',
    '  return name;',
    '};',
  ].join('\n'),
};

/** `line:column` of every frame in app.mts, in order. */
function positions(stack: string[]): string[] {
  return stack.flatMap((l) => [...l.matchAll(/app\.mts:(\d+:\d+)/g)].map((m) => m[1]!));
}

function nodeStack(source: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lt-ts-'));
  writeFileSync(join(dir, 'app.mts'), source);
  writeFileSync(join(dir, 'driver.mjs'), 'const m = await import("./app.mts");\ntry { await m.handler({ id: "x" }); } catch (e) { process.stdout.write(e.stack); }\n');
  const out = execFileSync(NODE, ['--experimental-transform-types', '--no-warnings', join(dir, 'driver.mjs')], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
  return out.split('\n');
}

describe('TypeScript frames name the TypeScript the user wrote (held to Node 22 running the same .mts)', () => {
  it.each(Object.entries(PROGRAMS))('%s', async (_name, source) => {
    const expected = positions(nodeStack(source));
    expect(expected.length).toBeGreaterThan(0);
    const r = await once({ 'app.mts': source }, { id: 'x' }, { handler: 'app.handler' });
    const trace = (r.result as { trace: string[] }).trace;
    expect(trace[0]).toMatch(/^TypeError: /);
    expect(positions(trace)).toEqual(expected);
    expect(trace.join('\n')).toContain('file:///var/task/app.mts:');
  });
});

describe('TypeScript handlers', () => {
  it('app.handler finds app.ts when there is no app.js; .ts without module syntax is CommonJS', async () => {
    const r = await once(
      {
        'app.ts': [
          "import x = require('./lib');",
          'enum Color { Red, Green }',
          'class Svc { constructor(private readonly name: string) {} run(n: number): string { return this.name + n; } }',
          'const handler = async (event: { k?: string }) => new Svc(event.k!).run(Color.Green) + x.value;',
          'export = { handler };',
        ].join('\n'),
        'lib.cts': 'const value: number = 7;\nexport = { value };',
      },
      { k: 'a' },
      { handler: 'app.handler' },
    );
    expect(r.errorMessage).toBeNull();
    expect(r.result).toBe('a17');
  });

  it('import x = require() in an ES module .ts fails as it does after tsc with ES output (require is not defined)', async () => {
    const r = await once({ 'app.ts': "import x = require('./lib');\nexport const handler = async () => x;", 'lib.js': 'module.exports = 1;' }, {}, { handler: 'app.handler' });
    expect(r.errorType).toBe('ReferenceError');
    expect(r.errorMessage).toMatch(/^require is not defined/);
  });

  it('app.js wins over app.ts (the runtime looks for the built JavaScript first)', async () => {
    const r = await once({ 'app.js': 'exports.handler = async () => "js";', 'app.ts': 'export const handler = async (): Promise<string> => "ts";' }, {}, { handler: 'app.handler' });
    expect(r.result).toBe('js');
  });

  it('.ts follows the nearest package.json type and imports its siblings as .js', async () => {
    const r = await once(
      {
        'package.json': '{"type":"module"}',
        'src/index.ts': "import type { Item } from './types.js';\nimport { price } from './price.js';\nexport const handler = async (): Promise<number> => price({ cents: 250 } satisfies Item);",
        'src/types.ts': 'export interface Item { cents: number }',
        'src/price.ts': "import type { Item } from './types.js';\nexport const price = (i: Item): number => i.cents / 100;",
      },
      {},
      { handler: 'src/index.handler' },
    );
    expect(r.errorMessage).toBeNull();
    expect(r.result).toBe(2.5);
  });

  it('a TypeScript syntax error is Runtime.UserCodeSyntaxError naming the file, line and column', async () => {
    const r = await once({ 'app.ts': 'const a: number = 1;\nexport const handler = async (event: { id: string ) => a;\n' }, {}, { handler: 'app.handler' });
    expect(r.errorType).toBe('Runtime.UserCodeSyntaxError');
    expect(r.errorMessage).toMatch(/^SyntaxError: .+ \(\/var\/task\/app\.ts:2:\d+\)$/);
  });

  it('CommonJS .cts frames point at TypeScript columns', async () => {
    const r = await once({ 'app.cts': 'const f = (o: { a?: { b: number } }): number => o.a!.b;\nexports.handler = async (): Promise<number> => f({});' }, {}, { handler: 'app.handler' });
    const trace = (r.result as { trace: string[] }).trace;
    // `o.a!.b`: V8 points at `b`, column 54 of the TypeScript (the JavaScript has no `: { … }` annotations)
    expect(trace[1]).toBe('    at f (/var/task/app.cts:1:54)');
  });
});

describe('stripTypeScript', () => {
  it('keeps every line and maps columns both ways', () => {
    const src = 'const a: Record<string, number> = {};\nexport function f(x: number, y?: string): void { g(x); }';
    const s = stripTypeScript(src, '/var/task/a.ts');
    if (!s.ok) throw new Error(s.message);
    expect(s.code.split('\n')).toHaveLength(2);
    const jsCol = s.code.split('\n')[1]!.indexOf('g(x)') + 1;
    const tsCol = src.split('\n')[1]!.indexOf('g(x)') + 1;
    expect(s.toSource(2, jsCol)).toBe(tsCol);
    expect(s.toGenerated(2, tsCol)).toBe(jsCol);
  });

  it('reports where sucrase stopped', () => {
    const s = stripTypeScript('let x: = 1;', '/var/task/a.ts');
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.line).toBe(1);
  });

  it('strips 1 MB of TypeScript, every line kept (its time is a bench figure: scripts/bench-engine.ts)', () => {
    const unit = 'export function f__N(a: number, b?: string): { n: number } { return { n: a + (b as unknown as number) } satisfies { n: number }; }\n';
    let text = '';
    for (let i = 0; text.length < 1_000_000; i++) text += unit.replace('__N', String(i));
    const s = stripTypeScript(text, '/var/task/big.ts');
    if (!s.ok) throw new Error(s.message);
    expect(s.code.split('\n')).toHaveLength(text.split('\n').length);
    expect(s.code).not.toContain('satisfies');
  });
});
