/**
 * An error that reaches a top-level `await` of an ES module (init code that loads a secret or a config) gets V8's
 * `at async file:///var/task/app.mjs:L:C` frame for the module, held to Node 22 importing the same file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';

const NODE = join(process.cwd(), 'node_modules/.bin/node');

const PROGRAMS: Record<string, string> = {
  'helper awaited at top level': ['async function load(name) {', '  await null;', '  throw new Error("no config " + name);', '}', 'const config = await load("prod");', 'export const handler = async () => config;'].join('\n'),
  'nested awaits before the top level': [
    'async function inner() {',
    '  await Promise.resolve();',
    '  return undefined.value;',
    '}',
    'async function outer() {',
    '  return { v: await inner() };',
    '}',
    '',
    'const settings = await outer();',
    'export const handler = async () => settings;',
  ].join('\n'),
};

/** The stack Node prints for the error importing `source` as /…/var/task/app.mjs, paths as on Lambda. */
function nodeStack(source: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lt-tla-'));
  const task = join(dir, 'var', 'task');
  execFileSync('mkdir', ['-p', task]);
  writeFileSync(join(task, 'app.mjs'), source);
  writeFileSync(join(dir, 'driver.mjs'), `try { await import(${JSON.stringify(join(task, 'app.mjs'))}); } catch (e) { process.stdout.write(e.stack); }\n`);
  const out = execFileSync(NODE, [join(dir, 'driver.mjs')], { encoding: 'utf8' });
  return out
    .split(`file://${task}`)
    .join('file:///var/task')
    .split('\n')
    .filter((l) => !l.includes('driver.mjs') && !l.includes('node:internal'));
}

describe('top-level await frames (held to Node 22)', () => {
  it.each(Object.entries(PROGRAMS))('%s', async (_name, source) => {
    const expected = nodeStack(source);
    expect(expected.some((l) => /^ {4}at async file:\/\/\/var\/task\/app\.mjs:\d+:\d+$/.test(l))).toBe(true);
    const r = await once({ 'app.mjs': source }, {}, { handler: 'app.handler' });
    expect(r.outcome).toBe('init-error');
    expect((r.result as { trace: string[] }).trace).toEqual(expected);
  });
});
