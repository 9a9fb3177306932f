import { describe, expect, it } from 'vitest';
import { md5Hex } from '../../../src/engine/async/md5.ts';
import { checkBatchResponse, runSqsTrigger, type SqsTriggerOptions } from '../../../src/engine/async/sqs.ts';
import type { InvocationRecord } from '../../../src/engine/types.ts';
import { getTestQuickJS } from '../quickjs.ts';

// Fails every message whose body contains "bad"; reports them as batch item failures.
const PARTIAL = {
  'index.mjs': `export const handler = async (event) => {
    console.log(JSON.stringify(event.Records[0]));
    const failed = event.Records.filter((r) => r.body.includes('bad')).map((r) => ({ itemIdentifier: r.messageId }));
    return { batchItemFailures: failed };
  };`,
};

async function run(partial: Partial<SqsTriggerOptions>) {
  return runSqsTrigger({ quickjs: await getTestQuickJS(), config: {}, files: PARTIAL, messages: [], ...partial });
}

function rec(outcome: InvocationRecord['outcome'], result: unknown): InvocationRecord {
  return { requestId: 'r', coldStart: false, outcome, errorType: outcome === 'success' ? null : 'Error', errorMessage: null, functionError: null, durationMs: 1, billedDurationMs: 1, initDurationMs: null, maxMemoryUsedMB: 64, payload: JSON.stringify(result), result, startedAt: 0, logs: [], pending: [], causes: [], processExit: null };
}

describe('SQS trigger', () => {
  it('delivers records shaped like real SQS events', async () => {
    const r = await run({ messages: [{ body: 'test', messageAttributes: { kind: { dataType: 'String', stringValue: 'order' } } }], queueName: 'orders' });
    const logged = r.batches[0]?.logs.find((l) => l.includes('"eventSource":"aws:sqs"')) ?? '';
    const record = JSON.parse(logged.split('\t').slice(3).join('\t')) as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfBody', 'eventSource', 'eventSourceARN', 'awsRegion']);
    expect(record['md5OfBody']).toBe('098f6bcd4621d373cade4e832627b4f6');
    expect(record['eventSourceARN']).toBe('arn:aws:sqs:us-east-1:123456789012:orders');
    expect(record['awsRegion']).toBe('us-east-1');
    expect(record['attributes']).toMatchObject({ ApproximateReceiveCount: '1', SentTimestamp: String(Date.UTC(2026, 0, 1)) });
    expect(record['messageAttributes']).toEqual({ kind: { stringValue: 'order', stringListValues: [], binaryListValues: [], dataType: 'String' } });
    expect(r.deleted).toHaveLength(1);
  });

  it('partial batch response: only the reported messages come back, after the visibility timeout', async () => {
    const r = await run({ messages: [{ body: 'ok 1' }, { body: 'bad 2' }, { body: 'ok 3' }], reportBatchItemFailures: true, visibilityTimeoutSeconds: 30, maxReceiveCount: 2 });
    const [first, second, third] = r.batches;
    expect(first?.messageIds).toHaveLength(3);
    expect(first?.verdict.failed).toHaveLength(1);
    expect(second?.messageIds).toEqual(first?.verdict.failed);
    expect(second?.atMs).toBe(30_000);
    expect(third).toBeUndefined();
    expect(r.deleted).toHaveLength(2);
    expect(r.deadLettered).toEqual([{ messageId: first?.verdict.failed[0], body: 'bad 2', receiveCount: 2 }]);
    expect(r.remaining).toEqual([]);
  });

  it('without ReportBatchItemFailures the response is ignored: every message is deleted', async () => {
    const r = await run({ messages: [{ body: 'ok' }, { body: 'bad' }] });
    expect(r.batches).toHaveLength(1);
    expect(r.deleted).toHaveLength(2);
  });

  it('a function error returns the whole batch', async () => {
    const r = await run({ files: { 'index.mjs': 'export const handler = async () => { throw new Error("down"); };' }, messages: [{ body: 'a' }, { body: 'b' }], reportBatchItemFailures: true, maxReceiveCount: 3 });
    expect(r.batches).toHaveLength(3);
    expect(r.batches.every((b) => b.verdict.wholeBatchFailed)).toBe(true);
    expect(r.deadLettered.map((d) => d.receiveCount)).toEqual([3, 3]);
  });

  it('batch size splits the queue', async () => {
    const r = await run({ messages: Array.from({ length: 25 }, (_, i) => ({ body: `ok ${i}` })), batchSize: 10 });
    expect(r.batches.map((b) => b.messageIds.length)).toEqual([10, 10, 5]);
  });
});

describe('checkBatchResponse (services-sqs-errorhandling)', () => {
  const ids = ['m1', 'm2'];
  it.each<[string, unknown, boolean, string[]]>([
    ['empty list', { batchItemFailures: [] }, false, []],
    ['null list', { batchItemFailures: null }, false, []],
    ['null response', null, false, []],
    ['empty object', {}, false, []],
    ['one failure', { batchItemFailures: [{ itemIdentifier: 'm2' }] }, false, ['m2']],
    ['empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }, true, ids],
    ['null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }, true, ids],
    ['misspelt key', { batchItemFailures: [{ itemIdentifer: 'm1' }] }, true, ids],
    ['unknown message id', { batchItemFailures: [{ itemIdentifier: 'zz' }] }, true, ids],
  ])('%s', (_name, result, whole, failed) => {
    const v = checkBatchResponse(rec('success', result), ids, true);
    expect(v.wholeBatchFailed).toBe(whole);
    expect(v.failed).toEqual(failed);
  });

  it('a function error fails the batch even without ReportBatchItemFailures', () => {
    expect(checkBatchResponse(rec('function-error', null), ids, false)).toMatchObject({ wholeBatchFailed: true, failed: ids });
  });
});

describe('md5Hex', () => {
  it('matches RFC 1321 test vectors', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });
});
