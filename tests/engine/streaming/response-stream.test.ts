// Response streaming in the sandbox: awslambda.streamifyResponse and HttpResponseStream.from as the Node.js
// runtime interface client runs them (src/Runtime.js handleOnceStreaming, src/ResponseStream.js,
// src/HttpResponseStream.js, src/StreamingContext.js at
// https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/tree/da5777a).
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/engine/index.ts';
import type { FunctionConfig, InvocationRecord } from '../../../src/engine/types.ts';
import { bytesToText, concatChunks, responseStreamOf } from '../../../src/engine/streaming/capture.ts';
import { getTestQuickJS } from '../quickjs.ts';
import { messages } from '../helpers.ts';

async function invokeStreaming(source: string, config: Partial<FunctionConfig> = {}, responseStream = true, times = 1): Promise<InvocationRecord[]> {
  const quickjs = await getTestQuickJS();
  const sim = createSimulator({ quickjs });
  const fn = sim.createFunction({ timeoutSeconds: 3, ...config }, { 'index.mjs': source });
  const out: InvocationRecord[] = [];
  try {
    for (let i = 0; i < times; i++) out.push(await fn.invoke({ n: i }, { responseStream }));
  } finally {
    fn.dispose();
  }
  return out;
}

async function one(source: string, config: Partial<FunctionConfig> = {}, responseStream = true): Promise<InvocationRecord> {
  const [r] = await invokeStreaming(source, config, responseStream);
  if (!r) throw new Error('no record');
  return r;
}

function streamedText(r: InvocationRecord): string {
  const c = responseStreamOf(r);
  if (!c) throw new Error('nothing streamed');
  return bytesToText(concatChunks(c.chunks));
}

