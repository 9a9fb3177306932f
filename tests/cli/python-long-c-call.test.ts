/**
 * A Python handler stuck in one long C-level call (`sum(range(10**11))`) never polls CPython's interrupt buffer, so
 * the executor's poll-based watchdog cannot stop it. The CLI runs each call into Python under node:vm's `timeout`
 * (createVmGuestRunner): the call is stopped, the invocation is reported as a timeout with a plain note, and the
 * next request gets a new environment.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createCliPythonExecutor, createVmGuestRunner, LONG_C_CALL_GRACE_MS } from '../../src/cli/python-project.ts';
import { runOnSimulator } from '../engine/helpers.ts';
import type { InvocationRecord } from '../../src/engine/types.ts';

const C_CALL = /^a long C-level call \(such as sum\(range\(10\*\*11\)\)\) that never checks for interrupts: the simulator stopped it after \d+\.\d s of real time/;

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-py-ccall-'));
const csum = join(dir, 'csum.py');
writeFileSync(csum, 'def lambda_handler(event, context):\n    return sum(range(10**11))\n');

/**
 * Run `events` on one Python function whose executor stops calls after a short wall budget. A C-level call is stopped
 * after budget + grace of real time whatever the machine's load, so those tests use half a second and 300 ms; an
 * ordinary loop must meet the poll-based guard (at the budget) before the grace runs out, so that test gets a second
 * of each, room for a busy machine.
 */
async function runShort(source: string, events: unknown[], timeoutSeconds = 30, budget = { wallBudgetMs: 500, graceMs: 300 }): Promise<InvocationRecord[]> {
  const executor = await createCliPythonExecutor(budget);
  return runOnSimulator({ executor }, { 'lambda_function.py': source }, events, { runtime: 'python3.13', handler: 'lambda_function.lambda_handler', timeoutSeconds });
}

describe('a long C-level call in the CLI', () => {
  it('lambda-triage invoke ends it as a timeout with a note, exit 1, instead of hanging', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const started = Date.now();
    const code = await main(['invoke', csum, '--timeout', '30', '--json'], { out: (s) => out.push(s), err: (s) => err.push(s) });
    const wallMs = Date.now() - started;
    expect(err).toEqual([]);
    expect(code).toBe(1);
    const inv = (JSON.parse(out.join('\n')) as { invocations: Array<{ outcome: string; errorType: string; errorMessage: string; pending: string[]; causes: string[] }> }).invocations[0]!;
    expect(inv.outcome).toBe('timeout');
    expect(inv.errorType).toBe('Sandbox.Timedout');
    expect(inv.errorMessage).toMatch(/Error: Task timed out after 30\.00 seconds$/);
    expect(inv.pending).toHaveLength(1);
    expect(inv.pending[0]).toMatch(C_CALL);
    expect(inv.causes).toContain('timeout');
    // The default budget (5 s) plus the grace: stopped after about 7 s, not left to run for minutes.
    expect(wallMs).toBeGreaterThanOrEqual(5_000 + LONG_C_CALL_GRACE_MS - 100);
    expect(wallMs).toBeLessThan(60_000);
  }, 120_000);

  it('the next request gets a new environment and runs normally', async () => {
    const [first, second] = await runShort('def lambda_handler(event, context):\n    if event.get("slow"):\n        return sum(range(10**11))\n    return "ok"\n', [{ slow: true }, {}]);
    expect(first?.outcome).toBe('timeout');
    expect(first?.pending[0]).toMatch(C_CALL);
    expect(second?.coldStart).toBe(true);
    expect(second?.outcome).toBe('success');
    expect(second?.payload).toBe('"ok"');
  }, 60_000);

  it('in module code: the init times out, is retried inside the first request, and the request times out', async () => {
    const [r] = await runShort('TOTAL = sum(range(10**11))\n\ndef lambda_handler(event, context):\n    return TOTAL\n', [{}], 5);
    expect(r?.outcome).toBe('timeout');
    expect(r?.logs.some((l) => /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: timeout/.test(l))).toBe(true);
    expect(r?.errorMessage).toMatch(/Task timed out after 5\.00 seconds$/);
    expect(r?.pending[0]).toBe("the function's init code had not finished");
    expect(r?.pending[1]).toMatch(C_CALL);
  }, 60_000);

  it('an ordinary Python loop is still ended by the poll-based guard first (no C-level note)', async () => {
    const [r] = await runShort('def lambda_handler(event, context):\n    n = 0\n    while True:\n        n += 1\n', [{}], 30, { wallBudgetMs: 1_000, graceMs: 1_000 });
    expect(r?.outcome).toBe('timeout');
    expect(r?.pending.some((p) => C_CALL.test(p))).toBe(false);
  }, 60_000);
});

describe('createVmGuestRunner', () => {
  it('returns the call\'s value, passes its errors through, and stops a call that runs past budget + grace', () => {
    const run = createVmGuestRunner({ graceMs: 50 });
    expect(run(() => 'text', 100)).toEqual({ stopped: false, value: 'text' });
    const boom = new Error('a Python exception');
    expect(() =>
      run(() => {
        throw boom;
      }, 100),
    ).toThrow(boom);
    const r = run(() => {
      for (;;) {
        // A synchronous loop with no way out but the watchdog.
      }
    }, 100);
    expect(r.stopped).toBe(true);
    if (r.stopped) expect(r.afterMs).toBeGreaterThanOrEqual(140);
  });
});
