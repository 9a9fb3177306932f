// What the caller of a streaming front door receives: function URL RESPONSE_STREAM, REST API STREAM,
// InvokeWithResponseStream (sources in src/engine/streaming/streaming-front-door.ts).
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/engine/index.ts';
import type { FunctionConfig } from '../../../src/engine/types.ts';
import { mapStreamingResponse, MAX_STREAMED_RESPONSE_BYTES, runStreamingFrontDoor, type StreamingFrontDoor, type StreamingRun } from '../../../src/engine/streaming/streaming-front-door.ts';
import { attachResponseStream, responseStreamOf, textToBytes, type ResponseStreamCapture } from '../../../src/engine/streaming/capture.ts';
import { createInvocationRecord } from '../../../src/engine/report/record.ts';
import type { HttpRequestSpec } from '../../../src/engine/integrations/http-request.ts';
import { getTestQuickJS } from '../quickjs.ts';

async function through(door: StreamingFrontDoor, source: string, opts: { config?: Partial<FunctionConfig>; request?: HttpRequestSpec; responseStream?: boolean; edge?: boolean } = {}): Promise<StreamingRun> {
  const quickjs = await getTestQuickJS();
  const sim = createSimulator({ quickjs });
  const config = { timeoutSeconds: 3, functionName: 'export-api', ...opts.config };
  const fn = sim.createFunction(config, { 'index.mjs': source });
  try {
    const input = door === 'invoke' ? { rawEvent: { n: 1 } } : { request: opts.request ?? { method: 'GET', path: '/export' } };
    return await runStreamingFrontDoor(
      door,
      input,
      (event) => fn.invoke(event, { responseStream: opts.responseStream ?? true }),
      { sim: { requestId: '11111111-2222-3333-4444-555555555555', nowMs: sim.now(), region: 'us-east-1', accountId: '123456789012', functionName: config.functionName } },
      { functionTimeoutMs: config.timeoutSeconds * 1000, ...(opts.edge ? { restEndpointType: 'EDGE' as const } : {}) },
    );
  } finally {
    fn.dispose();
  }
}

const CSV = `
  const wait = (ms) => new Promise((res) => setTimeout(res, ms));
  export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
    responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'content-type': 'text/csv' }, cookies: ['a=1', 'b=2'] });
    responseStream.write('id,total\\n');
    await wait(100);
    responseStream.write('1,20\\n');
    responseStream.end();
  });`;

const codes = (r: StreamingRun) => r.findings.map((f) => f.code);

