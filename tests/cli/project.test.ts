import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectRequests, loadProject } from '../../src/cli/project.ts';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lt-project-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('loadProject', () => {
  const dir = project({
    'package.json': '{"name":"p","type":"module"}',
    'src/index.ts': "import { a } from './a.js';\nimport type { T } from './types.js';\nconst b = await import('./b.js');\nexport const handler = async () => a + b.default;",
    'src/a.ts': 'export const a: number = 1;',
    'src/b.js': 'export default 2;',
    'src/types.ts': 'export type T = number;',
    'src/unused.js': 'export default 3;',
    'node_modules/dep/package.json': '{"name":"dep","main":"lib/main.js"}',
    'node_modules/dep/lib/main.js': 'module.exports = require("./helper");',
    'node_modules/dep/lib/helper.js': 'module.exports = 1;',
    'src/uses-dep.js': 'import d from "dep";\nimport { S3Client } from "@aws-sdk/client-s3";\nimport fs from "node:fs";\nexport const handler = async () => d;',
  });

  it('a folder with --handler src/index.handler copies the reachable files (types-only imports are not followed)', () => {
    const r = loadProject({ path: dir, handler: 'src/index.handler' });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.handler).toBe('src/index.handler');
    expect(Object.keys(r.value.files).sort()).toEqual(['package.json', 'src/a.ts', 'src/b.js', 'src/index.ts']);
  });

  it('a handler file finds the project root and brings its packages, not the simulated SDK or built-ins', () => {
    const r = loadProject({ path: join(dir, 'src/uses-dep.js') });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.handler).toBe('src/uses-dep.handler');
    expect(Object.keys(r.value.files).sort()).toEqual(['node_modules/dep/lib/helper.js', 'node_modules/dep/lib/main.js', 'node_modules/dep/package.json', 'package.json', 'src/uses-dep.js']);
  });

  it('a handler file with --handler naming it from a folder below the project root: that folder is /var/task, packages above still come along', () => {
    const cdk = project({
      'package.json': '{"name":"stack","type":"module"}',
      'node_modules/dep/package.json': '{"name":"dep","main":"index.js"}',
      'node_modules/dep/index.js': 'module.exports = 1;',
      'lambda/app.js': 'const d = require("dep");\nexports.handler = async () => d;',
    });
    const file = join(cdk, 'lambda/app.js');
    // As Lambda is configured when the package is built from lambda/ (CDK Code.fromAsset('lambda'), handler app.handler).
    const below = loadProject({ path: file, handler: 'app.handler' });
    if (!below.ok) throw new Error(below.error);
    expect(below.value.root).toBe(join(cdk, 'lambda'));
    expect(below.value.handler).toBe('app.handler');
    // The project's package.json (and its "type": "module") is not in that package, as on Lambda.
    expect(Object.keys(below.value.files).sort()).toEqual(['app.js', 'node_modules/dep/index.js', 'node_modules/dep/package.json']);
    // A handler string from the project root keeps it; one naming another module keeps it too (Lambda would fail to find it).
    const fromRoot = loadProject({ path: file, handler: 'lambda/app.handler' });
    expect(fromRoot.ok && fromRoot.value.root).toBe(cdk);
    const other = loadProject({ path: file, handler: 'index.handler' });
    expect(other.ok && [other.value.root, other.value.handler]).toEqual([cdk, 'index.handler']);
  });

  it('bad input: one line naming the file and the fix', () => {
    const missing = loadProject({ path: join(dir, 'nope.ts') });
    expect(missing).toEqual({ ok: false, error: expect.stringMatching(/^handler file .*nope\.ts does not exist: give the path/) });
    const noRoot = loadProject({ path: dir, handler: 'lib/index.handler' });
    expect(noRoot).toEqual({ ok: false, error: expect.stringMatching(/^--handler lib\/index\.handler: the folder .*lib\/ does not exist/) });
    const noFile = loadProject({ path: dir, handler: 'src/main.handler' });
    expect(noFile).toEqual({ ok: false, error: expect.stringMatching(/no .*src\/main\.js, \.mjs, \.cjs or \.ts file/) });
    expect(loadProject({ path: dir })).toEqual({ ok: false, error: expect.stringMatching(/is a folder: name the handler inside it with --handler/) });
  });

  it('caps: file count and bytes', () => {
    expect(loadProject({ path: dir, handler: 'src/index.handler', maxFiles: 2 })).toEqual({ ok: false, error: expect.stringMatching(/more than 2 files/) });
    expect(loadProject({ path: dir, handler: 'src/index.handler', maxBytes: 10 })).toEqual({ ok: false, error: expect.stringMatching(/MB of files/) });
  });
});

describe('the default handler name of a handler file', () => {
  it.each(['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'])('x.%s → x.handler (and sub/x.%s → sub/x.handler)', (ext) => {
    const dir = project({ 'package.json': '{"name":"p"}', [`x.${ext}`]: 'exports.handler = async () => 1;', [`sub/x.${ext}`]: 'exports.handler = async () => 1;' });
    const top = loadProject({ path: join(dir, `x.${ext}`) });
    expect(top.ok && top.value.handler).toBe('x.handler');
    const nested = loadProject({ path: join(dir, 'sub', `x.${ext}`) });
    expect(nested.ok && nested.value.handler).toBe('sub/x.handler');
  });
});

describe('collectRequests', () => {
  it('finds static imports, re-exports, literal import() and require()', () => {
    expect(collectRequests('import a from "a"; export * from "b"; export { c } from "c"; import("d"); import(x);', true)).toEqual(
      expect.arrayContaining([['a', 'import'], ['b', 'import'], ['c', 'import'], ['d', 'import']]),
    );
    expect(collectRequests('const e = require("e"); require(name); require(`f`);', false).sort()).toEqual([['e', 'require'], ['f', 'require']]);
  });
});
