import { describe, expect, it } from 'vitest';
import { runLoad, type LoadRunOptions } from '../../../src/engine/load/load-run.ts';
import { getTestQuickJS } from '../quickjs.ts';

// Each request takes one virtual second.
const SLOW = { 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 1000)); return { statusCode: 200, body: "ok" }; };' };

async function options(partial: Partial<LoadRunOptions>): Promise<LoadRunOptions> {
  return { quickjs: await getTestQuickJS(), config: { runtime: 'nodejs24.x' }, files: SLOW, frontDoor: 'invoke', input: { rawEvent: {} }, requests: 100, arrivals: { rate: 20 }, seed: 3, ...partial };
}

describe('load runs with Lambda Managed Instances (concurrencyPerEnvironment)', () => {
  it('requests share environments up to N at once: far fewer environments than one request each', async () => {
    const one = await runLoad(await options({}));
    const mi = await runLoad(await options({ config: { runtime: 'nodejs24.x', concurrencyPerEnvironment: 10 } }));
    expect(mi.totals.Invocations).toBe(100);
    expect(mi.totals.Errors).toBe(0);
    // About 20 requests are in flight at 20/s × 1 s: one request per environment needs about 20 environments.
    expect(one.environmentsCreated).toBeGreaterThanOrEqual(15);
    expect(mi.environmentsCreated).toBeLessThanOrEqual(5);
    // Requests overlap inside one environment (the second starts before the first ends), never more than 10 at once.
    const byEnv = new Map<number, { start: number; end: number }[]>();
    for (const q of mi.requests) {
      if (q.environment === null || q.durationMs === null) continue;
      const list = byEnv.get(q.environment) ?? [];
      list.push({ start: q.arrivalMs, end: q.arrivalMs + q.latencyMs });
      byEnv.set(q.environment, list);
    }
    let maxOverlap = 0;
    for (const list of byEnv.values()) {
      for (const a of list) maxOverlap = Math.max(maxOverlap, list.filter((b) => b.start <= a.start && b.end > a.start).length);
    }
    expect(maxOverlap).toBeGreaterThan(1);
    expect(maxOverlap).toBeLessThanOrEqual(10);
  });

  it('the same seed gives the same run', async () => {
    const a = await runLoad(await options({ requests: 60, config: { runtime: 'nodejs24.x', concurrencyPerEnvironment: 4 } }));
    const b = await runLoad(await options({ requests: 60, config: { runtime: 'nodejs24.x', concurrencyPerEnvironment: 4 } }));
    expect(b.requests).toEqual(a.requests);
    expect(b.metrics).toEqual(a.metrics);
  });

  it('the concurrency limit counts requests in flight: reserved concurrency 5 throttles the rest', async () => {
    const r = await runLoad(await options({ config: { runtime: 'nodejs24.x', concurrencyPerEnvironment: 10 }, reservedConcurrency: 5 }));
    expect(r.totals.Throttles).toBeGreaterThan(0);
    expect(r.environmentsCreated).toBe(1);
    expect(r.totals.Invocations + r.totals.Throttles).toBe(100);
  });

  it('clients (the closed model) are refused with one message', async () => {
    await expect(runLoad(await options({ arrivals: { concurrency: 3 }, config: { runtime: 'nodejs24.x', concurrencyPerEnvironment: 4 } }))).rejects.toThrow(/takes arrivals at a rate/);
  });
});
