import { describe, expect, it } from 'vitest';
import { mapAlbResponse } from '../../../src/engine/integrations/front-doors.ts';
import { ALB_BAD_GATEWAY_HTML } from '../../../src/engine/integrations/gateway-replies.ts';
import { ctx, returned, threw, timedOut } from './record-factory.ts';

function reasonOf(log: string | undefined): string | undefined {
  return log?.match(/"forward" "-" "([^"]+)"/)?.[1];
}

describe('ALB Lambda target — response rules (D8, field reports)', () => {
  it('{statusCode:200} alone works', () => {
    const out = mapAlbResponse(returned({ statusCode: 200 }), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.response.body).toBe('');
    expect(reasonOf(out.gatewayLogs[0])).toBe('-');
  });

  it('full documented example passes, statusDescription ignored', () => {
    const out = mapAlbResponse(
      returned({ isBase64Encoded: false, statusCode: 200, statusDescription: '200 OK', headers: { 'Set-cookie': 'cookies', 'Content-Type': 'application/json' }, body: 'Hello from Lambda' }),
      ctx(),
    );
    expect(out.response.statusCode).toBe(200);
    expect(out.response.headers['Content-Type']).toBe('application/json');
    expect(out.response.body).toBe('Hello from Lambda');
  });

  const bad = [
    { name: 'null field value', result: { statusCode: 200, statusDescription: null }, code: 'LT-ALB-NULL-FIELD' },
    { name: 'null headers', result: { statusCode: 200, headers: null }, code: 'LT-ALB-NULL-FIELD' },
    { name: 'boolean header value', result: { statusCode: 200, headers: { 'x-a': true } }, code: 'LT-RESP-HEADER-VALUE-INVALID' },
    { name: 'string statusCode', result: { statusCode: '200' }, code: 'LT-ALB-STATUS-STRING' },
    { name: 'missing statusCode', result: { body: 'x' }, code: 'LT-RESP-STATUS-MISSING' },
    { name: 'bare string', result: 'hello', code: 'LT-RESP-NOT-OBJECT' },
  ];
  it.each(bad)('$name → 502 LambdaInvalidResponse', ({ result, code }) => {
    const out = mapAlbResponse(returned(result), ctx());
    expect(out.response.statusCode).toBe(502);
    expect(out.response.body).toBe(ALB_BAD_GATEWAY_HTML);
    expect(out.response.headers['Server']).toBe('awselb/2.0');
    expect(out.response.headers['Content-Type']).toBe('text/html');
    expect(out.errorReason).toBe('LambdaInvalidResponse');
    expect(reasonOf(out.gatewayLogs[0])).toBe('LambdaInvalidResponse');
    expect(out.findings.map((f) => f.code)).toContain(code);
  });

  it('multi-value mode reads multiValueHeaders and ignores headers', () => {
    const out = mapAlbResponse(returned({ statusCode: 200, headers: { 'x-single': 'a' }, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] } }), ctx({ albMultiValueHeaders: true }));
    expect(out.response.statusCode).toBe(200);
    expect(out.response.multiValueHeaders?.['Set-Cookie']).toEqual(['a=1', 'b=2']);
    expect(out.response.headers['x-single']).toBeUndefined();
    expect(out.findings.map((f) => f.code)).toEqual(['LT-ALB-HEADERS-IGNORED']);
  });

  it('single-value mode ignores multiValueHeaders', () => {
    const out = mapAlbResponse(returned({ statusCode: 200, multiValueHeaders: { 'x-m': ['a'] } }), ctx());
    expect(out.response.headers['x-m']).toBeUndefined();
    expect(out.findings[0]?.code).toBe('LT-ALB-HEADERS-IGNORED');
  });

  it('response JSON over 1 MB → 502 LambdaResponseTooLarge', () => {
    const out = mapAlbResponse(returned({ statusCode: 200, body: 'x'.repeat(1_048_576) }), ctx());
    expect(out.response.statusCode).toBe(502);
    expect(out.errorReason).toBe('LambdaResponseTooLarge');
    expect(out.findings[0]?.code).toBe('LT-ALB-RESPONSE-TOO-LARGE');
  });

  it('response just under 1 MB passes', () => {
    const body = 'x'.repeat(1_048_576 - JSON.stringify({ statusCode: 200, body: '' }).length);
    expect(mapAlbResponse(returned({ statusCode: 200, body }), ctx()).response.statusCode).toBe(200);
  });
});

describe('ALB failures (D9, D10)', () => {
  it.each([
    { name: 'function error', record: threw(), ctxOver: {}, status: 502, reason: 'LambdaUnhandled' },
    { name: 'function timeout', record: timedOut(900), ctxOver: {}, status: 502, reason: 'LambdaUnhandled' },
    { name: 'throttled', record: null, ctxOver: { throttled: true }, status: 502, reason: 'LambdaThrottling' },
    { name: 'no permission', record: null, ctxOver: { invokePermission: false }, status: 502, reason: 'LambdaAccessDenied' },
    { name: 'request body over 1 MB', record: null, ctxOver: { requestBodyBytes: 1_048_577 }, status: 413, reason: 'LambdaRequestTooLarge' },
  ])('$name → $status $reason', ({ record, ctxOver, status, reason }) => {
    const out = mapAlbResponse(record, ctx(ctxOver));
    expect(out.response.statusCode).toBe(status);
    expect(out.errorReason).toBe(reason);
    const log = out.gatewayLogs[0] ?? '';
    expect(reasonOf(log)).toBe(reason);
    // D10 Lambda example: target:port is "-", target_status_code is "-" on failure.
    const fields = log.split(' ');
    expect(fields[4]).toBe('-');
    expect(fields[8]).toBe(String(status));
    expect(fields[9]).toBe('-');
  });

  it('ALB waits for the function: no integration timeout', () => {
    const out = mapAlbResponse(returned({ statusCode: 200 }, { durationMs: 600_000 }), ctx());
    expect(out.response.statusCode).toBe(200);
    expect(out.clientLatencyMs).toBe(600_000);
  });
});
