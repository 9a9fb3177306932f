import { describe, expect, it } from 'vitest';
import { createEngineHost, frontDoorRequestId, seedForKey, type HostAnswer } from '../../src/worker/engine-host.ts';
import type { FunctionInput, ResultPayload, WorkerRequest } from '../../src/worker/protocol.ts';
import { getTestQuickJS } from '../engine/quickjs.ts';

const ok200: FunctionInput = {
  files: { 'index.mjs': 'let n = 0; export const handler = async () => ({ statusCode: 200, body: String(++n) });' },
  config: { timeoutSeconds: 3, memoryMB: 128 },
};
const get = { kind: 'http' as const, request: { method: 'GET', path: '/' } };

async function host(extra: Parameters<typeof createEngineHost>[0] extends infer O ? Partial<O> : never = {}) {
  return createEngineHost({ quickjs: await getTestQuickJS(), ...extra });
}

function payloadOf(answer: HostAnswer): ResultPayload {
  if (answer.type !== 'result') throw new Error(`expected a result, got ${answer.message}`);
  return answer.payload;
}

function run(over: Partial<Extract<WorkerRequest, { type: 'run' }>> = {}): WorkerRequest {
  return { id: 1, type: 'run', fn: ok200, frontDoor: 'apigw-rest', input: get, ...over };
}

describe('engine host', () => {
  it('runs through a front door and reports what the caller saw and what Lambda logged', async () => {
    const h = await host();
    const p = payloadOf(await h.handle(run(), () => {}));
    expect(p.kind).toBe('run');
    if (p.kind !== 'run') return;
    expect(p.run.response.statusCode).toBe(200);
    expect(p.run.response.body).toBe('1');
    expect(p.coldStart).toBe(true);
    expect(p.run.record?.logs.some((l) => l.startsWith('REPORT RequestId:'))).toBe(true);
    expect(p.run.eventBytes).toBeGreaterThan(100);
    expect(p.run.payloadBytes).toBe(p.run.record?.payload?.length);
    h.dispose();
  });

  it('keeps one warm function per code and config, so "Run again" is warm', async () => {
    const h = await host();
    await h.handle(run(), () => {});
    const again = payloadOf(await h.handle(run(), () => {}));
    expect(again.kind === 'run' && again.coldStart).toBe(false);
    expect(again.kind === 'run' && again.run.response.body).toBe('2');
    // Changed config → a different function → cold.
    const changed = payloadOf(await h.handle(run({ fn: { ...ok200, config: { ...ok200.config, memoryMB: 256 } } }), () => {}));
    expect(changed.kind === 'run' && changed.coldStart).toBe(true);
    h.dispose();
  });

  it('fresh runs and reset-environment start cold again', async () => {
    const h = await host();
    await h.handle(run(), () => {});
    const fresh = payloadOf(await h.handle(run({ fresh: true }), () => {}));
    expect(fresh.kind === 'run' && fresh.coldStart).toBe(true);
    expect(payloadOf(await h.handle({ id: 3, type: 'reset-environment', fn: ok200 }, () => {})).kind).toBe('reset-environment');
    const after = payloadOf(await h.handle(run(), () => {}));
    expect(after.kind === 'run' && after.coldStart).toBe(true);
    expect(after.kind === 'run' && after.run.response.body).toBe('1');
    h.dispose();
  });

  it('sends raw events as written', async () => {
    const h = await host();
    const fn = { files: { 'index.mjs': 'export const handler = async (e) => e.n * 2;' }, config: {} };
    const p = payloadOf(await h.handle(run({ fn, frontDoor: 'invoke', input: { kind: 'event', event: { n: 21 } } }), () => {}));
    expect(p.kind === 'run' && p.run.response.body).toBe('42');
    h.dispose();
  });

  it('compares every front door with progress messages', async () => {
    const h = await host();
    const fn = { files: { 'index.mjs': 'export const handler = async () => ({ message: "hi" });' }, config: {} };
    const progress: string[] = [];
    const p = payloadOf(await h.handle({ id: 4, type: 'compare', fn, request: { method: 'GET', path: '/' } }, (m) => progress.push(m)));
    expect(p.kind).toBe('compare');
    if (p.kind !== 'compare') return;
    const status = Object.fromEntries(p.runs.map((r) => [r.frontDoor, r.response.statusCode]));
    expect(status['apigw-rest']).toBe(502);
    expect(status['http-api-v2']).toBe(200);
    expect(progress.length).toBeGreaterThanOrEqual(p.runs.length);
    h.dispose();
  });

  it('reports a runaway loop as the function timeout within the wall budget', async () => {
    const h = await host({ wallBudgetMs: 300 });
    const fn = { files: { 'index.mjs': 'export const handler = async () => { while (true) {} };' }, config: { timeoutSeconds: 900 } };
    const p = payloadOf(await h.handle(run({ fn }), () => {}));
    expect(p.kind === 'run' && p.run.record?.outcome).toBe('timeout');
    h.dispose();
  });

  it('answers bad input with a plain-words error instead of throwing', async () => {
    const h = await host();
    const bad = await h.handle(run({ fn: { files: { 'index.mjs': '' }, config: { memoryMB: 5 } } }), () => {});
    expect(bad).toEqual({ type: 'error', code: 'bad-input', message: expect.stringContaining('Memory must be') });
    const broken = await h.handle({ id: 9, type: 'run' } as unknown as WorkerRequest, () => {});
    expect(broken.type).toBe('error');
    h.dispose();
  });

  it('says load runs are unsupported until the load simulator is plugged in', async () => {
    const h = await host();
    expect(h.hasLoad).toBe(false);
    const answer = await h.handle({ id: 5, type: 'load-run', fn: ok200, frontDoor: 'apigw-rest', input: get, load: { requests: 10, model: 'rate', ratePerSecond: 5, clients: 1, reservedConcurrency: null } }, () => {});
    expect(answer).toEqual({ type: 'error', code: 'unsupported', message: expect.stringContaining('Engine III') });
    h.dispose();
  });

  it('plugs an AWS world in: modules resolve through it and its calls reach the view', async () => {
    const seen: string[] = [];
    const h = await host({
      createAwsWorld: (input, config) => {
        seen.push(`${config.functionName}:${JSON.stringify(input.state)}`);
        return {
          resolveModule: (spec) => (spec === 'fake-sdk' ? { format: 'cjs', source: "exports.get = () => require('lambda-triage:host').call('kv.get', {});" } : undefined),
          services: () => ({ result: 'v', latencyMs: 40 }),
          callsFor: (record) => [{ label: `kv get for ${record.requestId.slice(0, 4)}`, startMs: 1, endMs: 41, ok: true, detail: 'OK in 40 ms' }],
          causesFor: () => ['downstream-failure'],
        };
      },
    });
    const fn = { files: { 'index.mjs': 'import sdk from "fake-sdk"; export const handler = async () => ({ statusCode: 200, body: await sdk.get() });' }, config: {} };
    const aws = { policy: {}, state: { a: 1 }, faults: {} };
    const p = payloadOf(await h.handle(run({ fn, aws }), () => {}));
    expect(p.kind === 'run' && p.run.response.body).toBe('v');
    expect(p.kind === 'run' && p.run.calls[0]?.label).toMatch(/^kv get for /);
    expect(p.kind === 'run' && p.run.callCauses).toEqual(['downstream-failure']);
    expect(seen).toEqual(['my-function:{"a":1}']);
    // Same code, config and AWS input: the same warm world.
    await h.handle(run({ fn, aws }), () => {});
    expect(seen).toHaveLength(1);
    // Different AWS input: a new world (and a cold function).
    const other = payloadOf(await h.handle(run({ fn, aws: { ...aws, state: { a: 2 } } }), () => {}));
    expect(other.kind === 'run' && other.coldStart).toBe(true);
    expect(seen).toHaveLength(2);
    h.dispose();
  });

  it('turns an invalid AWS input into a bad-input error', async () => {
    const h = await host({
      createAwsWorld: () => {
        throw new Error('state.dynamodb.tables.orders: keySchema.pk is required.');
      },
    });
    const answer = await h.handle(run({ aws: { policy: {}, state: {}, faults: {} } }), () => {});
    expect(answer).toEqual({ type: 'error', code: 'bad-input', message: 'state.dynamodb.tables.orders: keySchema.pk is required.' });
    h.dispose();
  });
});

