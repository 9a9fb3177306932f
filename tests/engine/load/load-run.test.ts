import { describe, expect, it } from 'vitest';
import { poissonArrivals, runLoad, throttledRecord, type LoadRunOptions } from '../../../src/engine/load/load-run.ts';
import type { FrontDoor } from '../../../src/engine/vocabulary.ts';
import { getTestQuickJS } from '../quickjs.ts';

// Each request takes one virtual second; module state counts requests per environment.
const SLOW = { 'index.mjs': 'let n = 0; export const handler = async () => { n++; await new Promise((r) => setTimeout(r, 1000)); return { statusCode: 200, body: String(n) }; };' };

async function options(partial: Partial<LoadRunOptions>): Promise<LoadRunOptions> {
  return { quickjs: await getTestQuickJS(), config: {}, files: SLOW, frontDoor: 'invoke', input: { rawEvent: {} }, requests: 100, arrivals: { rate: 20 }, ...partial };
}

describe('runLoad', () => {
  it('the same seed gives identical metrics; another seed gives other arrivals', async () => {
    const a = await runLoad(await options({ requests: 200, arrivals: { rate: 50 }, reservedConcurrency: 20, seed: 7 }));
    const b = await runLoad(await options({ requests: 200, arrivals: { rate: 50 }, reservedConcurrency: 20, seed: 7 }));
    expect(b.metrics).toEqual(a.metrics);
    expect(b.totals).toEqual(a.totals);
    expect(b.requests).toEqual(a.requests);
    const c = await runLoad(await options({ requests: 200, arrivals: { rate: 50 }, reservedConcurrency: 20, seed: 8 }));
    expect(c.requests.map((r) => r.arrivalMs)).not.toEqual(a.requests.map((r) => r.arrivalMs));
  });

  it('1,000 requests at 100/s, 1 s each, reserved concurrency 10: throttles, and at most 10 environments', async () => {
    const r = await runLoad(await options({ requests: 1000, arrivals: { rate: 100 }, reservedConcurrency: 10 }));
    expect(r.concurrencyLimit).toBe(10);
    expect(r.totals.Throttles).toBeGreaterThan(0);
    expect(r.totals.Invocations + r.totals.Throttles).toBe(1000);
    expect(r.environmentsCreated).toBe(10);
    expect(r.totals.ColdStarts).toBe(10);
    expect(r.totals.maxConcurrentExecutions).toBe(10);
    expect(r.metrics.every((m) => m.ConcurrentExecutions <= 10)).toBe(true);
    // About 10 invocations per second can finish; the rest (≈ 90 %) are throttled.
    expect(r.totals.Throttles).toBeGreaterThan(800);
    expect(r.totals.statusCodes).toEqual({ '200': r.totals.Invocations, '429': r.totals.Throttles });
    const t = r.requests.find((q) => q.throttled);
    expect(t?.throttleReason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(t?.environment).toBeNull();
  });

  it.each<[FrontDoor, number]>([
    ['invoke', 429],
    ['apigw-rest', 500],
    ['http-api-v1', 500],
    ['http-api-v2', 500],
    ['alb', 502],
    ['function-url', 429],
  ])('throttled requests through %s get %i (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html)', async (frontDoor, status) => {
    const r = await runLoad(await options({ frontDoor, input: frontDoor === 'invoke' ? { rawEvent: {} } : { request: { method: 'GET', path: '/' } }, requests: 30, arrivals: { rate: 100 }, reservedConcurrency: 2 }));
    const throttled = r.requests.filter((q) => q.throttled);
    expect(throttled.length).toBeGreaterThan(0);
    expect(new Set(throttled.map((q) => q.status))).toEqual(new Set([status]));
    expect(r.totals.statusCodes[String(status)]).toBeGreaterThanOrEqual(throttled.length);
  });

  it('without a reservation the account limit applies, with its own throttle reason', async () => {
    const r = await runLoad(await options({ requests: 50, arrivals: { rate: 100 }, accountConcurrency: 5 }));
    expect(r.concurrencyLimit).toBe(5);
    expect(r.requests.find((q) => q.throttled)?.throttleReason).toBe('ConcurrentInvocationLimitExceeded');
  });

  it('reserved concurrency 0 throttles every request', async () => {
    const r = await runLoad(await options({ requests: 10, reservedConcurrency: 0 }));
    expect(r.totals.Throttles).toBe(10);
    expect(r.totals.Invocations).toBe(0);
    expect(r.environmentsCreated).toBe(0);
  });

  it('environments keep their own module state; warm requests reuse them', async () => {
    // One client: each request waits for the previous answer, so one warm environment serves them all.
    const r = await runLoad(await options({ requests: 5, arrivals: { concurrency: 1 }, frontDoor: 'apigw-rest', input: { request: { method: 'GET', path: '/' } } }));
    expect(r.environmentsCreated).toBe(1);
    expect(r.requests.map((q) => q.coldStart)).toEqual([true, false, false, false, false]);
    expect(r.requests.every((q) => q.status === 200)).toBe(true);
    // Closed model: each client waits for its answer, so arrivals are one latency (+ think time) apart.
    const gaps = r.requests.slice(1).map((q, i) => q.arrivalMs - (r.requests[i]?.arrivalMs ?? 0));
    expect(gaps.every((g) => g >= 1000)).toBe(true);
  });

  it('closed model with more clients than concurrency: the extra clients are throttled', async () => {
    const r = await runLoad(await options({ requests: 40, arrivals: { concurrency: 4 }, reservedConcurrency: 2 }));
    expect(r.totals.Throttles).toBeGreaterThan(0);
    expect(r.environmentsCreated).toBe(2);
  });

  it('function errors count as Errors and invocations', async () => {
    const r = await runLoad(await options({ files: { 'index.mjs': 'export const handler = async () => { throw new Error("boom"); };' }, requests: 20, arrivals: { rate: 5 } }));
    expect(r.totals.Errors).toBe(20);
    expect(r.totals.Invocations).toBe(20);
    expect(r.totals.statusCodes).toEqual({ '200': 20 });
  });
});

describe('load helpers', () => {
  it('Poisson arrivals start at 0, increase, and average the rate', () => {
    const t = poissonArrivals(2000, 100, 3);
    expect(t[0]).toBe(0);
    expect(t.every((x, i) => i === 0 || x >= (t[i - 1] ?? 0))).toBe(true);
    const rate = (t.length - 1) / ((t[t.length - 1] ?? 1) / 1000);
    expect(rate).toBeGreaterThan(90);
    expect(rate).toBeLessThan(110);
  });

  it('a throttled record carries the Invoke error', () => {
    expect(throttledRecord('id', 5)).toMatchObject({ outcome: 'throttled', errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.', causes: ['throttling'] });
  });
});
