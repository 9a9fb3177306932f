import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/engine/index.ts';
import { parseFunctionConfig } from '../../../src/engine/lambda/function-config.ts';
import { isManagedInstancesFunction, lineRequestId, type ConcurrentRun, type ManagedInstancesFunction } from '../../../src/engine/lambda/managed-instances.ts';
import type { FunctionConfig } from '../../../src/engine/types.ts';
import { getTestQuickJS } from '../quickjs.ts';

/** The handler of the Node.js Managed Instances page's "global state" example, with a lookup that takes 50 ms. */
const SHARED_USER = `
let currentUser = null;
const lookup = (id) => new Promise((resolve) => setTimeout(() => resolve({ id, plan: id === 'alice' ? 'pro' : 'free' }), 50));
export const handler = async (event, context) => {
  currentUser = event.userId;
  console.log('looking up', event.userId);
  const profile = await lookup(event.userId);
  return { user: currentUser, plan: profile.plan, requestId: context.awsRequestId };
};
`;

async function withFunction<T>(files: Record<string, string>, config: Partial<FunctionConfig>, body: (fn: ManagedInstancesFunction) => Promise<T>): Promise<T> {
  const sim = createSimulator({ quickjs: await getTestQuickJS() });
  const fn = sim.createFunction({ runtime: 'nodejs24.x', ...config }, files);
  try {
    if (!isManagedInstancesFunction(fn)) throw new Error('not a Managed Instances function');
    return await body(fn);
  } finally {
    fn.dispose();
  }
}

const parsed = (line: string): Record<string, unknown> => JSON.parse(line) as Record<string, unknown>;

