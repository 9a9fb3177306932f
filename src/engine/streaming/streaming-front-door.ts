/**
 * The front doors that stream: a function URL with `InvokeMode: RESPONSE_STREAM`, a REST API whose Lambda
 * proxy integration has response transfer mode `STREAM`, and the `InvokeWithResponseStream` API. Each maps
 * an invocation record and what its handler streamed ({@link ResponseStreamCapture}) to what the caller
 * received: the status and headers (from `HttpResponseStream.from`'s prelude), the body chunk by chunk with
 * virtual times, how the stream ended, and the findings. Requests the front door answers before invoking
 * (no permission, over a limit, throttled, a route that does not match) are mapped exactly as buffered.
 *
 * Sources: https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/config-rs-invoke-furls.html,
 * https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html, and the runtime
 * interface client's src/ResponseStream.js, src/HttpResponseStream.js, src/Runtime.js (da5777a).
 */
import { createFinding } from '../errors/catalogue.ts';
import type { Finding, HttpResponse, InvocationRecord } from '../types.ts';
import type { FrontDoor } from '../vocabulary.ts';
import { isFunctionFailure, mapFrontDoorResponse, type FrontDoorContext, type FrontDoorResult } from '../integrations/front-doors.ts';
import { runThroughFrontDoor, type FrontDoorRun, type RunInput, type RunOptions } from '../integrations/compare.ts';
import type { HttpRequestSpec } from '../integrations/http-request.ts';
import { GATEWAY_REPLIES, renderReply } from '../integrations/gateway-replies.ts';
import { createRestAccessLog } from '../integrations/gateway-logs.ts';
import {
  bytesToText,
  concatChunks,
  HTTP_INTEGRATION_CONTENT_TYPE,
  parseHttpIntegrationStream,
  responseStreamOf,
  type HttpPrelude,
  type ResponseStreamCapture,
} from './capture.ts';

/** Front doors that can stream a response. */
export const STREAMING_FRONT_DOORS = ['function-url', 'apigw-rest', 'invoke'] as const;

/** A front door that can stream: function URL (RESPONSE_STREAM), REST API (STREAM), InvokeWithResponseStream. */
export type StreamingFrontDoor = (typeof STREAMING_FRONT_DOORS)[number];

/** Is `door` one of {@link STREAMING_FRONT_DOORS}? */
export function isStreamingFrontDoor(door: FrontDoor): door is StreamingFrontDoor {
  return (STREAMING_FRONT_DOORS as readonly string[]).includes(door);
}

/**
 * Largest streamed response, bytes: 200 MB (https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html,
 * "up to 200 MB"; earlier 20 MB). Counted here as 200 MiB; whether AWS counts 10^6 or 2^20 bytes per MB is UNVERIFIED,
 * and so is how the stream ends past it (the body is cut here). Searched (2026-12, corpora docs, pages, issues) with
 * no answer: "Lambda response streaming maximum response size 200 MB exceeded what happens stream".
 */
export const MAX_STREAMED_RESPONSE_BYTES = 200 * 1024 * 1024;

/**
 * REST API stream idle timeout for Regional and private endpoints, ms: 5 minutes (edge-optimized: 30 s)
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode.html, considerations).
 */
export const REST_STREAM_IDLE_TIMEOUT_MS = 5 * 60 * 1000;

/** REST API stream idle timeout for edge-optimized endpoints, ms: 30 s (same page as {@link REST_STREAM_IDLE_TIMEOUT_MS}). */
export const REST_EDGE_STREAM_IDLE_TIMEOUT_MS = 30 * 1000;

/** Content type of the InvokeWithResponseStream HTTP response (AWS event stream framing, https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html). */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

/** One piece of the body as the caller received it. */
export interface DeliveredChunk {
  /** Virtual ms since the invocation started (cold start included) at which the function wrote it. */
  offsetMs: number;
  bytes: number;
  /** The bytes as UTF-8 text (invalid sequences shown as U+FFFD). */
  text: string;
}

/** How the stream ended for the caller. */
export type StreamEnd =
  /** The function ended the stream and the invocation succeeded. */
  | 'complete'
  /** The function failed after the first bytes: the body stops where the error happened. */
  | 'cut-by-error'
  /** The function timed out (or never ended the stream): the body stops at the timeout. */
  | 'cut-by-timeout'
  /** More than {@link MAX_STREAMED_RESPONSE_BYTES}. */
  | 'cut-by-limit'
  /** REST API: no bytes for longer than the idle timeout. */
  | 'cut-by-idle-timeout'
  /** Nothing was streamed: the front door answered as a buffered one (an error before the first byte, a handler that does not stream, a request refused before invoking). */
  | 'not-streamed';

