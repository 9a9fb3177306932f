// The engine must run unchanged in Node and in a Web Worker. Its tsconfig has no DOM and no Node
// types; compiling it here makes `npm test` fail as soon as engine code touches window, document,
// process or a node: module.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;
const engineDir = join(repo, 'src/engine');

function engineFiles(dir = engineDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? engineFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('engine purity', () => {
  it('type-checks with no DOM and no Node types', () => {
    const result = spawnSync(join(repo, 'node_modules/.bin/tsc'), ['-p', 'src/engine/tsconfig.json'], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);

  it('imports no Node built-ins, Astro, Monaco or playground code', () => {
    const offenders = engineFiles().flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      return [...source.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)]
        .map((m) => m[1]!)
        .filter((spec) => /^(node:|astro|monaco-editor|fs$|path$|child_process$)/.test(spec) || spec.includes('/playground/'))
        .map((spec) => `${file.slice(repo.length)} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });
});
