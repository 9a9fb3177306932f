import { describe, expect, it } from 'vitest';
import { ASYNC_QUEUE_DELAY_MS, createDeadLetterMessage, invokeAsync, type AsyncInvokeOptions } from '../../../src/engine/async/async-invoke.ts';
import { getTestQuickJS } from '../quickjs.ts';

const FAILS = { 'index.mjs': 'let n = 0; export const handler = async (e) => { n++; console.log("attempt", n); throw new Error("boom " + e.id); };' };
const FAILS_TWICE = { 'index.mjs': 'let n = 0; export const handler = async () => { if (++n < 3) throw new Error("not yet"); return { done: n }; };' };
const DEST = 'arn:aws:sqs:us-east-1:123456789012:failed-events';

async function run(partial: Partial<AsyncInvokeOptions>) {
  return invokeAsync({ quickjs: await getTestQuickJS(), config: {}, files: FAILS, event: { id: 7 }, ...partial });
}

describe('invokeAsync', () => {
  it('accepts with 202 and retries a function error twice: 1 minute, then 2 minutes after the previous attempt', async () => {
    const r = await run({ onFailure: DEST });
    expect(r.response.statusCode).toBe(202);
    expect(r.response.body).toBe('');
    expect(r.attempts).toHaveLength(3);
    const [a1, a2, a3] = r.attempts;
    expect(a1?.startedAtMs).toBe(ASYNC_QUEUE_DELAY_MS);
    const end1 = (a1?.startedAtMs ?? 0) + (a1?.record.durationMs ?? 0) + (a1?.record.initDurationMs ?? 0);
    const end2 = (a2?.startedAtMs ?? 0) + (a2?.record.durationMs ?? 0);
    expect((a2?.startedAtMs ?? 0) - end1).toBeCloseTo(60_000, 0);
    expect((a3?.startedAtMs ?? 0) - end2).toBeCloseTo(120_000, 0);
    // The environment stays warm between retries (module state counts attempts); the request id is kept.
    expect(r.attempts.map((a) => a.record.coldStart)).toEqual([true, false, false]);
    expect(new Set(r.attempts.map((a) => a.record.requestId))).toEqual(new Set([r.requestId]));
    expect(r.outcome).toBe('RetriesExhausted');
  });

  it('delivers the invocation record AWS documents to the on-failure destination', async () => {
    const r = await run({ onFailure: DEST });
    expect(r.deliveries).toHaveLength(1);
    const d = r.deliveries[0];
    if (d?.kind !== 'on-failure') throw new Error('expected an on-failure delivery');
    expect(d.destinationArn).toBe(DEST);
    expect(Object.keys(d.record)).toEqual(['version', 'timestamp', 'requestContext', 'requestPayload', 'responseContext', 'responsePayload']);
    expect(d.record.version).toBe('1.0');
    expect(d.record.timestamp).toMatch(/^2026-01-01T00:0\d:\d\d\.\d{3}Z$/);
    expect(d.record.requestContext).toEqual({
      requestId: r.requestId,
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST',
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    });
    expect(d.record.requestPayload).toEqual({ id: 7 });
    expect(d.record.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    expect(d.record.responsePayload).toMatchObject({ errorType: 'Error', errorMessage: 'boom 7' });
  });

  it('MaximumRetryAttempts 0: one attempt', async () => {
    const r = await run({ maximumRetryAttempts: 0, onFailure: DEST });
    expect(r.attempts).toHaveLength(1);
    expect(r.deliveries[0]?.kind === 'on-failure' && r.deliveries[0].record.requestContext.approximateInvokeCount).toBe(1);
  });

  it('a retry that succeeds goes to the on-success destination', async () => {
    const r = await run({ files: FAILS_TWICE, onSuccess: 'arn:aws:sns:us-east-1:123456789012:ok', onFailure: DEST });
    expect(r.outcome).toBe('success');
    expect(r.attempts).toHaveLength(3);
    const d = r.deliveries[0];
    expect(d?.kind).toBe('on-success');
    if (d?.kind === 'on-success') {
      expect(d.record.requestContext.condition).toBe('Success');
      expect(d.record.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
      expect(d.record.responsePayload).toEqual({ done: 3 });
    }
  });

  it('maximum event age of 60 s: the first retry would start too late, so the event expires', async () => {
    const r = await run({ maximumEventAgeSeconds: 60, onFailure: DEST });
    expect(r.attempts).toHaveLength(1);
    expect(r.outcome).toBe('EventAgeExceeded');
    expect(r.deliveries[0]?.kind === 'on-failure' && r.deliveries[0].record.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 1 });
  });

  it('dead-letter queue: the event unchanged with RequestID, ErrorCode and ErrorMessage attributes', async () => {
    const r = await run({ deadLetterQueue: 'arn:aws:sqs:us-east-1:123456789012:dlq', rawPayload: '{ "id": 7 }' });
    const d = r.deliveries[0];
    if (d?.kind !== 'dead-letter-queue') throw new Error('expected a DLQ delivery');
    expect(d.message.body).toBe('{ "id": 7 }');
    expect(d.message.messageAttributes).toEqual({
      RequestID: { DataType: 'String', StringValue: r.requestId },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: 'boom 7' },
    });
    expect(createDeadLetterMessage('id', '{}', 200, 'x'.repeat(5000)).messageAttributes.ErrorMessage.StringValue).toHaveLength(1024);
  });

  it('reserved concurrency 0: still 202, sent on without any attempt (ZeroReservedConcurrency)', async () => {
    const r = await run({ reservedConcurrency: 0, onFailure: DEST });
    expect(r.response.statusCode).toBe(202);
    expect(r.attempts).toHaveLength(0);
    const d = r.deliveries[0];
    expect(d?.kind === 'on-failure' && d.record.requestContext).toMatchObject({ condition: 'ZeroReservedConcurrency', approximateInvokeCount: 0 });
  });

  it('a failed event with nowhere to go is discarded', async () => {
    const r = await run({});
    expect(r.discarded).toBe(true);
    expect(r.deliveries).toEqual([]);
  });

  it('a payload over the async limit is rejected with 413', async () => {
    const r = await run({ event: { big: 'x'.repeat(1_100_000) } });
    expect(r.response.statusCode).toBe(413);
    expect(r.outcome).toBe('rejected');
    expect(r.attempts).toHaveLength(0);
  });
});