/** The closing event of InvokeWithResponseStream (https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStreamCompleteEvent.html). */
export interface InvokeCompleteEvent {
  ErrorCode?: string;
  ErrorDetails?: string;
}

/** What a streaming front door's caller received. */
export interface StreamingFrontDoorResult extends FrontDoorResult {
  /** The body as it arrived, chunk by chunk (after the HTTP prelude). */
  chunks: DeliveredChunk[];
  streamEnd: StreamEnd;
  /** Virtual ms from the start of the invocation to the first body byte, or null when none arrived. */
  timeToFirstByteMs: number | null;
  /** InvokeWithResponseStream only: the closing event. */
  invokeComplete: InvokeCompleteEvent | null;
}

/** Options of the streaming mappers beyond the buffered front door's context. */
export interface StreamingOptions {
  /** REST API only: the endpoint type decides the idle timeout (default `REGIONAL`). */
  restEndpointType?: 'REGIONAL' | 'PRIVATE' | 'EDGE';
  /** Largest streamed body, bytes (default {@link MAX_STREAMED_RESPONSE_BYTES}; smaller values are for tests). */
  maxStreamedBytes?: number;
}

/**
 * Where a function URL's answer to a stream without its prelude comes from: a report against AWS (502 when bytes
 * came without the prelude, 200 without the prelude's headers when nothing was written) and the client code that
 * writes the prelude only on the first write().
 */
const PRELUDE_LOST_SOURCE =
  'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/97; https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/HttpResponseStream.js';

/** The label the guest gives its keep-alive while a stream is open (guest-response-stream.ts PENDING_LABEL). */
const STREAM_OPEN_PENDING = 'response stream not ended';

interface HttpHead {
  statusCode: number;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
}

/** Status and headers from `HttpResponseStream.from`'s prelude (the v2-like shape the docs show: statusCode, headers, cookies). */
function headFromPrelude(prelude: HttpPrelude, door: StreamingFrontDoor): HttpHead {
  const status = typeof prelude.statusCode === 'number' && Number.isInteger(prelude.statusCode) ? prelude.statusCode : 200;
  const headers: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  if (prelude.headers && typeof prelude.headers === 'object') {
    for (const [k, v] of Object.entries(prelude.headers as Record<string, unknown>)) if (v !== undefined && v !== null) headers[k] = String(v);
  }
  if (door === 'apigw-rest' && prelude.multiValueHeaders && typeof prelude.multiValueHeaders === 'object') {
    for (const [k, v] of Object.entries(prelude.multiValueHeaders as Record<string, unknown>)) {
      if (Array.isArray(v)) {
        multi[k] = v.map(String);
        headers[k] = v.map(String).join(', ');
      }
    }
  }
  if (Array.isArray(prelude.cookies) && prelude.cookies.length > 0) {
    // One Set-Cookie per cookie, as for a buffered function URL / HTTP API 2.0 response.
    const cookies = prelude.cookies.map(String);
    multi['set-cookie'] = cookies;
    headers['set-cookie'] = cookies.join(', ');
  }
  return { statusCode: status, headers, multiValueHeaders: multi };
}

function withDefaults(head: HttpHead, contentType: string, requestId: string, door: StreamingFrontDoor): HttpResponse {
  const headers = { ...head.headers };
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  // ILLUSTRATIVE: the content type of a stream whose prelude names none is not documented; the runtime's default is used.
  if (!hasType) headers['content-type'] = contentType === HTTP_INTEGRATION_CONTENT_TYPE ? 'application/octet-stream' : contentType;
  // A body of unknown length is sent with chunked transfer coding (HTTP/1.1); the exact headers of AWS's answer are UNVERIFIED.
  headers['transfer-encoding'] = 'chunked';
  if (door === 'function-url') headers['x-amzn-RequestId'] = requestId;
  const response: HttpResponse = { statusCode: head.statusCode, headers, body: '' };
  if (Object.keys(head.multiValueHeaders).length > 0) response.multiValueHeaders = head.multiValueHeaders;
  return response;
}

