/**
 * CPU calibration: loading source costs virtual CPU time per KiB (SOURCE_LOAD_US_PER_KIB_AT_ONE_VCPU),
 * scaled by the function's CPU share, so a large bundle shows an Init Duration of the order Lambda shows.
 */
import { describe, expect, it } from 'vitest';
import { createAwsWorld } from '../../../src/engine/index.ts';
import { MACROTASK_US_AT_ONE_VCPU, macrotaskMicros, RUNTIME_BOOTSTRAP_MS, sourceLoadMicros } from '../../../src/engine/lambda/limits.ts';
import { buildLargeBundle } from '../../fixtures/large-bundle.ts';
import { once } from '../helpers.ts';

describe('CPU calibration', () => {
  it('source load time scales with size and with the CPU share of the memory size (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html)', () => {
    expect(sourceLoadMicros(2048, 128)).toBeCloseTo(2 * sourceLoadMicros(1024, 128), -1);
    expect(sourceLoadMicros(1024 * 1024, 128)).toBeGreaterThan(10 * sourceLoadMicros(1024 * 1024, 1769));
    // No more CPU above one vCPU for a single thread.
    expect(sourceLoadMicros(1024 * 1024, 3008)).toBe(sourceLoadMicros(1024 * 1024, 1769));
  });

  it('a 1.2 MB bundle at 128 MB costs an Init Duration of the order of a second (not ten, not none)', async () => {
    const files = buildLargeBundle();
    const world = createAwsWorld({});
    const deps = { resolveModule: world.resolveModule, services: world.services };
    const small = await once(files, { body: '{"id":"o-1","total":1}' }, { timeoutSeconds: 10, memoryMB: 128 }, deps);
    expect(small.outcome).toBe('success');
    expect(small.initDurationMs!).toBeGreaterThan(RUNTIME_BOOTSTRAP_MS + 300);
    expect(small.initDurationMs!).toBeLessThan(3000);
    const large = await once(files, { body: '{"id":"o-1","total":1}' }, { timeoutSeconds: 10, memoryMB: 1769 }, deps);
    expect(large.initDurationMs!).toBeLessThan(RUNTIME_BOOTSTRAP_MS + 200);
  }, 120_000);

  it('each macrotask costs CPU time scaled by the CPU share too (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html)', () => {
    expect(macrotaskMicros(1769)).toBe(MACROTASK_US_AT_ONE_VCPU);
    expect(macrotaskMicros(128)).toBe(Math.round((MACROTASK_US_AT_ONE_VCPU * 1769) / 128));
    expect(macrotaskMicros(10240)).toBe(MACROTASK_US_AT_ONE_VCPU);
  });

  it('a setImmediate storm at 128 MB runs out of virtual time, not of the wall-clock guard: 1 s is about 14,000 callbacks', async () => {
    // A wall budget no run reaches: only the virtual clock can end the storm. Each turn of the loop costs macrotaskMicros
    // plus the callback's bytecode, so the count lands a little under 1 s / 69 µs.
    const src = 'let n = 0; export const handler = async () => { setTimeout(() => console.log("turns " + n), 990); const f = () => { n++; setImmediate(f); }; f(); await new Promise(() => {}); };';
    const r = await once({ 'index.mjs': src }, {}, { timeoutSeconds: 1, memoryMB: 128 }, { wallBudgetMs: 600_000 });
    expect(r.outcome).toBe('timeout');
    // At the timeout, give or take the last callback's charge (the clock is past the deadline when it is noticed).
    expect(r.durationMs).toBeGreaterThanOrEqual(1000);
    expect(r.durationMs).toBeLessThan(1000 + macrotaskMicros(128) / 1000 + 0.01);
    const turns = Number(/turns (\d+)/.exec(r.logs.join('\n'))?.[1]);
    expect(turns).toBeGreaterThan(10_000);
    expect(turns).toBeLessThan(1_000_000 / macrotaskMicros(128));
  }, 60_000);

  it('a small handler pays next to nothing for loading', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => 1;' });
    expect(r.initDurationMs!).toBeLessThan(RUNTIME_BOOTSTRAP_MS + 5);
  });
});
