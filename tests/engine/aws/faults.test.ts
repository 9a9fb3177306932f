import { describe, expect, it } from 'vitest';
import { diagnoseCalls, parseFaults } from '../../../src/engine/index.ts';
import { runOnce } from './world-helpers.ts';
import { macrotaskMicros } from '../../../src/engine/lambda/limits.ts';

const state = { dynamodb: { tables: { Orders: { keySchema: { pk: 'id' }, items: [{ id: 'o1' }] } } }, secretsmanager: { secrets: { s: 'v' } } };
const getItem = (clientOptions = '{}', sendOptions = '') => `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient(${clientOptions});
export const handler = async () => {
  const t0 = Date.now();
  try {
    const r = await ddb.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'o1' } } })${sendOptions});
    return { ok: true, attempts: r.$metadata.attempts, delay: r.$metadata.totalRetryDelay, ms: Date.now() - t0 };
  } catch (e) {
    return { ok: false, name: e.name, message: e.message, code: e.code, attempts: e.$metadata && e.$metadata.attempts, delay: e.$metadata && e.$metadata.totalRetryDelay, ms: Date.now() - t0, cause: e.cause && e.cause.name };
  }
};`;

describe('downstream faults on the virtual clock', () => {
  it('a hang + 3 s function timeout: timeout, pending lists the waiting call, downstream-failure', async () => {
    const { record, world } = await runOnce(`
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
const sm = new SecretsManagerClient({});
export const handler = async () => (await sm.send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString;`, { state, faults: { rules: [{ service: 'secretsmanager', hang: true }] } });
    expect(record.outcome).toBe('timeout');
    expect(record.errorMessage).toMatch(/Task timed out after 3\.00 seconds/);
    expect(record.pending).toContain('Secrets Manager GetSecretValue call still waiting for a response');
    expect(world.calls()[0]).toMatchObject({ outcome: 'hang', durationMs: null, fault: 'no response (fault rule for secretsmanager)' });
    expect(diagnoseCalls(record, world.calls())).toEqual(['downstream-failure']);
  });

  it('vpcWithoutNat makes every AWS call hang (classic timeout)', async () => {
    const { record, world } = await runOnce(getItem(), { state, faults: { vpcWithoutNat: true } });
    expect(record.outcome).toBe('timeout');
    expect(record.pending).toContain('DynamoDB GetItem call still waiting for a response');
    expect(world.calls()[0]?.fault).toMatch(/VPC without a NAT gateway/);
  });

  it('throttling is retried with backoff: maxAttempts 3 (default) → 3 attempts, ProvisionedThroughputExceededException', async () => {
    const { record, world } = await runOnce(getItem(), { state, faults: { rules: [{ service: 'dynamodb', error: 'throttling' }] } });
    const r = record.result as Record<string, number | string | boolean>;
    expect(r).toMatchObject({ ok: false, name: 'ProvisionedThroughputExceededException', attempts: 3 });
    expect(world.calls()).toHaveLength(3);
    // throttling base 500 ms, full jitter: retry i waits < 500 × 2^i
    expect(r['delay']).toBeLessThan(500 + 1000);
    expect(r['ms']).toBeGreaterThanOrEqual((r['delay'] as number) + 3 * 8);
  });

  it('non-retryable errors are not retried; maxAttempts is honoured', async () => {
    const { record: a } = await runOnce(getItem('{ maxAttempts: 5 }'), { state, faults: { rules: [{ service: 'dynamodb', error: { name: 'ValidationException', message: 'bad', status: 400 } }] } });
    expect(a.result).toMatchObject({ ok: false, name: 'ValidationException', attempts: 1, delay: 0 });
    const { record: b } = await runOnce(getItem('{ maxAttempts: 5 }'), { state, faults: { rules: [{ service: 'dynamodb', error: 'InternalServerError' }] } });
    expect(b.result).toMatchObject({ ok: false, name: 'InternalServerError', attempts: 5 });
  });

  it('ECONNRESET surfaces as a Node system error renamed TimeoutError by the HTTP handler, and is retried', async () => {
    const { record } = await runOnce(getItem('{ maxAttempts: 2 }'), { state, faults: { rules: [{ service: 'dynamodb', error: 'ECONNRESET' }] } });
    expect(record.result).toMatchObject({ ok: false, name: 'TimeoutError', code: 'ECONNRESET', message: 'read ECONNRESET', attempts: 2 });
  });

  it('seeded error rates are deterministic and the seed changes them', async () => {
    const faults = { rules: [{ service: 'dynamodb', errorRate: 0.5, error: 'ServiceUnavailable' }] };
    const code = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient({ maxAttempts: 1 });
export const handler = async () => { const out = []; for (let i = 0; i < 20; i++) { try { await ddb.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'o1' } } })); out.push(1); } catch (e) { out.push(0); } } return out.join(''); };`;
    const a = await runOnce(code, { state, faults, seed: 7 });
    const b = await runOnce(code, { state, faults, seed: 7 });
    const c = await runOnce(code, { state, faults, seed: 8 });
    expect(a.record.result).toBe(b.record.result);
    expect(a.record.result).not.toBe(c.record.result);
    expect(String(a.record.result)).toMatch(/0/);
    expect(String(a.record.result)).toMatch(/1/);
  });

  it('latency distributions are sampled per call on the virtual clock', async () => {
    const { world } = await runOnce(`
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient({});
export const handler = async () => { for (let i = 0; i < 5; i++) await ddb.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'o1' } } })); };`, { state, faults: { rules: [{ service: 'dynamodb', latencyMs: { uniform: [100, 200] } }] } });
    const d = world.calls().map((c) => c.durationMs as number);
    expect(d.every((x) => x >= 100 && x <= 200)).toBe(true);
    expect(new Set(d).size).toBe(5);
  });

  it('send(cmd, { abortSignal: AbortSignal.timeout(500) }) with a hang: AbortError after 500 ms, not retried', async () => {
    const { record, world } = await runOnce(getItem('{}', ', { abortSignal: AbortSignal.timeout(500) }'), { state, faults: { rules: [{ service: 'dynamodb', hang: true }] } });
    expect(record.result).toMatchObject({ ok: false, name: 'AbortError', message: 'Request aborted', cause: 'TimeoutError', ms: 500 });
    expect(world.calls()).toHaveLength(1);
    // 500 ms plus the engine's per-macrotask cost at 128 MB (tens of µs, limits.ts macrotaskMicros)
    expect(world.calls()[0]?.abandoned?.reason).toBe('abort-signal');
    const afterMs = world.calls()[0]?.abandoned?.afterMs ?? 0;
    expect(afterMs).toBeGreaterThanOrEqual(500);
    expect(afterMs).toBeLessThanOrEqual(500 + (2 * macrotaskMicros(128)) / 1000);
  });

  it('requestTimeout 500 ms + maxAttempts 3 against a hang: 3 attempts, predictable total time', async () => {
    const { record, world } = await runOnce(getItem('{ maxAttempts: 3, requestHandler: { requestTimeout: 500 } }'), { state, faults: { rules: [{ service: 'dynamodb', hang: true }] } });
    const r = record.result as Record<string, number | string>;
    expect(r).toMatchObject({ ok: false, name: 'TimeoutError', message: 'Connection timed out after 500 ms', attempts: 3 });
    // Three 500 ms attempts and the retry delays, plus the event loop's per-macrotask cost (under 1 ms in all).
    expect(r['ms']).toBeGreaterThanOrEqual(1500 + (r['delay'] as number));
    expect(r['ms']).toBeLessThanOrEqual(1500 + (r['delay'] as number) + 1);
    expect(r['delay']).toBeLessThan(100 + 200);
    for (const c of world.calls()) {
      expect(c.durationMs).toBeGreaterThanOrEqual(500);
      expect(c.durationMs).toBeLessThanOrEqual(500 + (2 * macrotaskMicros(128)) / 1000);
    }
    expect(world.calls()).toHaveLength(3);
  });

  it('NodeHttpHandler from @smithy/node-http-handler with throwOnRequestTimeout gives the newer handler message', async () => {
    const code = getItem('{ maxAttempts: 1, requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true }) }').replace(
      "import { DynamoDBClient",
      "import { NodeHttpHandler } from '@smithy/node-http-handler';\nimport { DynamoDBClient",
    );
    const { record } = await runOnce(code, { state, faults: { rules: [{ service: 'dynamodb', hang: true }] } });
    expect(record.result).toMatchObject({ ok: false, name: 'TimeoutError', code: 'ETIMEDOUT', message: '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 300 ms requestTimeout.', ms: 300 });
  });
});

describe('parseFaults', () => {
  it.each([
    [{ rules: [{ service: 'dynamo' }] }, /service must be one of/],
    [{ rules: [{ service: 's3', errorRate: 0.5 }] }, /needs "error"/],
    [{ rules: [{ service: 's3', error: 'boom' }] }, /error must be one of throttling/],
    [{ rules: [{ service: 's3', latencyMs: -1 }] }, /latency is a number/],
    [{ rules: [{ service: 's3', host: 'x' }] }, /exactly one of "service"/],
    [{ rules: [{ host: 'api.example.com', route: 'price' }] }, /route looks like "GET \/path"/],
    [{ vpc: true }, /Unknown faults element "vpc"/],
    ['{', /not valid JSON/],
  ])('%j is rejected with a clear message', (input, re) => {
    const r = parseFaults(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
  it('accepts presets, custom errors and distributions', () => {
    const r = parseFaults({ rules: [{ service: 's3', operation: 'GetObject', latencyMs: { lognormal: { median: 40, sigma: 0.5 } }, errorRate: 0.1, error: { name: 'SlowDown', message: 'x', status: 503 } }] });
    expect(r.ok).toBe(true);
  });
});

describe('init-time hangs', () => {
  it('a top-level await on a hanging call (VPC without NAT): init times out, the retried init times out, pending names the call', async () => {
    const { record, world } = await runOnce(`
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
const url = (await new SSMClient({}).send(new GetParameterCommand({ Name: '/app/url' }))).Parameter.Value;
export const handler = async () => url;`, { state: { ssm: { parameters: { '/app/url': 'x' } } }, faults: { vpcWithoutNat: true } });
    expect(record.outcome).toBe('timeout');
    expect(record.pending).toEqual(["the function's init code had not finished", 'SSM GetParameter call still waiting for a response']);
    expect(record.logs.filter((l) => l.startsWith('INIT_REPORT'))).toHaveLength(2);
    expect(world.calls()).toHaveLength(2);
    expect(diagnoseCalls(record, world.calls())).toEqual(['downstream-failure']);
  });
});