/** The body chunks after the first `skip` bytes (the prelude), cut at `limit` bytes and at `cutAtMs`. */
function deliver(capture: ResponseStreamCapture, skip: number, startedAt: number, limit: number, cutAtMs: number): { chunks: DeliveredChunk[]; bytes: number; cut: boolean } {
  const out: DeliveredChunk[] = [];
  let offset = 0;
  let bytes = 0;
  let cut = false;
  for (const c of capture.chunks) {
    const from = Math.max(0, skip - offset);
    offset += c.bytes.length;
    if (from >= c.bytes.length) continue;
    if (c.atMs > cutAtMs) {
      cut = true;
      break;
    }
    let piece = c.bytes.subarray(from);
    if (bytes + piece.length > limit) {
      piece = piece.subarray(0, limit - bytes);
      cut = true;
    }
    if (piece.length > 0) out.push({ offsetMs: Math.round((c.atMs - startedAt) * 1000) / 1000, bytes: piece.length, text: bytesToText(piece) });
    bytes += piece.length;
    if (cut) break;
  }
  return { chunks: out, bytes, cut };
}

/** When a REST stream would be closed for idleness: the first gap between writes longer than the idle timeout. */
function idleCut(capture: ResponseStreamCapture, startedAt: number, endMs: number, idleMs: number): { atMs: number; gapMs: number } | null {
  let last = startedAt;
  for (const c of capture.chunks) {
    if (c.atMs - last > idleMs) return { atMs: last + idleMs, gapMs: c.atMs - last };
    last = c.atMs;
  }
  if (endMs - last > idleMs && !capture.ended) return { atMs: last + idleMs, gapMs: endMs - last };
  return null;
}

function result(base: FrontDoorResult, extra: Partial<StreamingFrontDoorResult>): StreamingFrontDoorResult {
  return { ...base, chunks: [], streamEnd: 'not-streamed', timeToFirstByteMs: null, invokeComplete: null, ...extra };
}

/** Findings about why a failed stream failed (non-async handler, a stream never ended). */
function failureFindings(record: InvocationRecord, door: StreamingFrontDoor, status: number, capture: ResponseStreamCapture | null, timeoutMs: number | undefined): Finding[] {
  const out: Finding[] = [];
  // errorType 'string' from client v3 (nodejs22.x and earlier), 'Error' from v4 (nodejs24.x).
  if ((record.errorType === 'string' || record.errorType === 'Error') && record.errorMessage === 'Streaming does not support non-async handlers.') {
    out.push(createFinding('LT-STREAM-NON-ASYNC-HANDLER', { frontDoor: door, status }));
  }
  if (record.outcome === 'timeout' && (record.pending.some((p) => p.startsWith(STREAM_OPEN_PENDING)) || (capture && !capture.ended))) {
    out.push(createFinding('LT-STREAM-NOT-ENDED', { frontDoor: door, status, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }));
  }
  return out;
}

/**
 * Map one invocation through a streaming front door. `functionTimeoutMs` (the function's timeout) only
 * words the findings.
 */
