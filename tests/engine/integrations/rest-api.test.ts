import { describe, expect, it } from 'vitest';
import { mapRestApiResponse } from '../../../src/engine/integrations/front-doors.ts';
import { REST_INTERNAL_ERROR_BODY, REST_TIMEOUT_BODY } from '../../../src/engine/integrations/gateway-replies.ts';
import { ctx, GATEWAY_REQUEST_ID, LAMBDA_REQUEST_ID, rawPayload, returned, threw, timedOut } from './record-factory.ts';

const header = (headers: Record<string, string>, name: string) =>
  Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

describe('REST API (Lambda proxy) — https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format table (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json, AWS-validated)', () => {
  const rows: { name: string; result: unknown; status: number; body?: string; headers?: Record<string, string>; code?: string }[] = [
    { name: '{statusCode:200} → 200, empty body, default content-type', result: { statusCode: 200 }, status: 200, body: '', headers: { 'Content-Type': 'application/json', 'Content-Length': '0' } },
    { name: 'boolean header value rendered "true"', result: { statusCode: 200, headers: { 'test-header': 'value', 'header-bool': true } }, status: 200, headers: { 'header-bool': 'true', 'test-header': 'value' } },
    { name: 'headers: null accepted', result: { statusCode: 200, headers: null }, status: 200 },
    { name: 'missing statusCode defaults to 200', result: { headers: { 'test-header': 'value' } }, status: 200, code: 'LT-REST-DEFAULT-STATUS' },
    { name: '{} → 200, empty body', result: {}, status: 200, body: '' },
    { name: 'unknown key → 502', result: { statusCode: 200, wrongValue: 'value' }, status: 502, body: REST_INTERNAL_ERROR_BODY, code: 'LT-REST-UNKNOWN-KEY' },
    { name: 'numeric-string statusCode → that status', result: { statusCode: '201' }, status: 201 },
    { name: 'non-numeric statusCode → 502', result: { statusCode: 'test' }, status: 502, code: 'LT-RESP-STATUS-INVALID' },
    { name: 'top-level string → 502', result: 'justAString', status: 502, code: 'LT-RESP-NOT-OBJECT' },
    { name: 'multiValueHeaders joined with ", "', result: { statusCode: 200, multiValueHeaders: { 'test-multi': ['value1', 'value2'] } }, status: 200, headers: { 'test-multi': 'value1, value2' } },
    {
      name: 'multiValueHeaders + headers merged, multi first',
      result: { statusCode: 200, multiValueHeaders: { 'test-multi': ['value-multi'] }, headers: { 'test-multi': 'value-solo' } },
      status: 200,
      headers: { 'test-multi': 'value-multi, value-solo' },
    },
    { name: 'multiValueHeaders value not a list → 502', result: { statusCode: 200, multiValueHeaders: { 'test-multi-invalid': 'value1' } }, status: 502, code: 'LT-RESP-MULTIVALUE-NOT-LIST' },
    { name: 'base64 body passed through undecoded', result: { statusCode: 200, body: 'dGVzdC1kYXRh', isBase64Encoded: true }, status: 200, body: 'dGVzdC1kYXRh', code: 'LT-REST-BASE64-NOT-DECODED' },
    { name: 'object body → 502 (2020 capture)', result: { statusCode: 200, body: { akash: 'adityasingh' } }, status: 502, body: REST_INTERNAL_ERROR_BODY, code: 'LT-RESP-BODY-NOT-STRING' },
    { name: 'null result (return undefined) → 502', result: undefined, status: 502, code: 'LT-RESP-NOT-OBJECT' },
    { name: 'array result → 502', result: [1, 2], status: 502, code: 'LT-RESP-NOT-OBJECT' },
  ];

  it.each(rows)('$name', ({ result, status, body, headers, code }) => {
    const out = mapRestApiResponse(returned(result), ctx());
    expect(out.response.statusCode).toBe(status);
    if (body !== undefined) expect(out.response.body).toBe(body);
    for (const [k, v] of Object.entries(headers ?? {})) expect(header(out.response.headers, k)).toBe(v);
    if (code) expect(out.findings.map((f) => f.code)).toContain(code);
    if (status === 502) {
      expect(out.response.headers['x-amzn-ErrorType']).toBe('InternalServerErrorException');
      expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Execution failed due to configuration error: Malformed Lambda proxy response`);
      expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Method completed with status: 502`);
    }
  });

  it('merged header keeps the multiValueHeaders key casing', () => {
    const out = mapRestApiResponse(returned({ statusCode: 200, multiValueHeaders: { 'Test-Multi': ['a'] }, headers: { 'test-multi': 'b' } }), ctx());
    expect(out.response.headers['Test-Multi']).toBe('a, b');
    expect(out.response.headers['test-multi']).toBeUndefined();
    expect(out.response.multiValueHeaders?.['Test-Multi']).toEqual(['a', 'b']);
  });

  it('a user content-type wins over the default', () => {
    const out = mapRestApiResponse(returned({ statusCode: 200, headers: { 'content-type': 'text/html' }, body: '<p>' }), ctx());
    expect(header(out.response.headers, 'content-type')).toBe('text/html');
    expect(out.response.headers['Content-Type']).toBeUndefined();
  });

  it('invalid JSON payload → 502', () => {
    const out = mapRestApiResponse(rawPayload('{"statusCode":'), ctx());
    expect(out.response.statusCode).toBe(502);
    expect(out.findings[0]?.code).toBe('LT-RESP-INVALID-JSON');
  });
});