describe('awslambda.streamifyResponse in the sandbox', () => {
  it('streams chunks as they are written, each at its virtual time', async () => {
    const r = await one(`
      const wait = (ms) => new Promise((res) => setTimeout(res, ms));
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        responseStream.write('first,');
        await wait(250);
        responseStream.write('second');
        responseStream.end();
      });`);
    expect(r.outcome).toBe('success');
    const c = responseStreamOf(r);
    expect(c).not.toBeNull();
    expect(c?.chunks.map((x) => bytesToText(x.bytes))).toEqual(['first,', 'second']);
    const gap = (c?.chunks[1]?.atMs ?? 0) - (c?.chunks[0]?.atMs ?? 0);
    expect(gap).toBeGreaterThanOrEqual(250);
    expect(gap).toBeLessThan(260);
    expect(c?.contentType).toBe('application/octet-stream');
    expect(c?.ended).toBe(true);
    // The Invoke payload of a streamed response is the bytes themselves.
    expect(r.payload).toBe('first,second');
  });

  it("a streaming handler's failure is reported in V8's words, as a buffered handler's is (a read of undefined, a stack overflow)", async () => {
    // Found running aws-samples/serverless-patterns' lambda-bedrock-response-streaming with a body it did not expect:
    // QuickJS's "cannot read property 'prompt' of undefined" reached the logs and the error document untranslated.
    const read = await one(`function params(body) { const m = body.modelParams; return \`x\${m.prompt}\`; }
export const handler = awslambda.streamifyResponse(async (event, stream) => { stream.write(params('{}')); stream.end(); });`);
    expect([read.errorType, read.errorMessage]).toEqual(['TypeError', "Cannot read properties of undefined (reading 'prompt')"]);
    expect(messages(read).find((l) => l.includes('Invoke Error'))).toContain("Cannot read properties of undefined (reading 'prompt')");
    const deep = await one(`const r = (n) => r(n + 1);
export const handler = awslambda.streamifyResponse(async () => { r(0); });`);
    expect([deep.errorType, deep.errorMessage]).toEqual(['RangeError', 'Maximum call stack size exceeded']);
  });

  it('a chunk that is not a string or bytes is written as JSON (ResponseStream.js write)', async () => {
    const r = await one(`export const handler = awslambda.streamifyResponse(async (e, s) => { s.write({ a: 1 }); s.write(Buffer.from('!')); s.end(); });`);
    expect(streamedText(r)).toBe('{"a":1}!');
  });

  it('works with stream.pipeline, as the AWS docs example does', async () => {
    const r = await one(`
      import { pipeline } from 'node:stream/promises';
      import { Readable } from 'node:stream';
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        await pipeline(Readable.from(['a', 'b', 'c']), responseStream);
      });`);
    expect(r.outcome).toBe('success');
    expect(streamedText(r)).toBe('abc');
  });

  it('HttpResponseStream.from writes the JSON prelude and 8 NUL bytes before the first write', async () => {
    const r = await one(`
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 201, headers: { 'content-type': 'text/csv' } });
        responseStream.write('id,total\\n');
        responseStream.end();
      });`);
    const c = responseStreamOf(r);
    expect(c?.contentType).toBe('application/vnd.awslambda.http-integration-response');
    const all = concatChunks(c?.chunks ?? []);
    const prelude = '{"statusCode":201,"headers":{"content-type":"text/csv"}}';
    expect(bytesToText(all.subarray(0, prelude.length))).toBe(prelude);
    expect([...all.subarray(prelude.length, prelude.length + 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(bytesToText(all.subarray(prelude.length + 8))).toBe('id,total\n');
  });

  it('HttpResponseStream.from works on the stream itself: its return value may be ignored (ResponseStreamTest.js)', async () => {
    const r = await one(`
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        awslambda.HttpResponseStream.from(responseStream, { loc: 'mare\\u0000tranquillitatis' });
        responseStream.write('ABC');
        responseStream.end();
      });`);
    // A NUL inside the prelude is escaped by JSON.stringify, so only the delimiter holds raw NUL bytes.
    expect(streamedText(r)).toBe('{"loc":"mare\\u0000tranquillitatis"}\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000ABC');
  });

  it('end(body) after HttpResponseStream.from sends no prelude (end bypasses the patched write)', async () => {
    const r = await one(`
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 404 });
        responseStream.end('not found');
      });`);
    expect(r.outcome).toBe('success');
    expect(streamedText(r)).toBe('not found');
    expect(responseStreamOf(r)?.writeCalled).toBe(false);
  });

  it.each([
    ['nodejs22.x', 'no'],
    ['nodejs24.x', 'yes'],
  ] as const)('end(chunk, callback): %s calls the callback: %s (v3 drops it, v4 keeps Node end)', async (runtime, called) => {
    const r = await one(`
      export const handler = awslambda.streamifyResponse(async (e, s) => {
        let called = 'no';
        s.end('body', () => { called = 'yes'; });
        await new Promise((res) => setTimeout(res, 10));
        console.log('callback called: ' + called);
      });`, { runtime });
    expect(r.outcome).toBe('success');
    expect(streamedText(r)).toBe('body');
    expect(messages(r)).toContain(`INFO\tcallback called: ${called}`);
  });

  it('a handler that does not return a promise fails with the string error of the runtime client', async () => {
    const r = await one(`export const handler = awslambda.streamifyResponse((event, responseStream) => { responseStream.write('x'); responseStream.end(); });`);
    expect(r.outcome).toBe('function-error');
    // toRapidResponse of a string: errorType is typeof the value (Errors.js).
    expect(r.errorType).toBe('string');
    expect(r.errorMessage).toBe('Streaming does not support non-async handlers.');
    expect(JSON.parse(r.payload ?? '{}')).toEqual({ errorType: 'string', errorMessage: 'Streaming does not support non-async handlers.', trace: [] });
    // The log goes through structuredConsole.logError, which wraps the string in an Error (LogPatch.js).
    const line = messages(r).find((m) => m.startsWith('ERROR\tInvoke Error'));
    expect(line).toBeDefined();
    expect(line).toContain('"errorType":"Error","errorMessage":"Streaming does not support non-async handlers."');
  });

  it('a throw after the first bytes fails the invocation; the bytes already sent stay sent', async () => {
    const r = await one(`
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        responseStream.write('row 1\\n');
        await new Promise((res) => setTimeout(res, 10));
        throw new TypeError('row 2 is broken');
      });`);
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('TypeError');
    expect(r.errorMessage).toBe('row 2 is broken');
    expect(messages(r).some((m) => m.startsWith('ERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"row 2 is broken"'))).toBe(true);
    const c = responseStreamOf(r);
    expect(bytesToText(concatChunks(c?.chunks ?? []))).toBe('row 1\n');
    expect(c?.error?.['errorType']).toBe('TypeError');
    // An error that reaches the runtime as an Invoke Error keeps the environment warm.
    expect(r.processExit).toBeNull();
  });

  it('a stream that is never ended keeps the invocation open until its timeout', async () => {
    const r = await one(`
      export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
        responseStream.write('partial');
      });`, { timeoutSeconds: 2 });
    expect(r.outcome).toBe('timeout');
    expect(r.errorMessage).toMatch(/Task timed out after 2.00 seconds/);
    expect(r.pending.some((p) => p.startsWith('response stream not ended'))).toBe(true);
    expect(streamedText(r)).toBe('partial');
  });

  it('a resolved value is ignored with the runtime client warning', async () => {
    const r = await one(`export const handler = awslambda.streamifyResponse(async (e, s) => { s.end('ok'); return { statusCode: 200 }; });`);
    expect(r.outcome).toBe('success');
    expect(messages(r)).toContain('WARN\tStreaming handlers ignore return values.');
    expect(r.payload).toBe('ok');
  });

  it('setContentType after the first write throws Runtime.InvalidStreamingOperation', async () => {
    const r = await one(`
      export const handler = awslambda.streamifyResponse(async (e, s) => {
        s.write('a');
        try { s.setContentType('text/plain'); } catch (err) { s.end(err.name + ': ' + err.message); return; }
        s.end();
      });`);
    expect(streamedText(r)).toBe('aRuntime.InvalidStreamingOperation: Cannot set content-type, too late.');
  });

  it('setContentType before the first write sets the stream content type', async () => {
    const r = await one(`export const handler = awslambda.streamifyResponse(async (e, s) => { s.setContentType('text/event-stream'); s.write('data: 1\\n\\n'); s.end(); });`);
    expect(responseStreamOf(r)?.contentType).toBe('text/event-stream');
  });

  it('the context has callbackWaitsForEmptyEventLoop and no succeed/fail/done (StreamingContext.js)', async () => {
    const r = await one(`
      export const handler = awslambda.streamifyResponse(async (e, s, context) => {
        s.end(JSON.stringify({ wait: context.callbackWaitsForEmptyEventLoop, succeed: typeof context.succeed, id: typeof context.awsRequestId, left: context.getRemainingTimeInMillis() > 0 }));
      });`);
    expect(JSON.parse(streamedText(r))).toEqual({ wait: true, succeed: 'undefined', id: 'string', left: true });
  });

  it('the invocation ends when the event loop drains, unless callbackWaitsForEmptyEventLoop is false', async () => {
    const waits = await one(`export const handler = awslambda.streamifyResponse(async (e, s) => { setTimeout(() => {}, 800); s.end('done'); });`);
    expect(waits.outcome).toBe('success');
    expect(waits.durationMs).toBeGreaterThanOrEqual(800);
    const quick = await one(`export const handler = awslambda.streamifyResponse(async (e, s, ctx) => { ctx.callbackWaitsForEmptyEventLoop = false; setTimeout(() => {}, 800); s.end('done'); });`);
    expect(quick.outcome).toBe('success');
    expect(quick.durationMs).toBeLessThan(100);
  });

  it('over 6 MB: InvokeWithResponseStream carries it, the buffered Invoke API gives Function.ResponseSizeTooLarge', async () => {
    const src = `export const handler = awslambda.streamifyResponse(async (e, s) => { const row = 'x'.repeat(1024 * 1024); for (let i = 0; i < 7; i++) s.write(row); s.end(); });`;
    const streamed = await one(src, { memoryMB: 512 }, true);
    expect(streamed.outcome).toBe('success');
    expect(responseStreamOf(streamed)?.totalBytes).toBe(7 * 1024 * 1024);
    const buffered = await one(src, { memoryMB: 512 }, false);
    expect(buffered.outcome).toBe('function-error');
    expect(buffered.errorType).toBe('Function.ResponseSizeTooLarge');
  });

  it('warm invocations stream again, each with its own capture', async () => {
    const rs = await invokeStreaming(`export const handler = awslambda.streamifyResponse(async (e, s) => { s.end('n=' + e.n); });`, {}, true, 2);
    expect(rs.map((r) => streamedText(r))).toEqual(['n=0', 'n=1']);
    expect(rs[1]?.coldStart).toBe(false);
  });

  it('a plain handler still answers as before and streams nothing', async () => {
    const r = await one(`export const handler = async () => ({ ok: true });`);
    expect(r.payload).toBe('{"ok":true}');
    expect(responseStreamOf(r)).toBeNull();
  });

  it('nodejs24.x: a three-parameter streaming handler is not a callback handler (callback-deprecation.ts: argsNum >= 3 && !streaming)', async () => {
    const r = await one(`export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => { responseStream.end(typeof context.callbackWaitsForEmptyEventLoop); });`, { runtime: 'nodejs24.x' });
    expect(r.outcome).toBe('success');
    // v4 has no callbackWaitsForEmptyEventLoop on any context.
    expect(streamedText(r)).toBe('undefined');
  });

  it('nodejs24.x: a non-async streaming handler fails with an Error, not a string (client v4 streaming-invoke-processor.ts)', async () => {
    const r = await one(`export const handler = awslambda.streamifyResponse((event, responseStream) => { responseStream.end('x'); });`, { runtime: 'nodejs24.x' });
    expect(r.outcome).toBe('function-error');
    expect(r.errorType).toBe('Error');
    expect(r.errorMessage).toBe('Streaming does not support non-async handlers.');
  });

  it.each([
    ['nodejs22.x', 'success', null],
    ['nodejs24.x', 'function-error', 'Runtime.ExitError'],
  ] as const)('stream ended but the promise never settles, loop empty: %s ends as %s', async (runtime, outcome, errorType) => {
    const r = await one(`export const handler = awslambda.streamifyResponse(async (e, s) => { s.end('done'); await new Promise(() => {}); });`, { runtime });
    expect(r.outcome).toBe(outcome);
    expect(r.errorType).toBe(errorType);
    expect(streamedText(r)).toBe('done');
  });

  it('nodejs22.x: no callback-handler warning for a non-async three-parameter streaming handler (WarningForCallbackHandlers.js)', async () => {
    const r = await one(`export const handler = awslambda.streamifyResponse(function (event, responseStream, context) { responseStream.end('x'); });`);
    expect(messages(r).some((m) => m.includes('callback-based function handlers'))).toBe(false);
    expect(r.errorMessage).toBe('Streaming does not support non-async handlers.');
  });

  it('AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA=true leaves no awslambda global (UserFunction.js)', async () => {
    const r = await one(`export const handler = async () => typeof globalThis.awslambda;`, { environment: { AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA: 'true' } });
    expect(r.result).toBe('undefined');
    const withGlobal = await one(`export const handler = async () => Object.keys(awslambda).sort();`);
    expect(withGlobal.result).toEqual(['HttpResponseStream', 'streamifyResponse']);
  });
});