export function mapStreamingResponse(
  door: StreamingFrontDoor,
  record: InvocationRecord | null,
  ctx: FrontDoorContext,
  options: StreamingOptions & { functionTimeoutMs?: number } = {},
): StreamingFrontDoorResult {
  // The buffered mapping answers every case decided before the function's response (permission, limits,
  // throttling, invalid requests) and errors before the first byte; REST's 29 s integration timeout does not
  // apply to a streamed integration (it may run 15 minutes), so the REST gate gets that much.
  const base = mapFrontDoorResponse(door, record, door === 'apigw-rest' ? { ...ctx, integrationTimeoutMs: 15 * 60 * 1000 } : ctx);
  if (!record || !base.invoked || record.outcome === 'invalid-request') return result(base, {});
  const capture = responseStreamOf(record);
  const requestId = record.requestId;
  const failed = isFunctionFailure(record);
  const timeoutMs = options.functionTimeoutMs;

  if (door === 'invoke') return mapInvokeWithResponseStream(base, record, capture, failed, timeoutMs);

  if (!capture) {
    // Not a streaming handler: the response arrives in one piece, as the buffered front door shapes it.
    const findings = [...base.findings, createFinding('LT-STREAM-NOT-STREAMING-HANDLER', { frontDoor: door })];
    return result({ ...base, findings }, {});
  }

  const integration = capture.contentType === HTTP_INTEGRATION_CONTENT_TYPE;
  // Only the prelude needs the bytes joined; a plain stream is never copied whole.
  const all = integration ? concatChunks(capture.chunks) : new Uint8Array(0);
  let head: HttpHead | null = null;
  let skip = 0;
  let preludeProblem: string | null = null;
  if (integration) {
    const parsed = parseHttpIntegrationStream(all);
    if (parsed.ok) {
      head = headFromPrelude(parsed.prelude, door);
      skip = parsed.preludeBytes;
    } else preludeProblem = parsed.detail;
  } else if (door === 'apigw-rest') {
    // API Gateway streams only the format it documents: JSON metadata, 8 NUL bytes, then the payload.
    preludeProblem = `The stream's content type is ${capture.contentType}: the handler did not use awslambda.HttpResponseStream.from, so no metadata and delimiter came first.`;
  } else if (capture.totalBytes > 0) {
    head = { statusCode: 200, headers: {}, multiValueHeaders: {} };
  }

  // Nothing reached the caller yet (no prelude, no byte): the front door answers as it does for a buffered error.
  if (!head) {
    if (failed) {
      const findings = [...base.findings, ...failureFindings(record, door, base.response.statusCode, capture, timeoutMs)];
      return result({ ...base, findings }, {});
    }
    if (preludeProblem !== null && door === 'function-url' && capture.totalBytes === 0) {
      // HttpResponseStream.from, then end() with nothing written: no prelude and no byte. A function URL answers 200
      // with an empty body and none of the prelude's status or headers, as reported against AWS in
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/97 ("This will cause a 200 with no
      // custom response headers"). The finding still fires: the status the handler meant was lost.
      const response = withDefaults({ statusCode: 200, headers: {}, multiValueHeaders: {} }, capture.contentType, requestId, door);
      const findings = [createFinding('LT-STREAM-PRELUDE-INVALID', { frontDoor: door, status: 200, detail: preludeProblem }, { source: PRELUDE_LOST_SOURCE, unverified: false })];
      return result({ ...base, response, findings, errorReason: null }, { streamEnd: 'complete' });
    }
    if (preludeProblem !== null) {
      const response = door === 'function-url' ? renderReply(GATEWAY_REPLIES.functionUrlFunctionError, { headers: { 'x-amzn-RequestId': requestId } }) : renderReply(GATEWAY_REPLIES.restMalformedResponse);
      // Function URL: bytes without a prelude (end(body) after HttpResponseStream.from) answer 502 with none of the
      // prelude's headers, as reported against AWS in
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/97 ("This will cause a 502 with no
      // custom response headers"). REST API STREAM: UNVERIFIED. The docs require the metadata and delimiter
      // (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html) but do not
      // say what the client gets without them; 502 as for a malformed buffered proxy response. Searched (2026-12,
      // corpora docs, pages, issues) with no answer: "API Gateway response transfer mode STREAM Lambda proxy
      // integration error after stream started client receives", "response-transfer-mode-lambda troubleshooting
      // stream Lambda function error during streaming connection closed partial response", "HttpResponseStream.from
      // without write end function URL hangs no status prelude metadata". A zero-length write after the prelude was
      // reported to keep a function URL open for minutes
      // (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/95), not modelled.
      const findings = [
        door === 'function-url'
          ? createFinding('LT-STREAM-PRELUDE-INVALID', { frontDoor: door, status: response.statusCode, detail: preludeProblem }, { source: PRELUDE_LOST_SOURCE, unverified: false })
          : createFinding('LT-STREAM-PRELUDE-INVALID', { frontDoor: door, status: response.statusCode, detail: preludeProblem }),
      ];
      return result({ ...base, response, findings, gatewayLogs: door === 'apigw-rest' ? [restAccessLog(ctx, record, response.statusCode, 0, 'Malformed Lambda proxy response')] : [] }, {});
    }
    // An empty stream ended normally: a 200 with an empty body.
    head = { statusCode: 200, headers: {}, multiValueHeaders: {} };
  }

  const endMs = record.startedAt + (record.initDurationMs ?? 0) + record.durationMs;
  let cutAtMs = Infinity;
  const findings: Finding[] = [];
  let streamEnd: StreamEnd = failed ? (record.outcome === 'timeout' ? 'cut-by-timeout' : 'cut-by-error') : 'complete';
  if (door === 'apigw-rest') {
    const idleMs = options.restEndpointType === 'EDGE' ? REST_EDGE_STREAM_IDLE_TIMEOUT_MS : REST_STREAM_IDLE_TIMEOUT_MS;
    const idle = idleCut(capture, record.startedAt, endMs, idleMs);
    if (idle) {
      cutAtMs = idle.atMs;
      streamEnd = 'cut-by-idle-timeout';
      findings.push(createFinding('LT-STREAM-IDLE-TIMEOUT', { frontDoor: door, timeoutMs: idleMs, durationMs: Math.round(idle.gapMs) }));
    }
  }
  const maxBytes = options.maxStreamedBytes ?? MAX_STREAMED_RESPONSE_BYTES;
  const delivered = deliver(capture, skip, record.startedAt, maxBytes, cutAtMs);
  if (delivered.cut && capture.totalBytes - skip > maxBytes && delivered.bytes >= maxBytes) {
    streamEnd = 'cut-by-limit';
    findings.push(createFinding('LT-STREAM-TOO-LARGE', { frontDoor: door, bytes: capture.totalBytes - skip, limitBytes: maxBytes }));
  }
  const response = withDefaults(head, capture.contentType, requestId, door);
  response.body = delivered.chunks.map((c) => c.text).join('');
  if (failed) {
    // What the client sees when the function fails after the first bytes is UNVERIFIED: the runtime client sends the
    // error as trailers after the bytes (Lambda-Runtime-Function-Error-Type / -Body, ResponseStream.js at da5777a;
    // https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-response-streaming) and the
    // status line is already sent, so the body stops; no AWS page says whether the HTTP response then ends cleanly or
    // is reset. For a REST stream cut by the function timeout the docs name the client's symptom, `curl: (18)
    // transfer closed with outstanding read data remaining`
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/response-streaming-troubleshoot.html), which is
    // the cut-off body modelled here. Searched (2026-12, corpora docs, pages, issues) with no answer for a throw:
    // "Lambda response streaming function error after response stream started mid-stream error",
    // "Lambda-Runtime-Function-Error-Type trailer response streaming custom runtime error mid-stream",
    // "streamifyResponse throw error after write function URL client receives 200 truncated body",
    // "lambda function url RESPONSE_STREAM exception mid stream curl transfer closed outstanding read data".
    if (record.outcome === 'function-error' && !failureFindings(record, door, head.statusCode, capture, timeoutMs).length) {
      findings.push(createFinding('LT-STREAM-ERROR-AFTER-FIRST-BYTE', { frontDoor: door, status: head.statusCode, bytes: delivered.bytes, errorType: record.errorType, errorMessage: record.errorMessage }));
    } else {
      findings.push(createFinding(record.outcome === 'timeout' ? 'LT-FUNCTION-TIMEOUT' : record.outcome === 'out-of-memory' ? 'LT-OUT-OF-MEMORY' : 'LT-FUNCTION-ERROR', { frontDoor: door, status: head.statusCode, errorType: record.errorType, errorMessage: record.errorMessage, detail: `The caller had already received status ${head.statusCode} and ${delivered.bytes} bytes; the body stops there.` }, { unverified: true }));
    }
    findings.push(...failureFindings(record, door, head.statusCode, capture, timeoutMs));
  }
  const first = delivered.chunks[0];
  const gatewayLogs = door === 'apigw-rest' ? [restAccessLog(ctx, record, head.statusCode, delivered.bytes, null)] : [];
  return result(
    { ...base, response, findings, gatewayLogs, errorReason: null },
    { chunks: delivered.chunks, streamEnd, timeToFirstByteMs: first ? first.offsetMs : null },
  );
}

function restAccessLog(ctx: FrontDoorContext, record: InvocationRecord, status: number, bytes: number, integrationError: string | null): string {
  const sim = ctx.sim ?? {};
  const req = ctx.request ?? {};
  return createRestAccessLog({
    requestId: sim.requestId ?? record.requestId,
    sourceIp: req.sourceIp ?? '203.0.113.10',
    nowMs: sim.nowMs ?? record.startedAt,
    method: req.method ?? 'GET',
    resourcePath: req.path ?? '/',
    status,
    responseLength: bytes,
    errorMessage: integrationError ? 'Internal server error' : null,
    responseType: '-',
    integrationErrorMessage: integrationError,
    integrationStatus: 200,
    integrationLatencyMs: (record.initDurationMs ?? 0) + record.durationMs,
  });
}

/**
 * InvokeWithResponseStream: HTTP 200, the payload as PayloadChunk events, then InvokeComplete
 * (https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html). The body here is a
 * readable rendering of the events (one JSON object per line), not the binary event-stream framing.
 * UNVERIFIED: InvokeComplete's ErrorCode / ErrorDetails for a function error are shown as the error type and
 * message; AWS documents the fields (https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStreamCompleteEvent.html),
 * not their values. Searched (2026-12, corpora docs, issues) with no capture found: "InvokeWithResponseStream
 * InvokeComplete ErrorCode ErrorDetails value function error Unhandled".
 */
function mapInvokeWithResponseStream(base: FrontDoorResult, record: InvocationRecord, capture: ResponseStreamCapture | null, failed: boolean, timeoutMs: number | undefined): StreamingFrontDoorResult {
  const chunks: DeliveredChunk[] = capture
    ? deliver(capture, 0, record.startedAt, MAX_STREAMED_RESPONSE_BYTES, Infinity).chunks
    : record.payload !== null && !failed
      ? [{ offsetMs: Math.round(((record.initDurationMs ?? 0) + record.durationMs) * 1000) / 1000, bytes: record.payload.length, text: record.payload }]
      : [];
  const complete: InvokeCompleteEvent = failed ? { ErrorCode: record.errorType ?? 'Unhandled', ErrorDetails: record.errorMessage ?? '' } : {};
  const lines = [...chunks.map((c) => JSON.stringify({ PayloadChunk: { Payload: c.text } })), JSON.stringify({ InvokeComplete: complete })];
  const response: HttpResponse = {
    statusCode: 200,
    headers: {
      'Content-Type': EVENT_STREAM_CONTENT_TYPE,
      'X-Amz-Executed-Version': '$LATEST',
      'x-amzn-RequestId': record.requestId,
    },
    body: lines.join('\n'),
  };
  const findings: Finding[] = [];
  if (failed) {
    const started = chunks.length > 0;
    if (started && record.outcome === 'function-error') findings.push(createFinding('LT-STREAM-ERROR-AFTER-FIRST-BYTE', { frontDoor: 'invoke', status: 200, bytes: chunks.reduce((n, c) => n + c.bytes, 0), errorType: record.errorType, errorMessage: record.errorMessage }));
    else findings.push(...base.findings);
    findings.push(...failureFindings(record, 'invoke', 200, capture, timeoutMs));
  }
  if (!capture) findings.push(createFinding('LT-STREAM-NOT-STREAMING-HANDLER', { frontDoor: 'invoke' }));
  const first = chunks[0];
  return result(
    { ...base, response, findings },
    {
      chunks,
      streamEnd: !capture ? 'not-streamed' : failed ? (record.outcome === 'timeout' ? 'cut-by-timeout' : 'cut-by-error') : 'complete',
      timeToFirstByteMs: first ? first.offsetMs : null,
      invokeComplete: complete,
    },
  );
}

/** A run through a streaming front door: what the buffered run reports, plus the stream. */
export interface StreamingRun extends StreamingFrontDoorResult {
  event: unknown;
  record: InvocationRecord | null;
}

/**
 * Run a request (or raw event) through a streaming front door: the event is built and the request gated as
 * for the buffered door; `invoke` must call the function with `{ responseStream: true }`.
 */
export async function runStreamingFrontDoor(
  door: StreamingFrontDoor,
  input: HttpRequestSpec | RunInput,
  invoke: (event: unknown) => Promise<InvocationRecord>,
  options: RunOptions,
  streaming: StreamingOptions & { functionTimeoutMs?: number } = {},
): Promise<StreamingRun> {
  const run: FrontDoorRun = await runThroughFrontDoor(door, input, (event) => invoke(event), options);
  if (!run.record) return { ...result(run, {}), event: run.event, record: null };
  const ctx: FrontDoorContext = { invokePermission: options.invokePermission ?? true, requestBodyBytes: 0, sim: options.sim };
  if (options.urlPermissions !== undefined) ctx.urlPermissions = options.urlPermissions;
  if ('request' in (input as object) || 'method' in (input as object)) {
    const spec = ('request' in (input as object) ? (input as { request: HttpRequestSpec }).request : input) as HttpRequestSpec;
    ctx.request = { method: spec.method ?? 'GET', path: spec.path ?? '/' };
  }
  return { ...mapStreamingResponse(door, run.record, ctx, streaming), event: run.event, record: run.record };
}