describe('REST API — gateway replies (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html)', () => {
  it('function error → 502, 36-byte body with a space, error headers and execution log', () => {
    const out = mapRestApiResponse(threw('TypeError', 'x is undefined'), ctx());
    expect(out.response.statusCode).toBe(502);
    expect(out.response.body).toBe('{"message": "Internal server error"}');
    expect(out.response.body.length).toBe(36);
    expect(out.response.headers['Content-Length']).toBe('36');
    expect(out.response.headers['content-type']).toBe('application/json');
    expect(out.response.headers['x-amzn-ErrorType']).toBe('InternalServerErrorException');
    expect(out.response.headers['x-amzn-RequestId']).toBe(GATEWAY_REQUEST_ID);
    expect(out.gatewayLogs).toContain(
      `(${GATEWAY_REQUEST_ID}) Lambda execution failed with status 200 due to customer function error: x is undefined. Lambda request id: ${LAMBDA_REQUEST_ID}`,
    );
    expect(out.gatewayLogs.some((l) => l.includes('X-Amz-Function-Error=Unhandled'))).toBe(true);
    const access = JSON.parse(out.gatewayLogs[out.gatewayLogs.length - 1] ?? '{}');
    expect(access['error.responseType']).toBe('INTEGRATION_FAILURE');
    expect(access.integrationErrorMessage).toBe('Lambda Customer Function Error:x is undefined');
    expect(access.status).toBe('502');
    expect(out.findings.map((f) => f.code)).toEqual(['LT-FUNCTION-ERROR']);
    expect(out.findings[0]?.cause).toBe('unhandled-exception');
  });

  it('function timeout shorter than 29 s → 502 (function error, https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html)', () => {
    const out = mapRestApiResponse(timedOut(3), ctx());
    expect(out.response.statusCode).toBe(502);
    expect(out.findings[0]?.code).toBe('LT-FUNCTION-TIMEOUT');
  });

  it('integration timeout: client gets 504 at 29,000 ms while the function runs and bills on', () => {
    const record = returned({ statusCode: 200, body: 'late' }, { durationMs: 45_000.5, billedDurationMs: 45_001 });
    const out = mapRestApiResponse(record, ctx());
    expect(out.response.statusCode).toBe(504);
    expect(out.response.body).toBe(REST_TIMEOUT_BODY);
    expect(out.response.body.length).toBe(41);
    expect(out.clientLatencyMs).toBe(29_000);
    expect(out.functionDurationMs).toBe(45_000.5);
    expect(out.billedDurationMs).toBe(45_001);
    expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Execution failed due to a timeout error`);
    expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Method completed with status: 504`);
    expect(out.errorReason).toBe('INTEGRATION_TIMEOUT');
    expect(out.findings[0]?.code).toBe('LT-INTEGRATION-TIMEOUT');
    expect(out.findings[0]?.message).toContain('45001');
  });

  it('custom integration timeout is honoured', () => {
    const out = mapRestApiResponse(returned({ statusCode: 200 }, { durationMs: 1500 }), ctx({ integrationTimeoutMs: 1000 }));
    expect(out.response.statusCode).toBe(504);
    expect(out.clientLatencyMs).toBe(1000);
  });

  it('no invoke permission → 500 + "Invalid permissions on Lambda function", function not invoked', () => {
    const out = mapRestApiResponse(null, ctx({ invokePermission: false }));
    expect(out.response.statusCode).toBe(500);
    expect(out.response.body).toBe(REST_INTERNAL_ERROR_BODY);
    expect(out.invoked).toBe(false);
    expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Execution failed due to configuration error: Invalid permissions on Lambda function`);
    expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Method completed with status: 500`);
    expect(out.findings[0]?.cause).toBe('invoke-permission');
    expect(JSON.parse(out.gatewayLogs.at(-1) ?? '{}')['error.responseType']).toBe('API_CONFIGURATION_ERROR');
  });

  it('throttled → 500 with the 429 and Rate Exceeded lines', () => {
    const out = mapRestApiResponse(null, ctx({ throttled: true }));
    expect(out.response.statusCode).toBe(500);
    expect(out.gatewayLogs.some((l) => l.endsWith('Lambda invocation failed with status: 429. Lambda request id: ' + LAMBDA_REQUEST_ID) || l.includes('Lambda invocation failed with status: 429.'))).toBe(true);
    expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Execution failed due to configuration error: Rate Exceeded.`);
    expect(out.findings[0]?.code).toBe('LT-THROTTLED');
  });

  it('Lambda 6 MB response limit → 502 with Customer Function Error in the access log', () => {
    const msg = 'Response payload size exceeded maximum allowed payload size (6291556 bytes).';
    const out = mapRestApiResponse(threw('Function.ResponseSizeTooLarge', msg), ctx());
    expect(out.response.statusCode).toBe(502);
    expect(out.findings[0]?.code).toBe('LT-LAMBDA-RESPONSE-TOO-LARGE');
    expect(JSON.parse(out.gatewayLogs.at(-1) ?? '{}').integrationErrorMessage).toBe(`Lambda Customer Function Error:${msg}`);
  });

  it('success logs the endpoint body and "Successfully completed execution"', () => {
    const out = mapRestApiResponse(returned({ statusCode: 200, body: 'hi' }), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Endpoint response body before transformations: {"statusCode":200,"body":"hi"}`);
    expect(out.gatewayLogs).toContain(`(${GATEWAY_REQUEST_ID}) Successfully completed execution`);
    expect(out.findings).toEqual([]);
  });
});
