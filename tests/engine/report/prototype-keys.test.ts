// Regression tests for names that exist on Object.prototype, found by the property tests: an error
// type "valueOf" or a query parameter "toString" must be treated as data, never as the prototype's.
import { describe, expect, it } from 'vitest';
import { invokeErrorStatus, toInvokeResponse } from '../../../src/engine/report/invoke-response.ts';
import { createEvent, mapFrontDoorResponse, parseHttpRequestSpec } from '../../../src/engine/integrations/index.ts';
import { createInvocationRecord } from '../../../src/engine/report/record.ts';

const sim = { requestId: 'r-1', nowMs: 0, region: 'us-east-1', accountId: '123456789012', functionName: 'fn' };

describe('names that exist on Object.prototype', () => {
  it('an errorType of "valueOf" does not become a status', () => {
    expect(invokeErrorStatus('valueOf', 400)).toBe(400);
    const record = createInvocationRecord({ requestId: 'r', startedAt: 0, outcome: 'invalid-request', errorType: 'valueOf' });
    expect(toInvokeResponse(record).statusCode).toBe(500);
    expect(mapFrontDoorResponse('invoke', record, { invokePermission: true, requestBodyBytes: 0 }).response.statusCode).toBe(400);
  });

  it('query and header names such as "toString" and "__proto__" are kept as own data', () => {
    const parsed = parseHttpRequestSpec({ method: 'GET', path: '/', query: { toString: ['a', 'b'], __proto__: 'x' }, headers: { constructor: 'c' } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const event = createEvent('apigw-rest', parsed.value, sim) as {
      multiValueQueryStringParameters: Record<string, string[]>;
      headers: Record<string, string>;
    };
    expect(Object.hasOwn(event.multiValueQueryStringParameters, 'toString')).toBe(true);
    expect(event.multiValueQueryStringParameters['toString']).toEqual(['a', 'b']);
    expect(event.headers['constructor']).toBe('c');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
