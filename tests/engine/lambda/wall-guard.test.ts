/**
 * The wall-clock guard only ends runaway work: a slow or starved host (parallel test workers) must not
 * change an ordinary invocation's outcome, since time and memory are virtual.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.ts';

/** A wall clock that jumps 10 s on every read: every check sees the budget exceeded. */
function starvedWallClock(): () => number {
  let t = 0;
  return () => (t += 10_000);
}

describe('wall-clock guard', () => {
  it('does not turn an ordinary invocation into a timeout on a starved host', async () => {
    const records = await run(
      { 'index.mjs': 'const cache = [];\nexport const handler = async () => { for (let i = 0; i < 2000; i++) cache.push({ i }); await new Promise((r) => setTimeout(r, 50)); return cache.length; };' },
      [{}, {}, {}],
      {},
      { wallClock: starvedWallClock(), wallBudgetMs: 1 },
    );
    expect(records.map((r) => r.outcome)).toEqual(['success', 'success', 'success']);
    expect(records.map((r) => r.result)).toEqual([2000, 4000, 6000]);
  });

  it('still ends a runaway loop early, reported as the function timeout', async () => {
    const [r] = await run({ 'index.mjs': 'export const handler = async () => { for (;;) {} };' }, [{}], { timeoutSeconds: 900 }, { wallClock: starvedWallClock(), wallBudgetMs: 1 });
    expect(r!.outcome).toBe('timeout');
    expect(r!.errorMessage).toMatch(/Task timed out after 900\.00 seconds$/);
    expect(r!.logs.some((l) => l.includes('Status: timeout'))).toBe(true);
  });

  it('a runaway loop after an await is a timeout with nothing more in the log (no "Invoke Error … interrupted")', async () => {
    // Found running aws-samples/serverless-patterns' eventbridge-global-endpoints-cdk, which busy-waits a second per
    // event: the guard's stop rejected the async handler's promise and the runtime logged it as the handler's error.
    // The guard stops the loop at once (a starved wall clock); the virtual deadline stops it through the same interrupt.
    const source = 'exports.handler = async () => { await Promise.resolve(); for (;;) {} };';
    const [r] = await run({ 'index.js': source }, [{}], { timeoutSeconds: 10 }, { wallClock: starvedWallClock(), wallBudgetMs: 1 });
    expect([r!.outcome, r!.errorMessage]).toEqual(['timeout', `RequestId: ${r!.requestId} Error: Task timed out after 10.00 seconds`]);
    expect(r!.logs.filter((l) => /ERROR|interrupted/.test(l))).toEqual([]);
  });

  it('the warm-cache-leak series ends in out-of-memory whatever the wall clock does', async () => {
    const handler = `const loaded = new Map();
export const handler = async (event) => {
  const key = event.id;
  loaded.set(key, { reviews: Array.from({ length: 1500 }, (_, i) => ({ id: i, text: 'Review ' + i + ' of ' + key })), photo: Buffer.alloc(2 * 1024 * 1024, 1) });
  return loaded.size;
};`;
    const events = Array.from({ length: 50 }, (_, i) => ({ id: `req-${i}` }));
    const normal = await run({ 'index.mjs': handler }, events);
    const starved = await run({ 'index.mjs': handler }, events, {}, { wallClock: starvedWallClock(), wallBudgetMs: 1 });
    const firstOom = (rs: typeof normal) => rs.findIndex((r) => r.outcome === 'out-of-memory');
    expect(firstOom(normal)).toBeGreaterThan(0);
    expect(firstOom(starved)).toBe(firstOom(normal));
    expect(starved.map((r) => r.maxMemoryUsedMB)).toEqual(normal.map((r) => r.maxMemoryUsedMB));
  });
});
