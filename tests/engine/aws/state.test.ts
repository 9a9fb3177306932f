import { describe, expect, it } from 'vitest';
import { createAwsWorld, diagnoseCalls, parseAwsState, secretSuffix, type AwsCallRecord } from '../../../src/engine/index.ts';
import type { InvocationRecord } from '../../../src/engine/types.ts';

describe('parseAwsState', () => {
  it('empty input is an empty account; the snapshot round-trips the seed shape', () => {
    expect(parseAwsState(undefined).ok).toBe(true);
    const seed = {
      s3: { buckets: { 'my-bucket': { 'k.txt': 'héllo ✓' } } },
      dynamodb: { tables: { T: { keySchema: { pk: 'id' }, items: [{ id: 'a', n: 1, l: [true, null], m: { x: 'y' } }] } } },
      sqs: { queues: { q: ['m1'] } },
      secretsmanager: { secrets: { s: 'v' } },
      ssm: { parameters: { '/p': 'v', '/k': { value: 'x', type: 'SecureString' } } },
    };
    const w = createAwsWorld({ state: seed });
    const snap = w.snapshot() as Record<string, any>;
    expect(snap['s3'].buckets['my-bucket']['k.txt']).toEqual({ body: 'héllo ✓', contentType: 'application/octet-stream' });
    expect(snap['dynamodb'].tables.T.items).toEqual(seed.dynamodb.tables.T.items);
    expect(snap['ssm'].parameters).toEqual(seed.ssm.parameters);
    expect(snap['events'].buses).toEqual({ default: [] });
    expect(snap['lambda'].functions).toEqual({});
  });
  it('Lambda stubs and EventBridge buses parse and snapshot', () => {
    const w = createAwsWorld({ state: { lambda: { functions: { f: { response: { a: 1 } } } }, events: { buses: { 'my-bus': [] } } } });
    const snap = w.snapshot() as Record<string, any>;
    expect(snap['lambda'].functions).toEqual({ f: { response: { a: 1 } } });
    expect(snap['events'].buses).toEqual({ default: [], 'my-bus': [] });
  });
  it.each([
    [[], /must be an object/],
    [{ s4: {} }, /Unknown section "s4"/],
    [{ s3: { buckets: { My_Bucket: {} } } }, /bucket names are 3-63/],
    [{ s3: { buckets: { 'ok-bucket': { k: 1 } } } }, /state\.s3\.buckets\.ok-bucket\.k/],
    [{ dynamodb: { tables: { T: { items: [] } } } }, /needs "keySchema"/],
    [{ dynamodb: { tables: { T: { keySchema: { pk: 'id' }, items: [{ name: 'x' }] } } } }, /key attribute "id"/],
    [{ sqs: { queues: { q: [1] } } }, /message bodies/],
    [{ ssm: { parameters: { p: { value: 'x', type: 'Secure' } } } }, /"String", "StringList" or "SecureString"/],
    [{ http: { 'api.x.com': { routes: { '/price': {} } } } }, /must look like "GET \/path"/],
    [{ lambda: { functions: { f: 'x' } } }, /state\.lambda\.functions\.f: a function stub is \{ "response"/],
    [{ lambda: { functions: { f: { error: { errorType: 'E' } } } } }, /state\.lambda\.functions\.f\.error: must be \{ "errorType": string, "errorMessage": string \}/],
    [{ lambda: [] }, /state\.lambda: must be an object like \{ "functions"/],
    [{ events: { buses: { b: {} } } }, /state\.events\.buses\.b: a bus is declared with an array/],
    ['{"s3": ', /not valid JSON/],
  ])('%j → clear error', (input, re) => {
    const r = parseAwsState(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
  it('createAwsWorld throws the parser message for a broken policy', () => {
    expect(() => createAwsWorld({ policy: { Version: '2012-10-17', Statement: { Action: '*', Resource: '*' } } })).toThrow(/has no "Effect"/);
  });
  it('secret suffixes are 6 characters, deterministic, and differ by name', () => {
    expect(secretSuffix('prod/db')).toMatch(/^[A-Za-z0-9]{6}$/);
    expect(secretSuffix('prod/db')).toBe(secretSuffix('prod/db'));
    expect(secretSuffix('prod/db')).not.toBe(secretSuffix('prod/api'));
  });
  it('reset restores the seed and clears calls', () => {
    const w = createAwsWorld({ state: { sqs: { queues: { q: [] } } } });
    w.services('aws', { service: 'sqs', operation: 'SendMessage', input: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: 'x' } }, { nowMs: 0, requestId: 'r' });
    expect((w.snapshot() as any).sqs.queues.q).toEqual(['x']);
    expect(w.calls()).toHaveLength(1);
    w.reset();
    expect((w.snapshot() as any).sqs.queues.q).toEqual([]);
    expect(w.calls()).toHaveLength(0);
  });
});

describe('diagnoseCalls', () => {
  const rec = (over: Partial<InvocationRecord>): InvocationRecord =>
    ({ requestId: 'r1', coldStart: false, outcome: 'function-error', errorType: 'X', errorMessage: 'x', functionError: 'Unhandled', durationMs: 1, billedDurationMs: 1, initDurationMs: null, maxMemoryUsedMB: 1, payload: null, result: null, startedAt: 0, logs: [], pending: [], causes: ['unhandled-exception'], ...over }) as InvocationRecord;
  const call = (over: Partial<AwsCallRecord>): AwsCallRecord => ({ id: 1, requestId: 'r1', service: 's3', operation: 'GetObject', target: 't', startMs: 0, durationMs: 1, outcome: 'ok', ...over });
  it('nothing for a success, or for calls of another invocation', () => {
    const denied = call({ outcome: 'error', iam: { decision: 'implicit-deny', action: 'a', resource: 'r' } });
    expect(diagnoseCalls(rec({ outcome: 'success', causes: [] }), [denied])).toEqual([]);
    expect(diagnoseCalls(rec({}), [{ ...denied, requestId: 'other' }])).toEqual([]);
  });
  it('access-denied for an IAM denial; downstream-failure for a fault or a call waiting at timeout', () => {
    expect(diagnoseCalls(rec({}), [call({ outcome: 'error', iam: { decision: 'explicit-deny', action: 'a', resource: 'r' } })])).toEqual(['access-denied']);
    expect(diagnoseCalls(rec({}), [call({ outcome: 'error', fault: 'injected throttling' })])).toEqual(['downstream-failure']);
    expect(diagnoseCalls(rec({ outcome: 'timeout', causes: ['timeout'], pending: ['S3 GetObject call in flight'] }), [])).toEqual(['downstream-failure']);
    expect(diagnoseCalls(rec({ outcome: 'timeout', causes: ['timeout'], pending: ['setTimeout due in 5 ms'] }), [])).toEqual([]);
  });
});
