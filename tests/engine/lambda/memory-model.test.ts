/**
 * The memory model: simulated Max Memory Used tracks what Node.js would use (QuickJS heap bytes ×
 * NODE_BYTES_PER_QUICKJS_BYTE above the idle runtime), buffers are checked where they are allocated,
 * and a program that needs more real memory than the simulator's budget gets SimulatorLimitError.
 */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/engine/index.ts';
import { MAX_SYNC_RESPONSE_BYTES, NODE_BASELINE_MB, SimulatorLimitError } from '../../../src/engine/lambda/limits.ts';
import { HANDLER_SAMPLES } from '../../../src/playground/samples.ts';
import { getTestQuickJS } from '../quickjs.ts';
import { once, run } from '../helpers.ts';

const OOM_SAMPLE = HANDLER_SAMPLES.find((s) => s.id === 'oom')!.code;

describe('memory model', () => {
  it('a 6.3 MB response at 128 MB is Function.ResponseSizeTooLarge, not an out-of-memory (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => "x".repeat(6_300_000);' }, {}, { memoryMB: 128 });
    expect(6_300_002).toBeGreaterThan(MAX_SYNC_RESPONSE_BYTES);
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('Function.ResponseSizeTooLarge');
    // The serialised 6.3 MB payload (and its copy) are what Node would hold too: well under 128 MB.
    expect(r.maxMemoryUsedMB).toBeGreaterThan(NODE_BASELINE_MB + 5);
    expect(r.maxMemoryUsedMB).toBeLessThan(100);
    // The runtime's own line about the refused response, between START and END (log-lines.ts names its sources).
    const runtimeLine = r.logs.findIndex((l) => l.includes('LAMBDA_RUNTIME'));
    expect(r.logs[runtimeLine]).toMatch(
      /^\[ERROR\] \[\d{13}\] LAMBDA_RUNTIME Failed to post handler success response\. Http response code: 413\. \{"errorMessage":"Exceeded maximum allowed payload size \(6291556 bytes\)\.","errorType":"RequestEntityTooLarge"\}$/,
    );
    expect(r.logs.findIndex((l) => l.startsWith('START '))).toBeLessThan(runtimeLine);
    expect(r.logs.findIndex((l) => l.startsWith('END '))).toBeGreaterThan(runtimeLine);
  });

  it('a flat 4 MB string kept at module scope counts about 4 MB (Node: one byte per Latin-1 character)', async () => {
    const [before, after] = await run(
      { 'index.mjs': 'let keep = null; export const handler = async (e) => { if (e.keep) keep = JSON.stringify("x".repeat(4 * 1024 * 1024)); return keep ? keep.length : 0; };' },
      [{}, { keep: true }],
    );
    expect(after!.result).toBe(4 * 1024 * 1024 + 2);
    const grew = after!.maxMemoryUsedMB - before!.maxMemoryUsedMB;
    expect(grew).toBeGreaterThanOrEqual(4);
    expect(grew).toBeLessThanOrEqual(12);
  });

  it("the playground's out-of-memory sample fails at 128 MB and succeeds at 1024 MB", async () => {
    const small = await once({ 'index.mjs': OOM_SAMPLE }, {}, { memoryMB: 128 });
    expect(small.outcome).toBe('out-of-memory');
    expect(small.maxMemoryUsedMB).toBe(128);
    const large = await once({ 'index.mjs': OOM_SAMPLE }, {}, { memoryMB: 1024 });
    expect(large.outcome).toBe('success');
    expect(large.result).toMatchObject({ statusCode: 200, body: '100' });
    // 100 buffers of 1 MiB: about 100 MB above the idle runtime, as Node would report.
    expect(large.maxMemoryUsedMB).toBeGreaterThan(NODE_BASELINE_MB + 100);
    expect(large.maxMemoryUsedMB).toBeLessThan(NODE_BASELINE_MB + 160);
  });

  it('buffers kept per warm call end in Runtime.OutOfMemory later with more memory', async () => {
    const src = { 'index.mjs': 'const keep = []; export const handler = async () => { keep.push(Buffer.alloc(8 * 1024 * 1024, 1)); return keep.length; };' };
    const oomAt = (rs: Array<{ outcome: string }>) => rs.findIndex((r) => r.outcome === 'out-of-memory');
    const small = await run(src, Array.from({ length: 12 }, () => ({})), { memoryMB: 128 });
    const large = await run(src, Array.from({ length: 30 }, () => ({})), { memoryMB: 256 });
    // 8 MiB per call: 128 MB leaves room for 64 MB above the idle runtime, so a handful of calls.
    expect(oomAt(small)).toBeGreaterThanOrEqual(4);
    expect(oomAt(small)).toBeLessThanOrEqual(8);
    expect(oomAt(large)).toBeGreaterThan(oomAt(small) + 8);
    const used = small.slice(0, oomAt(small)).map((r) => (r as { maxMemoryUsedMB: number }).maxMemoryUsedMB);
    expect(used).toEqual([...used].sort((a, b) => a - b));
  });

  it('a loop of 16 MB typed arrays is stopped where the buffers are made, without growing wasm memory to gigabytes', async () => {
    const quickjs = await getTestQuickJS();
    const heap = () => (quickjs as unknown as { module: { HEAPU8: Uint8Array } }).module.HEAPU8.length;
    const before = heap();
    const r = await once({ 'index.mjs': 'export const handler = async () => { const keep = []; for (;;) keep.push(new Uint8Array(1 << 24)); };' });
    expect(r.outcome).toBe('out-of-memory');
    // 128 MB stands for ≈ 51 MiB of QuickJS heap: wasm memory grows by at most that and one buffer.
    expect(heap() - before).toBeLessThan(128 * 1024 * 1024);
  });

  it('one buffer larger than the whole memory size fails with V8\'s RangeError and the function goes on', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { try { new Float64Array(2 ** 28); } catch (e) { return e.name + ": " + e.message; } };' });
    expect(r.outcome).toBe('success');
    expect(r.result).toBe('RangeError: Array buffer allocation failed');
  });

  it('typed arrays stay typed arrays: instanceof, constructor, subclassing and species copies work', async () => {
    const r = await once({
      'index.mjs': `class Bytes extends Uint8Array {}
export const handler = async () => {
  const a = new Uint8Array([1, 2, 3]);
  const b = new Bytes(4);
  return [a instanceof Uint8Array, a.constructor === Uint8Array, b instanceof Uint8Array, b instanceof Bytes, a.slice(1).constructor === Uint8Array, Buffer.from('hi') instanceof Uint8Array, new ArrayBuffer(8).byteLength, Uint8Array.name, Uint8Array.BYTES_PER_ELEMENT];
};`,
    });
    expect(r.result).toEqual([true, true, true, true, true, true, 8, 'Uint8Array', 1]);
  });

  it('a program that needs more real memory than the budget gets SimulatorLimitError, not an invented outcome', async () => {
    const quickjs = await getTestQuickJS();
    const sim = createSimulator({ quickjs, realMemoryBudgetBytes: 16 * 1024 * 1024 });
    const fn = sim.createFunction({ memoryMB: 1024 }, { 'index.mjs': 'const keep = []; export const handler = async (e) => { if (e.grow) for (let i = 0; i < 40; i++) keep.push(Buffer.alloc(1024 * 1024, i)); return keep.length; };' });
    try {
      const err = await fn.invoke({ grow: true }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SimulatorLimitError);
      expect((err as SimulatorLimitError).code).toBe('LT-SIM-MEMORY-BUDGET');
      expect((err as Error).message).toMatch(/16 MiB of real memory/);
      // The environment was discarded: the next request is a cold start and works.
      const next = await fn.invoke({});
      expect(next.outcome).toBe('success');
      expect(next.coldStart).toBe(true);
    } finally {
      fn.dispose();
    }
  });
});
