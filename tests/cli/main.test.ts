import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parseCliArgs } from '../../src/cli/args.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-'));
writeFileSync(join(dir, 'index.mjs'), 'let n = 0; export const handler = async (e) => { console.log("got", e); if (e.fail) throw new Error("boom"); return { n: ++n }; };');
writeFileSync(join(dir, 'ok.json'), '{"a":1}');
writeFileSync(join(dir, 'fail.json'), '{"fail":true}');

describe('lambda-triage invoke', () => {
  it('prints the log stream and the Invoke API result', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'index.mjs'), '--event', join(dir, 'ok.json')], t.io);
    expect(code).toBe(0);
    expect(t.out.some((l) => /^START RequestId: /.test(l))).toBe(true);
    expect(t.out.some((l) => l.endsWith('\tINFO\tgot { a: 1 }'))).toBe(true);
    expect(t.out).toContain('Invoke API: HTTP 200');
    expect(t.out).toContain('{"n":1}');
  });

  it('--json --times N runs warm invocations', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'index.mjs'), '--json', '--times', '3'], t.io);
    expect(code).toBe(0);
    const report = JSON.parse(t.out.join('\n')) as { invocations: Array<{ coldStart: boolean; result: unknown; frontDoor: string; response: { statusCode: number }; gatewayLogs: unknown[]; findings: unknown[] }> };
    expect(report.invocations.map((i) => i.coldStart)).toEqual([true, false, false]);
    expect(report.invocations.map((i) => i.result)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(report.invocations[0]?.frontDoor).toBe('invoke');
    expect(report.invocations[0]?.gatewayLogs).toEqual([]);
  });

  it('a function error: exit 1, HTTP 200 with X-Amz-Function-Error', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'index.mjs'), '--event', join(dir, 'fail.json'), '--json'], t.io);
    expect(code).toBe(1);
    const inv = (JSON.parse(t.out.join('\n')) as { invocations: Array<{ response: { statusCode: number; headers: Record<string, string> }; causes: string[] }> }).invocations[0];
    expect(inv?.response.statusCode).toBe(200);
    expect(inv?.response.headers['X-Amz-Function-Error']).toBe('Unhandled');
    expect(inv?.causes).toEqual(['unhandled-exception']);
  });

  it('bad options and unreadable files: one line on stderr, exit 2', async () => {
    for (const argv of [['invoke', join(dir, 'missing.mjs')], ['invoke', join(dir, 'index.mjs'), '--timeout', 'x'], ['invoke', join(dir, 'index.mjs'), '--memory', '64'], ['frobnicate'], ['invoke', join(dir, 'index.mjs'), '--event', join(dir, 'none.json')]]) {
      const t = io();
      expect(await main(argv, t.io)).toBe(2);
      expect(t.err).toHaveLength(1);
      expect(t.err[0]).toMatch(/^lambda-triage: /);
    }
  });

  it('--log-format JSON --log-level WARN: JSON records, console.log dropped', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'index.mjs'), '--event', join(dir, 'ok.json'), '--log-format', 'JSON', '--log-level', 'WARN'], t.io);
    expect(code).toBe(0);
    expect(t.out.some((l) => l.startsWith('{"time":') && l.includes('"type":"platform.start"'))).toBe(true);
    expect(t.out.some((l) => l.includes('"message":"got { a: 1 }"') || l.includes('"level":"INFO"'))).toBe(false);
    const t2 = io();
    await main(['invoke', join(dir, 'index.mjs'), '--event', join(dir, 'ok.json'), '--log-format', 'JSON'], t2.io);
    expect(t2.out.some((l) => l.includes('"level":"INFO"'))).toBe(true);
  });

  it('--help prints usage', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.out.join('\n')).toContain('Usage: lambda-triage');
  });

  it('parses repeated --env', () => {
    const p = parseCliArgs(['invoke', 'a.mjs', '--env', 'A=1', '--env', 'B=x=y']);
    expect(p.ok && 'args' in p ? p.args.env : null).toEqual({ A: '1', B: 'x=y' });
  });
});
