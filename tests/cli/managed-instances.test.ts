// `lambda-triage invoke --concurrency-per-environment N --concurrent K` (src/cli/concurrent-command.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-mi-'));
// A module-level count of requests in flight: 1 alone, 2 when two requests share the environment.
writeFileSync(
  join(dir, 'busy.mjs'),
  `let inFlight = 0;
export const handler = async () => {
  inFlight++;
  const seen = inFlight;
  await new Promise((r) => setTimeout(r, 20));
  inFlight--;
  return { statusCode: 200, body: JSON.stringify({ seen }) };
};
`,
);
writeFileSync(join(dir, 'fixed.mjs'), `export const handler = async () => ({ statusCode: 200, body: JSON.stringify({ seen: 1 }) });\n`);

function run(file: string, extra: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  return main(['invoke', join(dir, file), ...extra], { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({ code, out, err }));
}

describe('invoke with Lambda Managed Instances', () => {
  it('parses --concurrency-per-environment and --concurrent, with one message per mistake', () => {
    const ok = parseCliArgs(['invoke', 'h.mjs', '--concurrency-per-environment', '8', '--concurrent', '3']);
    expect(ok.ok && 'args' in ok && [ok.args.concurrencyPerEnvironment, ok.args.concurrent, ok.args.logFormat]).toEqual([8, 3, 'JSON']);
    const cases: [string[], RegExp][] = [
      [['--concurrency-per-environment', '0'], /--concurrency-per-environment must be a whole number from 1 to 1600; got "0"/],
      [['--concurrency-per-environment', '1601'], /from 1 to 1600; got "1601"/],
      [['--concurrent', '2'], /add --concurrency-per-environment N/],
      [['--concurrency-per-environment', '2', '--concurrent', '3'], /--concurrent \(3\) cannot exceed --concurrency-per-environment \(2\)/],
      [['--concurrency-per-environment', '2', '--log-format', 'Text'], /only support the JSON log format/],
      [['--concurrency-per-environment', '2', '--runner', 'node'], /QuickJS sandbox only/],
      [['--concurrency-per-environment', '2', '--load', '10', '--concurrency', '3'], /take arrivals at a rate \(--rate R\), not clients/],
      [['--concurrency-per-environment', '2', '--concurrent', '2', '--load', '10'], /use one or the other/],
    ];
    for (const [argv, message] of cases) {
      const r = parseCliArgs(['invoke', 'h.mjs', ...argv]);
      expect(!r.ok && r.error).toMatch(message);
    }
  });

  it('a runtime Managed Instances do not support is refused with the config message', async () => {
    const r = await run('busy.mjs', ['--runtime', 'nodejs20.x', '--concurrency-per-environment', '2']);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/simulated for nodejs22.x and nodejs24.x; got nodejs20.x/);
  });

  it('K requests at once: one interleaved JSON stream, and a shared-state difference against each request alone', async () => {
    const r = await run('busy.mjs', ['--runtime', 'nodejs24.x', '--concurrency-per-environment', '4', '--concurrent', '2', '--integration', 'function-url']);
    const text = r.out.join('\n');
    expect(text).toContain('2 requests at once, interleaved');
    expect(text).toContain('{"seen":2}');
    expect(text).toMatch(/Request 2 \(.+\) answered .*seen.*2.* beside the other requests, but .*seen.*1.* alone in a new environment/);
    expect(r.code).toBe(1);
  });

  it('the fix: no difference, exit code 0', async () => {
    const r = await run('fixed.mjs', ['--runtime', 'nodejs24.x', '--concurrency-per-environment', '4', '--concurrent', '3', '--integration', 'function-url']);
    expect(r.out.join('\n')).toContain('no sign of state shared between these requests');
    expect(r.code).toBe(0);
  });

  it('--load with --concurrency-per-environment: requests share environments', async () => {
    const r = await run('busy.mjs', ['--runtime', 'nodejs24.x', '--concurrency-per-environment', '10', '--load', '40', '--rate', '1000', '--json']);
    const report = JSON.parse(r.out.join('\n')) as { load: { environmentsCreated: number; totals: { Invocations: number } } };
    expect(report.load.totals.Invocations).toBe(40);
    expect(report.load.environmentsCreated).toBeLessThan(5);
  });

  it('a single invoke with --concurrency-per-environment logs JSON platform records', async () => {
    const r = await run('fixed.mjs', ['--runtime', 'nodejs22.x', '--concurrency-per-environment', '2']);
    expect(r.out.some((l) => l.includes('"type":"platform.start"'))).toBe(true);
    expect(r.code).toBe(0);
  });
});
