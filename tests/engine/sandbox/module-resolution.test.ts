import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiskFileView } from '../../../src/cli/project.ts';
import {
  createModuleResolver,
  createRecordFileView,
  packageName,
  type RequestKind,
} from '../../../src/engine/sandbox/module-resolution.ts';
import { once } from '../helpers.ts';

/** Node 22 from node_modules/.bin (the project's pinned Node), to hold the resolver to the real one. */
const NODE = join(process.cwd(), 'node_modules/.bin/node');

// One tree that exercises each rule; the same tree is written to disk for Node and read by the resolver.
const TREE: Record<string, string> = {
  'app/package.json': JSON.stringify({ name: 'app', imports: { '#int': './util.js', '#cfg/*': './sub/*.js', '#dep': 'plain' } }),
  'app/util.js': 'module.exports = "util";',
  'app/data.json': '{"a":1}',
  'app/sub/index.js': 'module.exports = "sub";',
  'app/sub/extra.js': 'module.exports = "extra";',
  'app/m.mjs': 'export default "m";',
  'app/node_modules/pkg/package.json': JSON.stringify({
    name: 'pkg',
    exports: {
      '.': { import: './lib/i.mjs', require: './lib/r.js' },
      './feat/*': './lib/*.js',
      './feat/internal/*': null,
      './package.json': './package.json',
    },
  }),
  'app/node_modules/pkg/lib/r.js': 'module.exports = "r";',
  'app/node_modules/pkg/lib/i.mjs': 'export default "i";',
  'app/node_modules/pkg/lib/a.js': 'module.exports = "a";',
  'app/node_modules/pkg/lib/internal/x.js': 'module.exports = "x";',
  'app/node_modules/nomain/package.json': JSON.stringify({ name: 'nomain', main: 'missing.js' }),
  'app/node_modules/noentry/package.json': JSON.stringify({ name: 'noentry' }),
  'app/node_modules/plain/index.js': 'module.exports = "plain";',
  'app/node_modules/plain/more.js': 'module.exports = "more";',
  'app/node_modules/esmonly/package.json': JSON.stringify({ name: 'esmonly', exports: { import: './i.mjs' } }),
  'app/node_modules/esmonly/i.mjs': 'export default "esm";',
  'app/node_modules/@scope/thing/package.json': JSON.stringify({ name: '@scope/thing', main: './dist/main' }),
  'app/node_modules/@scope/thing/dist/main.js': 'module.exports = "scoped";',
  'app/node_modules/outer/package.json': JSON.stringify({ name: 'outer', main: 'index.js' }),
  'app/node_modules/outer/index.js': 'module.exports = require("inner");',
  'app/node_modules/outer/node_modules/inner/index.js': 'module.exports = "nested inner";',
  'app/node_modules/inner/index.js': 'module.exports = "top inner";',
  'app/node_modules/arr/package.json': JSON.stringify({ name: 'arr', exports: { '.': [{ worker: './w.js' }, './d.js'] } }),
  'app/node_modules/arr/d.js': 'module.exports = "d";',
  'node_modules/above/index.js': 'module.exports = "above";',
};

const CASES: Array<[string, RequestKind]> = [
  ['pkg', 'require'], ['pkg', 'import'],
  ['pkg/feat/a', 'require'], ['pkg/feat/a', 'import'],
  ['pkg/feat/internal/x', 'require'], ['pkg/feat/internal/x', 'import'],
  ['pkg/nope', 'require'], ['pkg/nope', 'import'],
  ['pkg/lib/r.js', 'require'], ['pkg/package.json', 'require'],
  ['nomain', 'require'], ['nomain', 'import'],
  ['noentry', 'require'], ['noentry', 'import'],
  ['plain', 'require'], ['plain', 'import'], ['plain/more', 'require'], ['plain/more', 'import'], ['plain/more.js', 'import'],
  ['esmonly', 'require'], ['esmonly', 'import'],
  ['@scope/thing', 'require'], ['@scope/thing', 'import'], ['@scope/missing', 'import'],
  ['outer', 'require'], ['inner', 'require'], ['above', 'require'], ['above', 'import'],
  ['arr', 'require'],
  ['./util', 'require'], ['./util', 'import'], ['./util.js', 'import'], ['./data.json', 'require'], ['./data', 'require'],
  ['./sub', 'require'], ['./sub', 'import'], ['./missing', 'require'], ['./missing.js', 'import'], ['./m', 'require'], ['./m.mjs', 'import'],
  ['nothere', 'require'], ['nothere', 'import'],
  // A subpath of a missing package: Node's ES resolver names the package only, require() the whole specifier.
  ['nothere/sub/path', 'require'], ['nothere/sub/path', 'import'], ['@scope/missing/deep', 'import'],
  ['#int', 'require'], ['#int', 'import'], ['#cfg/extra', 'require'], ['#cfg/extra', 'import'], ['#nope', 'require'], ['#nope', 'import'], ['#dep', 'require'],
];

