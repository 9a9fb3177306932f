import { describe, expect, it } from 'vitest';
import { mapFunctionUrlResponse } from '../../../src/engine/integrations/front-doors.ts';
import { FUNCTION_URL_FORBIDDEN_BODY } from '../../../src/engine/integrations/gateway-replies.ts';
import { ctx, returned, threw, timedOut } from './record-factory.ts';

describe('Function URL — https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json test_lambda_url_invocation (AWS-validated)', () => {
  const rows = [
    { result: { hello: 'world' }, body: '{"hello":"world"}', length: 17 },
    { result: { statusCode: 200, body: 'body123' }, body: 'body123', length: 7 },
    { result: { statusCode: 200, body: '{"hello": "world"}' }, body: '{"hello": "world"}', length: 18 },
    { result: ['hello', 3, true], body: '["hello",3,true]', length: 16 },
    { result: 'hello', body: 'hello', length: 5 },
    { result: 3, body: '3', length: 1 },
    { result: 3.1, body: '3.1', length: 3 },
    { result: true, body: 'true', length: 4 },
  ];
  it.each(rows)('$body', ({ result, body, length }) => {
    const out = mapFunctionUrlResponse(returned(result), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.response.body).toBe(body);
    expect(out.response.headers['content-length']).toBe(String(length));
    expect(out.response.headers['content-type']).toBe('application/json');
  });

  it('statusCode "418" (string) → 418', () => {
    const out = mapFunctionUrlResponse(returned({ statusCode: '418', body: "i'm a teapot" }), ctx());
    expect(out.response.statusCode).toBe(418);
    expect(out.response.body).toBe("i'm a teapot");
  });

  it('201 with custom header → header lower-cased', () => {
    const out = mapFunctionUrlResponse(
      returned({ statusCode: 201, headers: { 'Content-Type': 'application/json', 'My-Custom-Header': 'Custom Value' }, body: '{"message":"Hello, world!"}' }),
      ctx(),
    );
    expect(out.response.statusCode).toBe(201);
    expect(out.response.headers['my-custom-header']).toBe('Custom Value');
  });

  it('cookies → set-cookie headers', () => {
    const out = mapFunctionUrlResponse(returned({ statusCode: 200, cookies: ['a=1', 'b=2'] }), ctx());
    expect(out.response.multiValueHeaders?.['set-cookie']).toEqual(['a=1', 'b=2']);
  });
});

describe('Function URL failures', () => {
  it('function error → 502 plain text "Internal Server Error"', () => {
    const out = mapFunctionUrlResponse(threw(), ctx());
    expect(out.response.statusCode).toBe(502);
    expect(out.response.body).toBe('Internal Server Error');
    expect(out.response.headers['content-type']).toBeUndefined();
    expect(out.gatewayLogs).toEqual([]);
  });

  it('function timeout → 502 (unverified)', () => {
    const out = mapFunctionUrlResponse(timedOut(60), ctx());
    expect(out.response.statusCode).toBe(502);
    expect(out.clientLatencyMs).toBeGreaterThan(60_000);
    expect(out.findings[0]?.unverified).toBe(true);
  });

  it('no permission → 403 with the exact Forbidden body', () => {
    const out = mapFunctionUrlResponse(null, ctx({ invokePermission: false }));
    expect(out.response.statusCode).toBe(403);
    expect(out.response.body).toBe(FUNCTION_URL_FORBIDDEN_BODY);
    expect(out.response.body).toContain('https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html');
  });

  it('throttled → 429 (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-throttling), body unverified', () => {
    const out = mapFunctionUrlResponse(null, ctx({ throttled: true }));
    expect(out.response.statusCode).toBe(429);
    expect(out.findings[0]?.code).toBe('LT-THROTTLED');
  });

  it('request over 6 MB → rejected before invoking', () => {
    const out = mapFunctionUrlResponse(null, ctx({ requestBodyBytes: 6_291_457 }));
    expect(out.response.statusCode).toBe(413);
    expect(out.invoked).toBe(false);
  });
});
