import { describe, expect, it } from 'vitest';
import { mapInvokeResponse } from '../../../src/engine/integrations/front-doors.ts';
import { INVOKE_THROTTLED_BODY } from '../../../src/engine/integrations/gateway-replies.ts';
import { ctx, LAMBDA_REQUEST_ID, makeRecord, returned, threw, timedOut } from './record-factory.ts';

describe('Direct Invoke (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html)', () => {
  it('success → 200, payload verbatim, no function-error header', () => {
    const out = mapInvokeResponse(returned({ a: 1 }), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.response.body).toBe('{"a":1}');
    expect(out.response.headers['X-Amz-Function-Error']).toBeUndefined();
    expect(out.response.headers['x-amzn-RequestId']).toBe(LAMBDA_REQUEST_ID);
    expect(out.findings).toEqual([]);
  });

  it('return undefined → payload "null"', () => {
    expect(mapInvokeResponse(returned(undefined), ctx()).response.body).toBe('null');
  });

  it('function error → 200 + X-Amz-Function-Error: Unhandled, error document as body', () => {
    const record = threw('Error', 'Error: some_error_msg');
    const out = mapInvokeResponse(record, ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.response.headers['X-Amz-Function-Error']).toBe('Unhandled');
    expect(out.response.body).toBe(record.payload);
    expect(out.findings[0]?.message).toContain('still answered 200');
  });

  it('timeout → 200 + Unhandled + Sandbox.Timedout payload', () => {
    const out = mapInvokeResponse(timedOut(1), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(JSON.parse(out.response.body).errorType).toBe('Sandbox.Timedout');
    expect(out.findings[0]?.code).toBe('LT-FUNCTION-TIMEOUT');
  });

  it('throttled → 429 TooManyRequestsException, Rate Exceeded.', () => {
    const out = mapInvokeResponse(null, ctx({ throttled: true }));
    expect(out.response.statusCode).toBe(429);
    expect(out.response.body).toBe(INVOKE_THROTTLED_BODY);
    expect(JSON.parse(out.response.body)).toEqual({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' });
    expect(out.response.headers['x-amzn-ErrorType']).toBe('TooManyRequestsException');
  });

  it('throttled record from the simulator → 429', () => {
    expect(mapInvokeResponse(makeRecord({ outcome: 'throttled', payload: null }), ctx()).response.statusCode).toBe(429);
  });

  it('payload over 6,291,456 bytes → 413 with the recorded message', () => {
    const out = mapInvokeResponse(null, ctx({ requestBodyBytes: 6_291_478 }));
    expect(out.response.statusCode).toBe(413);
    expect(JSON.parse(out.response.body).message).toBe('6291478 byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)');
    expect(out.invoked).toBe(false);
  });

  it('exactly 6,291,456 bytes is allowed', () => {
    expect(mapInvokeResponse(returned(1), ctx({ requestBodyBytes: 6_291_456 })).response.statusCode).toBe(200);
  });

  it('invalid request from Lambda → status from the https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html table', () => {
    const out = mapInvokeResponse(makeRecord({ outcome: 'invalid-request', errorType: 'InvalidRequestContentException', errorMessage: 'Could not parse request body into json', payload: null }), ctx());
    expect(out.response.statusCode).toBe(400);
  });

  it('no permission → 403 AccessDeniedException', () => {
    const out = mapInvokeResponse(null, ctx({ invokePermission: false }));
    expect(out.response.statusCode).toBe(403);
    expect(out.response.body).toContain('is not authorized to perform: lambda:InvokeFunction');
  });
});
