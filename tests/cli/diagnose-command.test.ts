import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { runDiagnose } from '../../src/cli/diagnose-command.ts';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), readStdin: async () => stdin }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'lt-diagnose-'));
const logFile = join(dir, 'exec.log');
writeFileSync(
  logFile,
  '(7c9e6679-7425-40de-944b-e07fc1f90ae7) Endpoint response body before transformations: {"statusCode":200,"body":{"ok":true}}\n(7c9e6679-7425-40de-944b-e07fc1f90ae7) Execution failed due to configuration error: Malformed Lambda proxy response\n',
);

describe('lambda-triage diagnose', () => {
  it('--json prints causes best first with evidence lines and signatures', async () => {
    const t = io();
    expect(await main(['diagnose', logFile, '--json'], t.io)).toBe(0);
    const report = JSON.parse(t.out.join('\n')) as { causes: Array<{ cause: string; score: number; evidence: Array<{ line: string; signature: string }> }> };
    expect(report.causes[0]?.cause).toBe('malformed-response');
    expect(report.causes[0]?.score).toBeGreaterThan(4);
    expect(report.causes[0]?.evidence.map((e) => e.signature)).toEqual(['proxy-body-not-string', 'malformed-lambda-proxy-response']);
    expect(report.causes[0]?.evidence[1]?.line).toContain('Malformed Lambda proxy response');
  });

  it('reads stdin with - and prints a readable report', async () => {
    const t = io('{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: 00000000-0000-0000-0000-000000000000 Error: Task timed out after 1.00 seconds"}');
    expect(await runDiagnose(['-'], t.io)).toBe(0);
    expect(t.out.join('\n')).toMatch(/^1\. timeout {2}score/);
    expect(t.out.join('\n')).toContain('Guide: /guides/timeout/');
  });

  it('an unrelated paste answers unknown with what to collect', async () => {
    const t = io('hello world');
    expect(await runDiagnose(['-', '--json'], t.io)).toBe(0);
    const report = JSON.parse(t.out.join('\n')) as { causes: unknown[]; unknown: { next: string[] } };
    expect(report.causes).toEqual([]);
    expect(report.unknown.next.length).toBeGreaterThan(0);
    const human = io('');
    await runDiagnose([], human.io);
    expect(human.out.join('\n')).toMatch(/No decisive evidence found/);
  });

  it('an unreadable file or a bad option: one line on stderr, exit 2', async () => {
    for (const argv of [['diagnose', join(dir, 'none.log')], ['diagnose', '--frob'], ['diagnose', 'a', 'b']]) {
      const t = io();
      expect(await main(argv, t.io)).toBe(2);
      expect(t.err).toHaveLength(1);
      expect(t.err[0]).toMatch(/^lambda-triage: /);
    }
  });
});
