/**
 * The process-wide cache of compiled standard-library modules (python-executor.ts): a second environment
 * imports from it; the function's result, logs and tracebacks are the same, and its cold start a fraction of a
 * millisecond shorter.
 */
import { describe, expect, it } from 'vitest';
import { compiledStdlibModuleCount, forgetCompiledStdlib } from '../../../src/engine/executor/python-executor.ts';
import { handler, oncePy } from './helpers.ts';
import { PYTHON_CPU_US_PER_POLL_AT_ONE_VCPU } from '../../../src/engine/python/python-limits.ts';
import { ONE_VCPU_MEMORY_MB } from '../../../src/engine/lambda/limits.ts';

const SOURCE = handler(`import json, urllib.request, email.utils


def lambda_handler(event, context):
    return json.loads(event["body"])
`);

describe('compiled standard-library modules', () => {
  it('are compiled by the first environment and taken from the cache by the next, with the same record', async () => {
    forgetCompiledStdlib();
    const first = await oncePy(SOURCE, { body: '{"total": 12.5}' });
    const cached = compiledStdlibModuleCount();
    const second = await oncePy(SOURCE, { body: '{"total": 12.5}' });
    expect(first.outcome).toBe('success');
    // urllib.request alone brings http.client, email and a dozen more.
    expect(cached).toBeGreaterThan(10);
    expect(compiledStdlibModuleCount()).toBe(cached);
    expect(second.payload).toBe(first.payload);
    expect(second.logs.filter((l) => !l.startsWith('REPORT'))).toEqual(first.logs.filter((l) => !l.startsWith('REPORT')));
    // The handler's own time does not move, but for the phase of CPython's poll counter: it polls every 50
    // eval-breaker checks, counting on from init, and init runs different code on the two paths (compile or cache),
    // so the handler's first poll can come one check-window earlier or later: at most one poll's charge apart.
    const onePollMs = (PYTHON_CPU_US_PER_POLL_AT_ONE_VCPU / 1000) * (ONE_VCPU_MEMORY_MB / 128);
    // (durations are reported to the microsecond, so allow the rounding too)
    expect(Math.abs(second.durationMs - first.durationMs)).toBeLessThanOrEqual(onePollMs + 0.001);
    // The cold start is shorter by the polls the compiles made, a fraction of a ms.
    expect(second.maxMemoryUsedMB).toBe(first.maxMemoryUsedMB);
    expect(second.initDurationMs).toBeLessThanOrEqual(first.initDurationMs!);
    expect(first.initDurationMs! - second.initDurationMs!).toBeLessThan(1);
  });

  it('a traceback through a cached module names the same file and line as a compiled one', async () => {
    forgetCompiledStdlib();
    const bad = { body: '{"total": ' };
    const stack = (r: { payload?: string | null }): unknown => (JSON.parse(r.payload ?? '{}') as { stackTrace?: unknown }).stackTrace;
    const first = await oncePy(SOURCE, bad);
    const second = await oncePy(SOURCE, bad);
    expect(first.errorType).toBe('JSONDecodeError');
    expect(stack(first)).toEqual(expect.arrayContaining([expect.stringMatching(/json\/decoder\.py", line \d+, in raw_decode/)]));
    expect(stack(second)).toEqual(stack(first));
  });
});