type Outcome = { ok: true; path: string } | { ok: false; code: string; message: string };

/** Ask Node 22 the same questions from app/index.cjs (require) and app/index.mjs (import). */
function askNode(root: string): Record<string, Outcome> {
  const cjs = `const out = {};
for (const s of ${JSON.stringify(CASES.filter(([, k]) => k === 'require').map(([s]) => s))}) {
  try { out[s] = { ok: true, path: require.resolve(s) }; }
  catch (e) { out[s] = { ok: false, code: e.code, message: e.message.split('\\nRequire stack:')[0] }; }
}
process.stdout.write(JSON.stringify(out));`;
  const esm = `const out = {};
for (const s of ${JSON.stringify(CASES.filter(([, k]) => k === 'import').map(([s]) => s))}) {
  try { await import(s); out[s] = { ok: true, path: new URL(import.meta.resolve(s)).pathname }; }
  catch (e) { out[s] = { ok: false, code: e.code, message: e.message }; }
}
process.stdout.write(JSON.stringify(out));`;
  writeFileSync(join(root, 'app/index.cjs'), cjs);
  writeFileSync(join(root, 'app/index.mjs'), esm);
  // A clean environment: the test runner's NODE_OPTIONS (module hooks) change Node's messages.
  const env = { PATH: process.env['PATH'] ?? '' };
  // Node's hint after a failed relative import is resolved from the working directory (module-resolution.ts).
  const cwd = join(root, 'app');
  const r = JSON.parse(execFileSync(NODE, [join(root, 'app/index.cjs')], { encoding: 'utf8', env, cwd })) as Record<string, Outcome>;
  const i = JSON.parse(execFileSync(NODE, [join(root, 'app/index.mjs')], { encoding: 'utf8', env, cwd })) as Record<string, Outcome>;
  const out: Record<string, Outcome> = {};
  for (const [s, o] of Object.entries(r)) out[`require ${s}`] = o;
  for (const [s, o] of Object.entries(i)) out[`import ${s}`] = o;
  return out;
}

describe('module resolution agrees with Node 22 (same tree on disk)', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'lt-resolve-')));
  for (const [p, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  const node = askNode(root);
  const resolver = createModuleResolver(createDiskFileView(), { cwd: join(root, 'app') });

  it.each(CASES)('%s (%s)', (spec, kind) => {
    const parent = join(root, kind === 'require' ? 'app/index.cjs' : 'app/index.mjs');
    const ours = resolver.resolve(spec, parent, kind);
    const theirs = node[`${kind} ${spec}`]!;
    expect(theirs).toBeDefined();
    expect(ours).toEqual(theirs);
  });
});

