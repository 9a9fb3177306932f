import { describe, expect, it } from 'vitest';
import { mapHttpApiV1Response, mapHttpApiV2Response } from '../../../src/engine/integrations/front-doors.ts';
import { HTTP_API_INTERNAL_ERROR_BODY } from '../../../src/engine/integrations/gateway-replies.ts';
import { ctx, rawPayload, returned, threw, timedOut } from './record-factory.ts';

describe('HTTP API payload 2.0 — inference (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response)', () => {
  const rows = [
    { name: 'bare string → raw body', result: 'Hello from Lambda!', body: 'Hello from Lambda!' },
    { name: 'object without statusCode → JSON text', result: { message: 'Hello from Lambda!' }, body: '{"message":"Hello from Lambda!"}' },
    { name: 'number → text', result: 3, body: '3' },
    { name: 'array → JSON text', result: ['hello', 3, true], body: '["hello",3,true]' },
  ];
  it.each(rows)('$name', ({ result, body }) => {
    const out = mapHttpApiV2Response(returned(result), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.response.body).toBe(body);
    expect(out.response.headers['content-type']).toBe('application/json');
    expect(out.findings.map((f) => f.code)).toEqual(['LT-V2-INFERRED-RESPONSE']);
    expect(out.findings[0]?.severity).toBe('warning');
  });

  it('body/headers keys without statusCode end up inside the body', () => {
    const out = mapHttpApiV2Response(returned({ body: 'x', headers: { a: 'b' } }), ctx());
    expect(out.response.body).toBe('{"body":"x","headers":{"a":"b"}}');
    expect(out.findings[0]?.message).toContain('not used as the response body');
  });

  it('statusCode + cookies → one set-cookie per cookie', () => {
    const out = mapHttpApiV2Response(returned({ statusCode: 201, body: 'ok', cookies: ['a=1', 'b=2'], headers: { 'X-Custom': 'v' } }), ctx());
    expect(out.response.statusCode).toBe(201);
    expect(out.response.body).toBe('ok');
    expect(out.response.multiValueHeaders?.['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(out.response.headers['x-custom']).toBe('v');
    expect(out.response.headers['apigw-requestid']).toBeDefined();
  });

  it('numeric-string statusCode accepted; extra keys ignored', () => {
    const out = mapHttpApiV2Response(returned({ statusCode: '404', body: 'nope', extra: 1 }), ctx());
    expect(out.response.statusCode).toBe(404);
    expect(out.findings).toEqual([]);
  });

  it('isBase64Encoded → binary for the caller', () => {
    const out = mapHttpApiV2Response(returned({ statusCode: 200, body: 'AAEC', isBase64Encoded: true, headers: { 'content-type': 'image/png' } }), ctx());
    expect(out.response.isBase64Encoded).toBe(true);
    expect(out.response.headers['content-length']).toBe('3');
  });

  it('invalid statusCode → 500 (unverified)', () => {
    const out = mapHttpApiV2Response(returned({ statusCode: 'abc' }), ctx());
    expect(out.response.statusCode).toBe(500);
    expect(out.response.body).toBe(HTTP_API_INTERNAL_ERROR_BODY);
    expect(out.findings[0]?.unverified).toBe(true);
  });

  it('object body with statusCode → 500 (unverified)', () => {
    const out = mapHttpApiV2Response(returned({ statusCode: 200, body: { a: 1 } }), ctx());
    expect(out.response.statusCode).toBe(500);
    expect(out.findings[0]?.code).toBe('LT-RESP-BODY-NOT-STRING');
  });

  it('non-list cookies are ignored with a warning', () => {
    const out = mapHttpApiV2Response(returned({ statusCode: 200, cookies: 'a=1' }), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.response.headers['set-cookie']).toBeUndefined();
    expect(out.findings[0]?.code).toBe('LT-V2-COOKIES-NOT-LIST');
  });
});

describe('HTTP API payload 1.0 (https://repost.aws/knowledge-center/api-gateway-status-codes-http-api: must return the 1.0 format, else 500)', () => {
  it.each([
    { name: 'bare string', result: 'hello', code: 'LT-RESP-NOT-OBJECT' },
    { name: 'missing statusCode', result: { body: 'x' }, code: 'LT-RESP-STATUS-MISSING' },
    { name: 'object body', result: { statusCode: 200, body: { a: 1 } }, code: 'LT-RESP-BODY-NOT-STRING' },
    { name: 'null', result: undefined, code: 'LT-RESP-NOT-OBJECT' },
  ])('$name → 500', ({ result, code }) => {
    const out = mapHttpApiV1Response(returned(result), ctx());
    expect(out.response.statusCode).toBe(500);
    expect(out.response.body).toBe('{"message":"Internal Server Error"}');
    expect(out.findings.map((f) => f.code)).toContain(code);
  });

  it('valid 1.0 response passes; unknown keys ignored', () => {
    const out = mapHttpApiV1Response(returned({ statusCode: 200, body: 'ok', headers: { 'X-A': 'b' }, extra: true }), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.response.body).toBe('ok');
    expect(out.response.headers['X-A']).toBe('b');
  });
});

describe('HTTP API failures (§0, §2, §6, §8)', () => {
  it.each([mapHttpApiV1Response, mapHttpApiV2Response])('function error → 500 with the integrationErrorMessage in the access log', (map) => {
    const out = map(threw('Error', 'db down'), ctx());
    expect(out.response.statusCode).toBe(500);
    expect(out.response.body).toBe(HTTP_API_INTERNAL_ERROR_BODY);
    const log = JSON.parse(out.gatewayLogs[0] ?? '{}');
    expect(log.integrationErrorMessage).toBe('The Lambda function returned the following error: db down. Check your Lambda function code and try again.');
    expect(log.status).toBe('500');
  });

  it('integration timeout (30 s) → 503, client waits 30 s', () => {
    const out = mapHttpApiV2Response(timedOut(60), ctx());
    expect(out.response.statusCode).toBe(503);
    expect(out.response.body).toContain('Service Unavailable');
    expect(out.clientLatencyMs).toBe(30_000);
    expect(out.findings[0]?.code).toBe('LT-INTEGRATION-TIMEOUT');
    expect(out.findings[0]?.unverified).toBe(true);
  });

  it('function timeout under 30 s → 500 (function error)', () => {
    const out = mapHttpApiV2Response(timedOut(10), ctx());
    expect(out.response.statusCode).toBe(500);
    expect(out.findings[0]?.code).toBe('LT-FUNCTION-TIMEOUT');
  });

  it('no permission → 500, not invoked', () => {
    const out = mapHttpApiV2Response(null, ctx({ invokePermission: false }));
    expect(out.response.statusCode).toBe(500);
    expect(out.invoked).toBe(false);
    expect(out.findings[0]?.code).toBe('LT-NO-INVOKE-PERMISSION');
  });

  it('throttled → 500 (unverified)', () => {
    const out = mapHttpApiV1Response(null, ctx({ throttled: true }));
    expect(out.response.statusCode).toBe(500);
    expect(out.findings[0]?.unverified).toBe(true);
  });

  it('invalid JSON payload → 500', () => {
    expect(mapHttpApiV2Response(rawPayload('nope'), ctx()).response.statusCode).toBe(500);
  });
});
