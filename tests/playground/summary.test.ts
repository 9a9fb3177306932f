import { describe, expect, it } from 'vitest';
import { createFinding } from '../../src/engine/errors/catalogue.ts';
import { mapFrontDoorResponse } from '../../src/engine/integrations/front-doors.ts';
import { describePendingItem, summariseRun } from '../../src/playground/summary.ts';
import type { FrontDoor } from '../../src/engine/vocabulary.ts';
import type { InvocationRecord } from '../../src/engine/types.ts';
import { makeRecord, returned } from '../engine/integrations/record-factory.ts';

/** Summarise what `frontDoor` makes of `record`, using the engine's own mapper. */
function through(frontDoor: FrontDoor, record: InvocationRecord | null, ctx: { invokePermission?: boolean; throttled?: boolean } = {}): string {
  const result = mapFrontDoorResponse(frontDoor, record, { invokePermission: ctx.invokePermission ?? true, requestBodyBytes: 0, ...(ctx.throttled ? { throttled: true } : {}) });
  return summariseRun({ ...result, record });
}

const timedOut = (pending: string[]) =>
  makeRecord({
    outcome: 'timeout',
    errorType: 'Sandbox.Timedout',
    errorMessage: 'RequestId: 1 Error: Task timed out after 3.00 seconds',
    functionError: 'Unhandled',
    durationMs: 3000,
    pending,
    payload: '{"errorType":"Sandbox.Timedout"}',
  });

describe('summariseRun', () => {
  it('a success says how long it took and what the caller got', () => {
    expect(through('apigw-rest', returned({ statusCode: 200, body: 'ok' }))).toBe('The function returned in 12.34 ms and API Gateway (REST API) answered 200.');
  });

  it('mentions a cold start with its Init Duration', () => {
    const s = through('function-url', returned({ statusCode: 201, body: '' }, { coldStart: true, initDurationMs: 120.5 }));
    expect(s).toBe('The function returned in 12.34 ms after a cold start (Init Duration 120.50 ms) and the function URL answered 201.');
  });

  it('a timeout names what was still waiting, SDK calls first', () => {
    const s = through('apigw-rest', timedOut(["handler's promise has not settled", 'call dynamodb.GetItem in flight']));
    expect(s).toBe('Task timed out after 3.00 seconds: the dynamodb.GetItem call was still waiting, so API Gateway (REST API) answered 502.');
  });

  it('a slow call whose answer was due after the timeout counts as still waiting', () => {
    const record = timedOut([]);
    const s = summariseRun({ frontDoor: 'apigw-rest', response: { statusCode: 502 }, findings: [], record, calls: [{ label: 'S3 GetObject', endMs: 20 }, { label: 'DynamoDB GetItem', endMs: 4100 }] });
    expect(s).toBe('Task timed out after 3.00 seconds: the DynamoDB GetItem call was still waiting, so API Gateway (REST API) answered 502.');
  });

  it('a timeout with nothing pending still reads as one sentence', () => {
    expect(through('invoke', timedOut([]))).toBe('Task timed out after 3.00 seconds, so the Invoke API answered 200 with X-Amz-Function-Error: Unhandled.');
  });

  it('out of memory reports Max Memory Used', () => {
    const r = makeRecord({ outcome: 'out-of-memory', errorType: 'Runtime.OutOfMemory', functionError: 'Unhandled', maxMemoryUsedMB: 128, payload: '{}' });
    expect(through('alb', r)).toBe('The function ran out of memory (Max Memory Used 128 MB reached its memory size), so the load balancer answered 502.');
  });

  it('a thrown error quotes its type and message', () => {
    const r = makeRecord({ outcome: 'function-error', errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'id')", functionError: 'Unhandled', payload: '{}' });
    expect(through('http-api-v2', r)).toBe("The handler failed with TypeError: Cannot read properties of undefined (reading 'id'), so API Gateway (HTTP API, payload 2.0) answered 500.");
  });

  it("a message that ends with a full stop does not get a second one before ', so'", () => {
    const r = makeRecord({ outcome: 'function-error', errorType: 'ValidationException', errorMessage: 'The provided model identifier is invalid.', functionError: 'Unhandled', payload: '{}' });
    expect(through('apigw-rest', r)).toBe('The handler failed with ValidationException: The provided model identifier is invalid, so API Gateway (REST API) answered 502.');
  });

  it('a malformed response names the broken rule', () => {
    const s = through('apigw-rest', returned({ statusCode: 200, body: { a: 1 } }));
    expect(s).toMatch(/^The function returned in 12\.34 ms, but API Gateway \(REST API\) answered 502: .+\.$/);
    expect(s).toContain('body must be a string');
  });

  it('a warning is mentioned after a successful answer', () => {
    const s = through('http-api-v2', returned({ message: 'hi' }));
    expect(s).toMatch(/answered 200, but note: .+\.$/);
  });

  it('no invoke at all says the front door answered on its own', () => {
    const s = through('apigw-rest', null, { invokePermission: false });
    expect(s).toMatch(/^API Gateway \(REST API\) answered 500 without invoking the function: .+\.$/);
  });

  it('an integration timeout says the gateway stopped waiting', () => {
    const record = returned({ statusCode: 200, body: 'late' }, { durationMs: 31_000 });
    const s = summariseRun({ frontDoor: 'apigw-rest', response: { statusCode: 504 }, findings: [createFinding('LT-INTEGRATION-TIMEOUT', {})], record });
    expect(s).toBe('API Gateway (REST API) answered 504 because it stopped waiting while the function was still running (it ran 31.00 s).');
  });

  it('an asynchronous invoke says the event was accepted', () => {
    const s = summariseRun({ frontDoor: 'invoke', response: { statusCode: 202 }, findings: [], record: returned(1), invocationType: 'Event' });
    expect(s).toBe('The function returned in 12.34 ms and the Invoke API answered 202 (accepted for asynchronous processing).');
  });

  it('every outcome gives exactly one sentence', () => {
    const outcomes: InvocationRecord['outcome'][] = ['success', 'function-error', 'timeout', 'out-of-memory', 'init-error', 'throttled', 'invalid-request'];
    for (const outcome of outcomes) {
      const s = summariseRun({ frontDoor: 'apigw-rest', response: { statusCode: 502 }, findings: [], record: makeRecord({ outcome, errorType: 'X', errorMessage: 'y. z' }) });
      expect(s, outcome).toMatch(/^[A-Z].*\.$/);
      expect(s.split('. ').length, outcome).toBeLessThanOrEqual(2); // "y. z" from the message itself
    }
  });
});

describe('describePendingItem', () => {
  it('turns the runtime\'s pending list into words', () => {
    expect(describePendingItem('call s3.GetObject in flight')).toBe('the s3.GetObject call was still waiting');
    expect(describePendingItem('DynamoDB GetItem call in flight')).toBe('the DynamoDB GetItem call was still waiting');
    expect(describePendingItem('setTimeout tick due in 1500 ms')).toBe('a setTimeout (tick) was still due in 1500 ms');
    expect(describePendingItem('setTimeout due in 20 ms (unref)')).toBe('a setTimeout was still due in 20 ms');
    expect(describePendingItem('handler has not called its callback')).toBe('the handler had not called its callback');
    expect(describePendingItem('something odd')).toBe('something odd was still pending');
  });
});