describe('function URL, InvokeMode RESPONSE_STREAM', () => {
  it('status and headers come from the prelude; the body arrives chunk by chunk', async () => {
    const r = await through('function-url', CSV);
    expect(r.response.statusCode).toBe(200);
    expect(r.response.headers['content-type']).toBe('text/csv');
    expect(r.response.multiValueHeaders?.['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(r.response.body).toBe('id,total\n1,20\n');
    expect(r.chunks.map((c) => c.text)).toEqual(['id,total\n', '1,20\n']);
    expect((r.chunks[1]?.offsetMs ?? 0) - (r.chunks[0]?.offsetMs ?? 0)).toBeGreaterThanOrEqual(100);
    expect(r.streamEnd).toBe('complete');
    expect(r.timeToFirstByteMs).not.toBeNull();
    expect(r.findings).toEqual([]);
  });

  it('a handler that throws after the first rows: the caller keeps the 200 and a cut-off body', async () => {
    const r = await through('function-url', `
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        responseStream.write('id,total\\n');
        await new Promise((res) => setTimeout(res, 5));
        throw new Error('database connection lost');
      });`);
    expect(r.record?.outcome).toBe('function-error');
    expect(r.response.statusCode).toBe(200);
    expect(r.response.body).toBe('id,total\n');
    expect(r.streamEnd).toBe('cut-by-error');
    expect(codes(r)).toEqual(['LT-STREAM-ERROR-AFTER-FIRST-BYTE']);
    expect(r.findings[0]?.message).toContain('database connection lost');
  });

  it('a throw before any byte: the function URL answers its 502, as for a buffered error', async () => {
    const r = await through('function-url', `export const handler = awslambda.streamifyResponse(async () => { throw new Error('bad input'); });`);
    expect(r.response.statusCode).toBe(502);
    expect(r.streamEnd).toBe('not-streamed');
    expect(codes(r)).toContain('LT-FUNCTION-ERROR');
  });

  it('a stream never ended: the rows arrive, then the invocation times out (LT-STREAM-NOT-ENDED)', async () => {
    const r = await through('function-url', `
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        responseStream.write('id,total\\n');
      });`, { config: { timeoutSeconds: 2 } });
    expect(r.record?.outcome).toBe('timeout');
    expect(r.response.body).toBe('id,total\n');
    expect(r.streamEnd).toBe('cut-by-timeout');
    expect(codes(r)).toContain('LT-STREAM-NOT-ENDED');
  });

  it.each(['nodejs22.x', 'nodejs24.x'] as const)('a non-async streaming handler gets its own finding (%s)', async (runtime) => {
    const r = await through('function-url', `export const handler = awslambda.streamifyResponse((e, s) => { s.end('x'); });`, { config: { runtime } });
    expect(codes(r)).toContain('LT-STREAM-NON-ASYNC-HANDLER');
  });

  it('HttpResponseStream.from then end(body): no prelude reaches the front door', async () => {
    const r = await through('function-url', `
      export const handler = awslambda.streamifyResponse(async (e, s) => {
        s = awslambda.HttpResponseStream.from(s, { statusCode: 404 });
        s.end('not found');
      });`);
    // As reported against AWS (aws-lambda-nodejs-runtime-interface-client issue 97): 502, none of the prelude's headers.
    expect(r.response.statusCode).toBe(502);
    expect(r.response.headers['x-amzn-RequestId']).toBeDefined();
    expect(codes(r)).toEqual(['LT-STREAM-PRELUDE-INVALID']);
    expect(r.findings[0]?.unverified).toBeUndefined();
    expect(r.findings[0]?.source).toContain('aws-lambda-nodejs-runtime-interface-client/issues/97');
  });

  it('HttpResponseStream.from then end() with nothing written: 200, empty body, the prelude lost (issue 97)', async () => {
    const r = await through('function-url', `
      export const handler = awslambda.streamifyResponse(async (e, s) => {
        s = awslambda.HttpResponseStream.from(s, { statusCode: 404, headers: { 'x-foo': 'bar' } });
        s.end();
      });`);
    expect(r.record?.outcome).toBe('success');
    expect(r.response.statusCode).toBe(200);
    expect(r.response.body).toBe('');
    expect(r.response.headers['x-foo']).toBeUndefined();
    expect(r.streamEnd).toBe('complete');
    expect(codes(r)).toEqual(['LT-STREAM-PRELUDE-INVALID']);
    expect(r.findings[0]?.message).toContain('Write at least once');
    expect(r.findings[0]?.unverified).toBeUndefined();
  });

  it('the same empty stream behind a REST API STREAM integration stays a 502, marked unverified', async () => {
    const r = await through('apigw-rest', `
      export const handler = awslambda.streamifyResponse(async (e, s) => {
        s = awslambda.HttpResponseStream.from(s, { statusCode: 404 });
        s.end();
      });`);
    expect(r.response.statusCode).toBe(502);
    expect(r.findings[0]?.unverified).toBe(true);
  });

  it('a handler that does not stream behind a streaming URL: the buffered shape, plus a warning', async () => {
    const r = await through('function-url', `export const handler = async () => ({ statusCode: 200, body: 'hello' });`);
    expect(r.response.body).toBe('hello');
    expect(r.streamEnd).toBe('not-streamed');
    expect(codes(r)).toEqual(['LT-STREAM-NOT-STREAMING-HANDLER']);
  });

  it('more than 6 MB streams through (the buffered URL would fail)', async () => {
    const r = await through('function-url', `export const handler = awslambda.streamifyResponse(async (e, s) => { const mb = 'y'.repeat(1024 * 1024); for (let i = 0; i < 7; i++) s.write(mb); s.end(); });`, { config: { memoryMB: 512 } });
    expect(r.response.statusCode).toBe(200);
    expect(r.chunks.reduce((n, c) => n + c.bytes, 0)).toBe(7 * 1024 * 1024);
    expect(r.streamEnd).toBe('complete');
  });
});

describe('REST API, response transfer mode STREAM', () => {
  it('streams the body after the metadata and delimiter', async () => {
    const r = await through('apigw-rest', CSV);
    expect(r.response.statusCode).toBe(200);
    expect(r.response.body).toBe('id,total\n1,20\n');
    expect(r.gatewayLogs).toHaveLength(1);
    expect(JSON.parse(r.gatewayLogs[0] ?? '{}')).toMatchObject({ status: '200', responseLength: String('id,total\n1,20\n'.length) });
  });

  it('without HttpResponseStream.from there is no metadata: the REST API cannot stream it', async () => {
    const r = await through('apigw-rest', `export const handler = awslambda.streamifyResponse(async (e, s) => { s.write('raw'); s.end(); });`);
    expect(r.response.statusCode).toBe(502);
    expect(codes(r)).toEqual(['LT-STREAM-PRELUDE-INVALID']);
  });

  it('a stream quiet for longer than the idle timeout is cut (edge-optimized: 30 s)', async () => {
    const r = await through('apigw-rest', `
      export const handler = awslambda.streamifyResponse(async (e, s) => {
        s = awslambda.HttpResponseStream.from(s, { statusCode: 200 });
        s.write('started\\n');
        await new Promise((res) => setTimeout(res, 31000));
        s.write('late\\n');
        s.end();
      });`, { config: { timeoutSeconds: 60 }, edge: true });
    expect(r.record?.outcome).toBe('success');
    expect(r.response.body).toBe('started\n');
    expect(r.streamEnd).toBe('cut-by-idle-timeout');
    expect(codes(r)).toEqual(['LT-STREAM-IDLE-TIMEOUT']);
  });

  it('a 40 s stream is not an integration timeout in STREAM mode (the 29 s limit is for buffered responses)', async () => {
    const r = await through('apigw-rest', `
      export const handler = awslambda.streamifyResponse(async (e, s) => {
        s = awslambda.HttpResponseStream.from(s, { statusCode: 200 });
        for (let i = 0; i < 4; i++) { s.write('tick ' + i + '\\n'); await new Promise((res) => setTimeout(res, 10000)); }
        s.end();
      });`, { config: { timeoutSeconds: 60 } });
    expect(r.response.statusCode).toBe(200);
    expect(r.chunks).toHaveLength(4);
    expect(codes(r)).toEqual([]);
  });
});

describe('InvokeWithResponseStream', () => {
  it('PayloadChunk events, then an InvokeComplete without an error', async () => {
    const r = await through('invoke', `export const handler = awslambda.streamifyResponse(async (e, s) => { s.write('a'); s.end('b'); });`);
    expect(r.response.statusCode).toBe(200);
    expect(r.response.headers['Content-Type']).toBe('application/vnd.amazon.eventstream');
    expect(r.chunks.map((c) => c.text)).toEqual(['a', 'b']);
    expect(r.invokeComplete).toEqual({});
    expect(r.response.body.split('\n').map((l) => JSON.parse(l))).toEqual([{ PayloadChunk: { Payload: 'a' } }, { PayloadChunk: { Payload: 'b' } }, { InvokeComplete: {} }]);
  });

  it('an error after the first chunk: still HTTP 200, the error is in InvokeComplete', async () => {
    const r = await through('invoke', `export const handler = awslambda.streamifyResponse(async (e, s) => { s.write('a'); await null; throw new RangeError('boom'); });`);
    expect(r.response.statusCode).toBe(200);
    expect(r.invokeComplete).toEqual({ ErrorCode: 'RangeError', ErrorDetails: 'boom' });
    expect(codes(r)).toEqual(['LT-STREAM-ERROR-AFTER-FIRST-BYTE']);
  });
});

describe('mapStreamingResponse on a recorded stream', () => {
  // A record and capture built by hand: the limits are checked without streaming hundreds of megabytes.
  function recorded(chunks: { atMs: number; text: string }[], contentType = 'text/plain', outcome: 'success' | 'function-error' = 'success') {
    const record = createInvocationRecord({ requestId: 'r-1', startedAt: 1000, outcome, durationMs: 2000 });
    const capture: ResponseStreamCapture = {
      contentType,
      chunks: chunks.map((c) => ({ atMs: c.atMs, bytes: textToBytes(c.text) })),
      totalBytes: chunks.reduce((n, c) => n + textToBytes(c.text).length, 0),
      ended: true,
      writeCalled: true,
      error: null,
    };
    attachResponseStream(record, capture);
    return record;
  }
  const ctx = { invokePermission: true, requestBodyBytes: 0 };

  it('the body is cut at the streaming limit (LT-STREAM-TOO-LARGE), and 200 MB is the default limit', () => {
    expect(MAX_STREAMED_RESPONSE_BYTES).toBe(200 * 1024 * 1024);
    const r = mapStreamingResponse('function-url', recorded([{ atMs: 1100, text: 'abcdef' }, { atMs: 1200, text: 'ghij' }]), ctx, { maxStreamedBytes: 8 });
    expect(r.response.body).toBe('abcdefgh');
    expect(r.streamEnd).toBe('cut-by-limit');
    expect(r.findings.map((f) => f.code)).toEqual(['LT-STREAM-TOO-LARGE']);
    const under = mapStreamingResponse('function-url', recorded([{ atMs: 1100, text: 'abcdef' }]), ctx, { maxStreamedBytes: 8 });
    expect(under.streamEnd).toBe('complete');
  });

  it('REST Regional endpoints allow 5 minutes of silence, edge-optimized ones 30 seconds', () => {
    const quiet = (gapMs: number) => recorded([{ atMs: 1100, text: 'a' }, { atMs: 1100 + gapMs, text: 'b' }], 'application/vnd.awslambda.http-integration-response');
    // Without a prelude the REST API cannot stream at all; give it one.
    const withPrelude = (gapMs: number) => {
      const rec = quiet(gapMs);
      const cap = responseStreamOf(rec);
      if (cap) cap.chunks.unshift({ atMs: 1050, bytes: new Uint8Array([...textToBytes('{"statusCode":200}'), 0, 0, 0, 0, 0, 0, 0, 0]) });
      return rec;
    };
    expect(mapStreamingResponse('apigw-rest', withPrelude(299_000), ctx).streamEnd).toBe('complete');
    const regional = mapStreamingResponse('apigw-rest', withPrelude(301_000), ctx);
    expect(regional.streamEnd).toBe('cut-by-idle-timeout');
    expect(regional.response.body).toBe('a');
    expect(mapStreamingResponse('apigw-rest', withPrelude(31_000), ctx, { restEndpointType: 'EDGE' }).streamEnd).toBe('cut-by-idle-timeout');
    expect(mapStreamingResponse('apigw-rest', withPrelude(29_000), ctx, { restEndpointType: 'EDGE' }).streamEnd).toBe('complete');
  });
});