describe('Lambda Managed Instances: several invocations in one environment', () => {
  it('module scope is shared: the request that wrote the module-level user last answers for both (the docs example)', async () => {
    const run = await withFunction({ 'index.mjs': SHARED_USER }, { concurrencyPerEnvironment: 4 }, (fn) =>
      fn.invokeConcurrent([{ event: { userId: 'alice' } }, { event: { userId: 'bob' } }]),
    );
    const [alice, bob] = run.records;
    expect(alice?.outcome).toBe('success');
    // alice's lookup resolved after bob had overwritten the module-level variable.
    expect(alice?.result).toEqual({ user: 'bob', plan: 'pro', requestId: alice?.requestId });
    expect(bob?.result).toEqual({ user: 'bob', plan: 'free', requestId: bob?.requestId });
    // Both ran in the same environment, interleaved: bob started before alice ended.
    expect(run.environments).toEqual([0, 0]);
    const startBob = run.logs.findIndex((l) => l.includes('"platform.start"') && l.includes(bob?.requestId ?? '?'));
    const endAlice = run.logs.findIndex((l) => l.includes('"platform.runtimeDone"') && l.includes(alice?.requestId ?? '?'));
    expect(startBob).toBeGreaterThan(-1);
    expect(startBob).toBeLessThan(endAlice);
  });

  it('the same requests one at a time (default model) each get their own user', async () => {
    const sim = createSimulator({ quickjs: await getTestQuickJS() });
    const fn = sim.createFunction({ runtime: 'nodejs24.x' }, { 'index.mjs': SHARED_USER });
    try {
      const a = await fn.invoke({ userId: 'alice' });
      const b = await fn.invoke({ userId: 'bob' });
      expect((a.result as { user: string }).user).toBe('alice');
      expect((b.result as { user: string }).user).toBe('bob');
    } finally {
      fn.dispose();
    }
  });

  it('the fix (state inside the handler) answers each user under concurrency', async () => {
    const fixed = SHARED_USER.replace('let currentUser = null;', '').replace('currentUser = event.userId;', 'const currentUser = event.userId;');
    const run = await withFunction({ 'index.mjs': fixed }, { concurrencyPerEnvironment: 4 }, (fn) =>
      fn.invokeConcurrent([{ event: { userId: 'alice' } }, { event: { userId: 'bob' } }]),
    );
    expect(run.records.map((r) => (r.result as { user: string }).user)).toEqual(['alice', 'bob']);
  });

  it('each log line carries the request id of the invocation that wrote it, also after an await', async () => {
    const src = `
export const handler = async (event, context) => {
  console.log('before', event.n);
  await new Promise((r) => setTimeout(r, 10 * (3 - event.n)));
  console.log('after', event.n, context.awsRequestId);
  return event.n;
};`;
    const run: ConcurrentRun = await withFunction({ 'index.mjs': src }, { concurrencyPerEnvironment: 3 }, (fn) =>
      fn.invokeConcurrent([{ event: { n: 0 } }, { event: { n: 1 } }, { event: { n: 2 } }]),
    );
    const app = run.logs.filter((l) => parsed(l)['level'] === 'INFO').map((l) => parsed(l));
    // Interleaved in virtual-time order: the three 'before' lines, then the 'after' lines, shortest wait first.
    expect(app.map((r) => r['message'])).toEqual([
      'before 0',
      'before 1',
      'before 2',
      `after 2 ${run.records[2]?.requestId}`,
      `after 1 ${run.records[1]?.requestId}`,
      `after 0 ${run.records[0]?.requestId}`,
    ]);
    for (const r of app) {
      const n = Number(String(r['message']).split(' ')[1]);
      expect(r['requestId']).toBe(run.records[n]?.requestId);
    }
    // Each record's own logs: its START, its two lines, END, REPORT.
    expect(run.records[1]?.logs.map((l) => (parsed(l)['type'] as string | undefined) ?? parsed(l)['message'])).toEqual([
      'platform.start',
      'before 1',
      `after 1 ${run.records[1]?.requestId}`,
      'platform.runtimeDone',
      'platform.report',
    ]);
  });

  it('each request has its own deadline: getRemainingTimeInMillis counts from its own arrival (offsetMs)', async () => {
    const src = 'export const handler = async (event, context) => { await new Promise((r) => setTimeout(r, 100)); return context.getRemainingTimeInMillis(); };';
    const run = await withFunction({ 'index.mjs': src }, { concurrencyPerEnvironment: 2, timeoutSeconds: 3 }, (fn) =>
      fn.invokeConcurrent([{ event: {}, offsetMs: 0 }, { event: {}, offsetMs: 500 }]),
    );
    const [first, second] = run.records.map((r) => r.result as number);
    expect(first).toBeGreaterThan(2850);
    expect(second).toBeGreaterThan(2850);
    expect(Math.abs((first ?? 0) - (second ?? 0))).toBeLessThan(20);
    // The first waited for the cold start's init; the second arrived 500 ms after the batch began.
    const starts = run.logs.filter((l) => l.includes('"platform.start"')).map((l) => String(parsed(l)['time']));
    expect(starts[1]).toBe('2026-01-01T00:00:00.500Z');
    expect(Date.parse(starts[0] ?? '')).toBeLessThan(Date.parse('2026-01-01T00:00:00.500Z'));
  });

  it('a timeout ends only that request; the other answers and the environment stays warm', async () => {
    const src = 'export const handler = async (event) => { await new Promise((r) => setTimeout(r, event.ms)); return event.ms; };';
    await withFunction({ 'index.mjs': src }, { concurrencyPerEnvironment: 2, timeoutSeconds: 1 }, async (fn) => {
      const run = await fn.invokeConcurrent([{ event: { ms: 5000 } }, { event: { ms: 100 } }]);
      const [slow, quick] = run.records;
      expect(slow?.outcome).toBe('timeout');
      expect(slow?.errorType).toBe('Sandbox.Timedout');
      expect(slow?.durationMs).toBe(1000);
      expect(quick?.outcome).toBe('success');
      expect(quick?.result).toBe(100);
      const next = await fn.invoke({ ms: 1 });
      expect(next.coldStart).toBe(false);
      expect(next.result).toBe(1);
    });
  });

  it('a promise that never settles waits for its own timeout (the runtime keeps polling for work)', async () => {
    const src = 'export const handler = async (event) => (event.hang ? new Promise(() => {}) : "ok");';
    await withFunction({ 'index.mjs': src }, { concurrencyPerEnvironment: 2, timeoutSeconds: 2 }, async (fn) => {
      const run = await fn.invokeConcurrent([{ event: { hang: true } }, { event: {} }]);
      expect(run.records.map((r) => r.outcome)).toEqual(['timeout', 'success']);
    });
  });

  it('an unhandled rejection in one request ends the worker: every request in flight fails and the next request is cold', async () => {
    const src = `
export const handler = async (event) => {
  if (event.boom) Promise.reject(new Error('boom'));
  await new Promise((r) => setTimeout(r, 100));
  return 'ok';
};`;
    await withFunction({ 'index.mjs': src }, { concurrencyPerEnvironment: 2 }, async (fn) => {
      const run = await fn.invokeConcurrent([{ event: {} }, { event: { boom: true } }]);
      expect(run.records.map((r) => r.errorType)).toEqual(['Runtime.ExitError', 'Runtime.ExitError']);
      // worker-manager.ts logs the worker's error in the main thread: JSON, request id "-".
      const workerError = run.logs.map((l) => parsed(l)).find((r) => r['level'] === 'ERROR');
      expect(workerError?.['requestId']).toBe('-');
      expect((workerError?.['message'] as Record<string, unknown>)['errorMessage']).toBe('boom');
      const next = await fn.invoke({});
      expect(next.coldStart).toBe(true);
      expect(next.result).toBe('ok');
    });
  });

  it('refuses more requests at once than the concurrency per environment', async () => {
    await withFunction({ 'index.mjs': SHARED_USER }, { concurrencyPerEnvironment: 2 }, async (fn) => {
      await expect(fn.invokeConcurrent([{ event: {} }, { event: {} }, { event: {} }])).rejects.toThrow(/exceed the concurrency per environment \(2\)/);
    });
  });

  it('logs are JSON and the runtime sees AWS_LAMBDA_MAX_CONCURRENCY', async () => {
    const src = 'export const handler = async () => process.env.AWS_LAMBDA_MAX_CONCURRENCY;';
    const run = await withFunction({ 'index.mjs': src }, { concurrencyPerEnvironment: 8 }, (fn) => fn.invokeConcurrent([{ event: {} }]));
    expect(run.records[0]?.result).toBe('8');
    for (const l of run.logs) expect(() => JSON.parse(l)).not.toThrow();
    expect(lineRequestId(run.logs.find((l) => l.includes('platform.report')) ?? '')).toBe(run.records[0]?.requestId);
  });
});

describe('concurrencyPerEnvironment configuration', () => {
  it.each([
    [{ concurrencyPerEnvironment: 0 }, 'whole number from 1 to 1600; got 0'],
    [{ concurrencyPerEnvironment: 1601 }, 'whole number from 1 to 1600; got 1601'],
    [{ concurrencyPerEnvironment: 2.5 }, 'got 2.5'],
    [{ concurrencyPerEnvironment: 4, runtime: 'nodejs20.x' as const }, 'simulated for nodejs22.x and nodejs24.x; got nodejs20.x'],
    [{ concurrencyPerEnvironment: 4, logFormat: 'Text' as const }, 'only support the JSON log format'],
  ])('%j is refused', (config, message) => {
    const r = parseFunctionConfig(config);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it('sets the JSON log format, as Lambda does for Managed Instances', () => {
    const r = parseFunctionConfig({ concurrencyPerEnvironment: 64 });
    expect(r.ok && r.config.logFormat).toBe('JSON');
  });
});
