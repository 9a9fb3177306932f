/**
 * The sandbox's `path` against the host Node's `path.posix` (Lambda runs Linux): every function on a table of
 * inputs, the results and the errors (type, code, message) compared value for value. `resolve` and `relative`
 * run with /var/task as the working directory on both sides.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { once } from '../helpers.ts';

const PATHS = ['', '.', '..', '/', '//', '///a', 'a', 'a/', 'a//b', '/a/b/', '/a/b//', 'a/b/../c', '../a/./b', '/../a', 'a/../..', './', '.profile', 'file.', 'file.tar.gz', '/dir/.hidden', '/dir/..', 'x/y/.', '/a/b/c.d/', 'a/..', '../../x/../y/'];
const NOT_STRINGS: unknown[] = [undefined, null, 1, { a: 1 }, ['a']];

type Call = { fn: string; args: unknown[] };
const CALLS: Call[] = [
  ...PATHS.flatMap((p) => ['basename', 'dirname', 'extname', 'normalize', 'isAbsolute', 'parse'].map((fn) => ({ fn, args: [p] }))),
  ...PATHS.map((p) => ({ fn: 'basename', args: [p, '.gz'] })),
  { fn: 'basename', args: ['/a/b.js', 'b.js'] },
  { fn: 'basename', args: ['/a/b.js', 'js'] },
  ...PATHS.map((p) => ({ fn: 'join', args: ['/var/task', p] })),
  { fn: 'join', args: [] },
  { fn: 'join', args: ['', ''] },
  { fn: 'join', args: ['a', '', '../b/'] },
  ...PATHS.map((p) => ({ fn: 'resolve', args: [p] })),
  { fn: 'resolve', args: ['/a', 'b', '../c', '/d', 'e'] },
  { fn: 'resolve', args: [] },
  ...PATHS.slice(0, 12).map((p) => ({ fn: 'relative', args: ['/var/task/src', p] })),
  { fn: 'relative', args: ['/a/b', '/a/b'] },
  { fn: 'format', args: [{ root: '/', dir: '/home/u', base: 'f.txt' }] },
  { fn: 'format', args: [{ root: '/', name: 'f', ext: 'txt' }] },
  { fn: 'format', args: [{ dir: 'x', name: 'f', ext: '.md' }] },
  { fn: 'format', args: [{ root: '/' }] },
  ...NOT_STRINGS.flatMap((v) => [
    { fn: 'join', args: ['/tmp', v] },
    { fn: 'resolve', args: ['/tmp', v] },
    { fn: 'basename', args: [v] },
    { fn: 'dirname', args: [v] },
    { fn: 'relative', args: ['/tmp', v] },
  ]),
  { fn: 'basename', args: ['/a', 1] },
  { fn: 'format', args: [null] },
];

/** What calling `fn` gives: the value, or the error's name, code and message. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (e) {
    const err = e as Error & { code?: string };
    return { error: [err.name, err.code, err.message] };
  }
}

describe('path (sandbox) against the host Node path.posix', () => {
  it('every function, every input: same value, same error', async () => {
    const r = await once(
      {
        'index.mjs': `import path from 'node:path';
const CALLS = ${JSON.stringify(CALLS.map((c) => ({ fn: c.fn, args: c.args.map((a) => (a === undefined ? '__undefined__' : a)) })))};
export const handler = async () => CALLS.map(({ fn, args }) => {
  const real = args.map((a) => (a === '__undefined__' ? undefined : a));
  try { return { value: path[fn](...real) }; } catch (e) { return { error: [e.name, e.code, e.message] }; }
});`,
      },
      {},
    );
    expect(r.outcome).toBe('success');
    const cwd = process.cwd;
    process.cwd = () => '/var/task';
    try {
      const host = CALLS.map((c) => outcome(() => (path.posix as unknown as Record<string, (...a: unknown[]) => unknown>)[c.fn]!(...c.args)));
      const got = r.result as unknown[];
      CALLS.forEach((c, i) => expect(got[i], `${c.fn}(${c.args.map((a) => JSON.stringify(a)).join(', ')})`).toEqual(JSON.parse(JSON.stringify(host[i]))));
    } finally {
      process.cwd = cwd;
    }
  });
});
