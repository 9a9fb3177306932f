/**
 * bin/lambda-triage.mjs: the Node version check, the bundle of the CLI's sources and its freshness, and
 * the fallback to the sources.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCliBundle, freshBundleEntry } from '../../scripts/cli-bundle.mjs';

const root = resolve(import.meta.dirname, '../..');
const nodeBin = join(root, 'node_modules/.bin/node');
const cliBin = join(root, 'bin/lambda-triage.mjs');

function run(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(nodeBin, [...nodeArgs, cliBin, ...args], { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

describe('bin/lambda-triage.mjs', () => {
  it('an older Node gets how to run it, not ERR_UNKNOWN_FILE_EXTENSION', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-bin-'));
    const fake = join(dir, 'node20.cjs');
    writeFileSync(fake, "Object.defineProperty(process.versions, 'node', { value: '20.11.1' });");
    const r = await run(['--version'], {}, ['--require', fake]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('lambda-triage needs Node.js 22.12 or newer; this is Node.js 20.11.1.');
    expect(r.stderr).toContain('npx lambda-triage');
    expect(r.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });

  it('runs from the bundle and from the sources with the same answer', async () => {
    const bundled = await run(['--version']);
    const source = await run(['--version'], { LAMBDA_TRIAGE_FROM_SOURCE: '1' });
    expect(bundled).toEqual({ code: 0, stdout: source.stdout, stderr: '' });
    expect(bundled.stdout).toMatch(/^lambda-triage \d+\.\d+\.\d+\n$/);
  });

  it('invoke gives the same answer with and without the wasm optimising compiler, exit code and all output kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lt-bin-'));
    const handler = join(dir, 'index.mjs');
    // A failing handler (exit code 1) with a large result in the logs: the early exit must not cut the output.
    writeFileSync(handler, "export const handler = async () => { console.log('x'.repeat(200000)); throw new Error('boom'); };");
    const baseline = await run(['invoke', handler, '--json'], { LAMBDA_TRIAGE_WASM_TIERUP: '1' });
    const fast = await run(['invoke', handler, '--json']);
    expect(baseline.code).toBe(1);
    expect(fast.code).toBe(1);
    const report = JSON.parse(fast.stdout) as { invocations: Array<{ errorType: string; logs: string[] }> };
    expect(report.invocations[0]?.errorType).toBe('Error');
    expect(report.invocations[0]?.logs.some((l) => l.includes('x'.repeat(200000)))).toBe(true);
    expect(fast.stdout).toBe(baseline.stdout);
  }, 60_000);

  it('the bundle is fresh after a build and stale once one of its sources is newer', async () => {
    const entry = await buildCliBundle();
    expect(existsSync(entry)).toBe(true);
    expect(freshBundleEntry()).toBe(entry);
    const source = join(root, 'src/cli/commands.ts');
    const before = statSync(source);
    try {
      const later = new Date(Date.now() + 60_000);
      utimesSync(source, later, later);
      expect(freshBundleEntry()).toBeNull();
    } finally {
      utimesSync(source, before.atime, before.mtime);
    }
    expect(freshBundleEntry()).toBe(entry);
  }, 60_000);
});