describe('module resolution inside the sandbox', () => {
  const files = (extra: Record<string, string>): Record<string, string> => ({ ...TREE, ...extra });
  const task = (t: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(t).filter(([p]) => p.startsWith('app/')).map(([p, v]) => [p.slice(4), v]));

  it('require() follows exports conditions, patterns, imports and nested node_modules', async () => {
    const r = await once(task(files({
      'app/index.js': 'exports.handler = async () => [require("pkg"), require("pkg/feat/a"), require("#int"), require("#cfg/extra"), require("outer"), require("inner"), require("@scope/thing"), require("./sub"), require("./data").a];',
    })));
    expect(r.errorMessage).toBeNull();
    expect(r.result).toEqual(['r', 'a', 'util', 'extra', 'nested inner', 'top inner', 'scoped', 'sub', 1]);
  });

  it('import picks the import condition and reads an ES module package', async () => {
    const r = await once(task(files({
      'app/index.mjs': 'import i from "pkg"; import e from "esmonly"; import a from "pkg/feat/a"; import u from "#int";\nexport const handler = async () => [i, e, a, u];',
    })));
    expect(r.errorMessage).toBeNull();
    expect(r.result).toEqual(['i', 'esm', 'a', 'util']);
  });

  it('an unexported subpath is Node\'s ERR_PACKAGE_PATH_NOT_EXPORTED (CommonJS, not wrapped by the RIC)', async () => {
    const r = await once(task(files({ 'app/index.js': 'const x = require("pkg/nope");\nexports.handler = async () => x;' })));
    expect(r.errorType).toBe('Error');
    expect(r.errorMessage).toBe('Package subpath \'./nope\' is not defined by "exports" in /var/task/node_modules/pkg/package.json');
    expect(JSON.stringify(r.logs)).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('an unexported subpath from an ES module names the importer', async () => {
    const r = await once(task(files({ 'app/index.mjs': 'import x from "pkg/nope";\nexport const handler = async () => x;' })));
    expect(r.errorType).toBe('Error');
    expect(r.errorMessage).toBe('Package subpath \'./nope\' is not defined by "exports" in /var/task/node_modules/pkg/package.json imported from /var/task/index.mjs');
  });

  it('a missing module in a package keeps the require stack (Runtime.ImportModuleError)', async () => {
    const r = await once(task(files({ 'app/lib.js': 'module.exports = require("nothere");', 'app/index.js': 'const l = require("./lib");\nexports.handler = async () => l;' })));
    expect(r.errorType).toBe('Runtime.ImportModuleError');
    expect(r.errorMessage).toBe("Error: Cannot find module 'nothere'\nRequire stack:\n- /var/task/lib.js\n- /var/task/index.js\n- /var/runtime/index.mjs");
  });

  it('an extensionless ES import fails with Node\'s hint (resolved from the working directory, /var/task)', async () => {
    const r = await once(task(files({ 'app/index.mjs': 'import u from "./util";\nexport const handler = async () => u;' })));
    expect(r.errorMessage).toBe('Cannot find module \'/var/task/util\' imported from /var/task/index.mjs\nDid you mean to import "./util.js"?');
    const deeper = await once(task(files({ 'app/sub/h.mjs': 'import u from "./extra";\nexport const handler = async () => u;' })), {}, { handler: 'sub/h.handler' });
    expect(deeper.errorMessage).toBe('Cannot find module \'/var/task/sub/extra\' imported from /var/task/sub/h.mjs');
  });

  it('the nearest package.json "type" decides a .js file inside a package', async () => {
    const r = await once({
      'index.js': 'exports.handler = async () => require("esm-pkg").value;',
      'node_modules/esm-pkg/package.json': JSON.stringify({ name: 'esm-pkg', type: 'module', main: 'main.js' }),
      'node_modules/esm-pkg/main.js': 'export const value = 42;',
    });
    expect(r.errorMessage).toBeNull();
    expect(r.result).toBe(42);
  });

  it('a native addon names the package and the Node runner', async () => {
    const r = await once({
      'index.js': 'exports.handler = async () => require("fast-hash").hash("x");',
      'node_modules/fast-hash/package.json': JSON.stringify({ name: 'fast-hash', main: 'index.js' }),
      'node_modules/fast-hash/index.js': 'module.exports = require("./build/Release/hash.node");',
      'node_modules/fast-hash/build/Release/hash.node': '',
    });
    expect(r.errorMessage).toContain("The package 'fast-hash' needs a native addon (hash.node)");
    expect(r.errorMessage).toContain('--runner node');
    const b = await once({
      'index.js': 'exports.handler = async () => require("db-driver");',
      'node_modules/db-driver/index.js': 'module.exports = require("bindings")("driver");',
    });
    expect(b.errorMessage).toContain("The package 'db-driver' needs a native addon (loaded through 'bindings')");
  });
});

describe('module resolution helpers', () => {
  it('packageName splits scoped and plain specifiers', () => {
    expect(packageName('@aws-sdk/client-s3/dist')).toBe('@aws-sdk/client-s3');
    expect(packageName('lodash/fp')).toBe('lodash');
    expect(packageName('@scope')).toBeNull();
    expect(packageName('./x')).toBeNull();
  });

  it('format: "type" wins, a package boundary stops the search, syntax detection otherwise', () => {
    const r = createModuleResolver(createRecordFileView({
      '/var/task/package.json': '{"type":"module"}',
      '/var/task/a.js': 'module.exports = 1',
      '/var/task/node_modules/x/a.js': 'export const y = 1;',
      '/var/task/node_modules/y/package.json': '{"type":"commonjs"}',
      '/var/task/node_modules/y/a.js': 'export const y = 1;',
      '/var/task/node_modules/z/a.js': 'const x = require("x");',
    }));
    expect(r.format('/var/task/a.js')).toBe('esm');
    expect(r.format('/var/task/node_modules/x/a.js')).toBe('esm');
    expect(r.format('/var/task/node_modules/y/a.js')).toBe('cjs');
    expect(r.format('/var/task/node_modules/z/a.js')).toBe('cjs');
    expect(r.format('/var/task/b.mts')).toBe('esm');
    expect(r.format('/var/task/b.cts')).toBe('cjs');
  });
});
