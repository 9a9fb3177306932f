/**
 * What a plain `lambda-triage invoke` loads at start-up (scripts/cli-bundle.mjs, bin/lambda-triage.mjs): one bundle
 * file per command, and none of the code or Node built-ins of the modes it does not use (the Node runner, Python,
 * --load, --concurrent, streaming). Start-up time itself is a bench figure (npm run bench:cli), not a test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_FILES, DATA_FILES, buildCliBundle } from '../../scripts/cli-bundle.mjs';

const root = resolve(import.meta.dirname, '../..');
const nodeBin = join(root, 'node_modules/.bin/node');
const cliBin = join(root, 'bin/lambda-triage.mjs');

/** Preloaded into the CLI process: records every module URL it resolves and, at exit, Node's built-in load list. */
const RECORDER =
  "import { registerHooks } from 'node:module';" +
  'const urls = [];' +
  'registerHooks({ resolve(s, c, next) { const r = next(s, c); urls.push(r.url); return r; } });' +
  "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify({ urls, builtins: process.moduleLoadList }) + '\\n'));";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Run> {
  return new Promise((done) => {
    execFile(nodeBin, [...nodeArgs, cliBin, ...args], { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

/** What the recorder saw in a run. */
function loaded(r: Run): { urls: string[]; builtins: string[] } {
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(`no LOADED line in: ${r.stderr}`);
  return JSON.parse(line.slice('LOADED '.length)) as { urls: string[]; builtins: string[] };
}

function trivialHandler(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lt-startup-'));
  const file = join(dir, 'index.mjs');
  writeFileSync(file, 'export const handler = async () => ({ statusCode: 200, body: "ok" });');
  return file;
}

describe('lambda-triage start-up', () => {
  it('the bundle is main.mjs, one file per command and per data module, no shared chunks', async () => {
    const entry = await buildCliBundle();
    expect(readdirSync(dirname(entry)).sort()).toEqual(['main.mjs', ...[...Object.keys(COMMAND_FILES), ...Object.keys(DATA_FILES)].map((n) => `${n}.mjs`)].sort());
  }, 60_000);

  it('a plain invoke loads main.mjs and invoke-command.mjs of the bundle, and no built-in of the modes it does not use', async () => {
    const handler = trivialHandler();
    await run(['--version']); // builds the bundle when a source changed
    const r = await run(['invoke', handler], {}, ['--import', `data:text/javascript,${encodeURIComponent(RECORDER)}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('{"statusCode":200,"body":"ok"}');
    const { urls, builtins } = loaded(r);
    const ours = urls.filter((u) => u.includes('/node_modules/.cache/lambda-triage/')).map((u) => u.slice(u.lastIndexOf('/') + 1));
    expect([...new Set(ours)].sort()).toEqual(['invoke-command.mjs', 'main.mjs']);
    // The Node runner (worker_threads, os), Python (vm, crypto), file reads through promises.
    for (const name of ['worker_threads', 'vm', 'crypto', 'fs/promises', 'os']) expect(builtins, name).not.toContain(`NativeModule ${name}`);
  }, 60_000);

  it('a plain invoke prints the same from the bundle as from the sources', async () => {
    const handler = trivialHandler();
    const bundled = await run(['invoke', handler]);
    const source = await run(['invoke', handler], { LAMBDA_TRIAGE_FROM_SOURCE: '1' });
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
    expect(bundled.stderr).toBe('');
  }, 60_000);
});