describe('request ids per function', () => {
  const other: FunctionInput = { files: { 'index.mjs': 'export const handler = async () => ({ statusCode: 201, body: "other" });' }, config: ok200.config };
  const ids = (p: ResultPayload) => (p.kind === 'run' ? [p.run.record?.requestId, (p.run.event as { requestContext?: { requestId?: string } }).requestContext?.requestId] : []);

  it('different handlers in fresh hosts get different Lambda and API Gateway request ids', async () => {
    const a = await host();
    const b = await host();
    const first = ids(payloadOf(await a.handle(run(), () => {})));
    const second = ids(payloadOf(await b.handle(run({ fn: other }), () => {})));
    expect(first[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(first[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    a.dispose();
    b.dispose();
  });

  it('the same function replays the same ids in a fresh host (a share link opens identically)', async () => {
    const a = await host();
    const b = await host();
    const first = [ids(payloadOf(await a.handle(run(), () => {}))), ids(payloadOf(await a.handle(run(), () => {})))];
    const again = [ids(payloadOf(await b.handle(run(), () => {}))), ids(payloadOf(await b.handle(run(), () => {})))];
    expect(again).toEqual(first);
    expect(first[1]).not.toEqual(first[0]);
    a.dispose();
    b.dispose();
  });

  it('seeds from a hash of the input: stable, 32-bit, and different for different inputs', () => {
    expect(seedForKey('x')).toBe(seedForKey('x'));
    expect(seedForKey('x')).not.toBe(seedForKey('y'));
    expect(Number.isInteger(seedForKey('x')) && seedForKey('x') > 0 && seedForKey('x') < 2 ** 32).toBe(true);
  });
});

describe('frontDoorRequestId', () => {
  it('is UUID-shaped, deterministic and distinct per run', () => {
    expect(frontDoorRequestId(1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(frontDoorRequestId(1)).toBe(frontDoorRequestId(1));
    expect(new Set([1, 2, 3, 4].map(frontDoorRequestId)).size).toBe(4);
  });
});

describe('engine host: the real-memory budget', () => {
  it('says honestly that the program needs more real memory than the simulator may use, as an unsupported case, not a simulator failure', async () => {
    const h = await host({ realMemoryBudgetBytes: 8 * 1024 * 1024 });
    const fn: FunctionInput = {
      files: {
        'index.mjs':
          'const keep = []; export const handler = async () => { for (let i = 0; i < 40; i++) keep.push(Array.from({ length: 20000 }, (_, j) => ({ j, s: "x" + j }))); return { statusCode: 200, body: String(keep.length) }; };',
      },
      config: { timeoutSeconds: 30, memoryMB: 10240 },
    };
    const answer = await h.handle(run({ fn }), () => {});
    expect(answer.type).toBe('error');
    if (answer.type !== 'error') return;
    expect(answer.code).toBe('unsupported');
    expect(answer.message).toMatch(/real memory the simulator may use/);
    expect(answer.message).not.toMatch(/The simulator failed/);
    h.dispose();
  });
});
