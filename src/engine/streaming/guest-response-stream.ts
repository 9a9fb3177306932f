/**
 * Response streaming inside the sandbox: what the Node.js runtime interface client does for a handler
 * wrapped in `awslambda.streamifyResponse` (RIC snapshot da5777a, files named below). This function's
 * *source text* runs inside QuickJS as a built-in module (see `../sandbox/builtins/guest-api.ts` for the
 * rules: self-contained, no class fields, optional chaining or object spread). The prelude
 * (`prelude-runtime.ts`) loads it on the first streaming invocation and calls `start` with the runtime
 * pieces it needs ({@link StreamingRuntime}).
 *
 * Behaviour, from https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/tree/da5777a/src:
 * - `Runtime.js` `handleOnceStreaming`: the handler is called as `handler(event, responseStream, context)`;
 *   a handler that does not return a promise fails with the string 'Streaming does not support non-async
 *   handlers.'; a value the promise resolves to is ignored with the warning 'Streaming handlers ignore
 *   return values.'; the runtime then waits for the response (the POST to the Runtime API) to finish, so a
 *   stream that is never ended keeps the invocation running until its timeout; a throw or rejection fails
 *   the invocation (`ctxFail`), after whatever bytes were already sent.
 * - nodejs24.x runs client v4 (src/runtime/streaming-invoke-processor.ts and lifecycle-manager.ts at commit 90b5b5b):
 *   the same steps, but a non-async handler or an unfinished stream fails with an Error (not a string), the
 *   failure is logged and sent one setImmediate later, and the runtime never waits for an empty event loop.
 * - `StreamingContext.js`: the context has `callbackWaitsForEmptyEventLoop` (default true: the next
 *   invocation waits for an empty event loop) and no succeed/fail/done; `fail` logs 'Invoke Error' through
 *   `structuredConsole.logError` (which wraps a string in an Error) and sends the error as trailers, whose
 *   document comes from `toRapidResponse` of the raw value (a string gives errorType 'string').
 * - `ResponseStream.js`: the stream exposes only the writable methods, the EventEmitter methods and
 *   `setContentType` (default content type 'application/octet-stream'); a chunk that is not a string,
 *   Buffer or Uint8Array is written as `JSON.stringify(chunk)`; `setContentType` after the first write
 *   throws Runtime.InvalidStreamingOperation 'Cannot set content-type, too late.'; the first `write` calls
 *   `_onBeforeFirstWrite` (set by `HttpResponseStream.from`), but `end(chunk)` does not, since the client
 *   replaces `end` with `function (cb) { origEnd(cb) }` and Node's `end(chunk)` writes without `write`.
 */
import type { GuestDeps } from '../sandbox/builtins/guest-api.ts';

/** What the prelude hands {@link createResponseStreamModule}'s `start` for one invocation. */
export interface StreamingRuntime {
  handler: (event: unknown, stream: unknown, context: unknown) => unknown;
  eventJson: string;
  requestId: string;
  /** Guest ms (since the process started) at which the invocation times out. */
  deadline: number;
  config: {
    functionName: string;
    functionVersion: string;
    memoryMB: number;
    logGroupName: string;
    logStreamName: string;
    functionArn: string;
  };
  /** nodejs24.x: runtime interface client v4, which never waits for an empty event loop. */
  v4: boolean;
  /** The prelude's invocation state: the executor reads `posted`, `returnedPromise` and `beforeExit`. */
  state: { beforeExit: (() => boolean) | null; returnedPromise: boolean; posted: boolean };
  post: (kind: 'success' | 'error', value: unknown) => void;
  logError: (label: string, error: unknown) => void;
  /** QuickJS's error as V8 would have raised it (message, place, `RangeError` for a stack overflow), as every other path reports it. */
  normalise: (value: unknown) => unknown;
  /** Is this QuickJS's interrupt (the host stopped the program and reports the outcome itself)? */
  isInterrupt: (value: unknown) => boolean;
  intoError: (value: unknown) => Error;
  toRapid: (value: unknown) => Record<string, unknown>;
  nowMs: () => number;
  /** Keep the event loop alive (as the open POST to the Runtime API does) until the returned cancel is called. */
  keepAlive: (label: string) => () => void;
  /** Mark a promise of the runtime's as handled (the runtime awaits it). */
  handled: (p: unknown) => void;
  /** Is this the runtime's `process.exit` signal (not an error)? */
  isExit: (e: unknown) => boolean;
  warn: (message: string) => void;
  /** The engine's own Promise (not tracked for unhandled rejections). */
  Promise: PromiseConstructor;
  /** The runtime's error class for `Runtime.<name>` errors. */
  runtimeError: (name: string, message: string) => Error;
}

/** One streamed chunk as the host receives it: guest ms since the process started, and text (`s`, UTF-8) or base64 bytes (`b`). */
export interface GuestChunk {
  t: number;
  s?: string;
  b?: string;
}

/** What `drain()` returns (as JSON): the chunks since the last drain and the stream's state. */
export interface GuestStreamDrain {
  contentType: string;
  chunks: GuestChunk[];
  ended: boolean;
  /** True once `write` was called (content type frozen, `_onBeforeFirstWrite` ran). */
  writeCalled: boolean;
  /** The error document sent as trailers (`toRapidResponse`), when the invocation failed. */
  error: Record<string, unknown> | null;
}

/** The built-in module: `start(rt)` runs one streaming invocation, `drain()` hands the host what was streamed. */
export interface ResponseStreamModule {
  start: (rt: StreamingRuntime) => void;
  /** JSON of {@link GuestStreamDrain}, or '' when no streaming invocation ran in this environment. */
  drain: () => string;
}

/** Guest factory of the response-streaming built-in (registered in `../sandbox/builtins/index.ts`). */
export function createResponseStreamModule(deps: GuestDeps): ResponseStreamModule {
  const Buffer = deps.Buffer;
  const PENDING_LABEL = 'response stream not ended: responseStream.end() was never called, so the response is still open';
  let current: {
    contentType: string;
    chunks: GuestChunk[];
    ended: boolean;
    writeCalled: boolean;
    error: Record<string, unknown> | null;
  } | null = null;

  function start(rt: StreamingRuntime): void {
    const Writable = deps.loadBuiltin('stream').Writable;
    const cap = { contentType: 'application/octet-stream', chunks: [] as GuestChunk[], ended: false, writeCalled: false, error: null as Record<string, unknown> | null };
    current = cap;
    // The POST of the response to the Runtime API is an open socket until the stream ends.
    let release: (() => void) | null = rt.keepAlive(PENDING_LABEL);
    const releaseLoop = (): void => {
      if (release) release();
      release = null;
    };
    let resolveRapid: () => void = () => undefined;
    const rapidResponse = new rt.Promise<void>((resolve) => {
      resolveRapid = () => resolve();
    });
    const inner = new Writable({
      // Text stays text until the host encodes it (QuickJS is slow at encoding megabytes byte by byte).
      decodeStrings: false,
      write(chunk: Uint8Array | string, enc: string, cb: (err?: Error | null) => void) {
        if (typeof chunk === 'string' && (enc === 'utf8' || enc === 'utf-8' || enc === 'buffer' || !enc)) {
          cap.chunks.push({ t: rt.nowMs(), s: chunk });
        } else {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, enc) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          cap.chunks.push({ t: rt.nowMs(), b: (bytes as unknown as { toString: (e: string) => string }).toString('base64') });
        }
        cb();
      },
      final(cb: (err?: Error | null) => void) {
        cap.ended = true;
        releaseLoop();
        resolveRapid();
        cb();
      },
    });
    let firstWriteDone = false;
    inner.setContentType = function (contentType: string) {
      if (firstWriteDone) throw rt.runtimeError('InvalidStreamingOperation', 'Cannot set content-type, too late.');
      cap.contentType = String(contentType);
    };
    inner._onBeforeFirstWrite = undefined;
    const origWrite = inner.write.bind(inner);
    inner.write = function (chunk: unknown, encoding?: unknown, callback?: unknown) {
      if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk) && !(chunk && (chunk as { constructor?: unknown }).constructor === Uint8Array)) {
        chunk = JSON.stringify(chunk);
      }
      if (!firstWriteDone && typeof inner._onBeforeFirstWrite === 'function') {
        inner._onBeforeFirstWrite((ch: unknown) => origWrite(ch));
      }
      const ret = origWrite(chunk, encoding, callback);
      if (!firstWriteDone) {
        firstWriteDone = true;
        cap.writeCalled = true;
      }
      return ret;
    };
    const origEnd = inner.end.bind(inner);
    // ResponseStream.js: `req.end = function (cb) { origEnd(cb); }` — a chunk given to end() is written by
    // Node's end itself, without going through the patched write (no _onBeforeFirstWrite).
    // v3 passes only the first argument on to Node's end (an encoding or callback after it is dropped); v4 keeps
    // Node's own end (src/stream/response-stream.ts). Either way a chunk given to end() skips the patched write.
    inner.end = function (chunkOrCb?: unknown, encoding?: unknown, callback?: unknown) {
      if (typeof chunkOrCb === 'function' || chunkOrCb === undefined || chunkOrCb === null) return origEnd(chunkOrCb);
      if (!rt.v4) {
        origWrite(chunkOrCb);
        return origEnd();
      }
      if (typeof encoding === 'function') return (origWrite(chunkOrCb), origEnd(encoding));
      origWrite(chunkOrCb, encoding);
      return origEnd(callback);
    };
    // ResponseStream.js `writableStreamOnly`: the handler sees only these members of the request.
    const fns = ['cork', 'destroy', 'end', 'uncork', 'write', 'addListener', 'emit', 'eventNames', 'getMaxListeners', 'listenerCount', 'listeners', 'off', 'on', 'once', 'prependListener', 'prependOnceListener', 'rawListeners', 'removeAllListeners', 'removeListener', 'setMaxListeners', 'setContentType'];
    const stream: Record<string, unknown> = {};
    for (const fn of fns) {
      const f = inner[fn];
      stream[fn] = typeof f === 'function' ? f.bind(inner) : function () {
        return undefined;
      };
    }
    for (const prop of ['destroyed', 'writable', '_onBeforeFirstWrite']) {
      Object.defineProperty(stream, prop, {
        get() {
          return inner[prop];
        },
        set(v: unknown) {
          inner[prop] = v;
        },
        enumerable: true,
      });
    }
    for (const prop of ['writableFinished', 'writableObjectMode', 'writableBuffer', 'writableEnded', 'writableNeedDrain', 'writableHighWaterMark', 'writableCorked', 'writableLength']) {
      Object.defineProperty(stream, prop, {
        get() {
          return inner[prop];
        },
        enumerable: true,
      });
    }

    // StreamingContext.js: waits for an empty event loop unless told otherwise (v4 never waits).
    let waitForEmptyEventLoop = !rt.v4;
    const context: Record<string, unknown> = {};
    if (!rt.v4) {
      Object.defineProperty(context, 'callbackWaitsForEmptyEventLoop', {
        get() {
          return waitForEmptyEventLoop;
        },
        set(v: unknown) {
          waitForEmptyEventLoop = !!v;
        },
        enumerable: true,
      });
    }
    // InvokeContext.js attachEnvironmentData (the same fields as a buffered invocation's context).
    context['functionVersion'] = rt.config.functionVersion;
    context['functionName'] = rt.config.functionName;
    context['memoryLimitInMB'] = String(rt.config.memoryMB);
    context['logGroupName'] = rt.config.logGroupName;
    context['logStreamName'] = rt.config.logStreamName;
    context['clientContext'] = undefined;
    context['identity'] = undefined;
    context['invokedFunctionArn'] = rt.config.functionArn;
    context['awsRequestId'] = rt.requestId;
    context['tenantId'] = undefined;
    // Client v4's context-builder.ts adds the trace id (undefined: the simulator sends no X-Ray header).
    if (rt.v4) context['xRayTraceId'] = undefined;
    context['getRemainingTimeInMillis'] = () => Math.max(0, Math.floor(rt.deadline - rt.nowMs()));

    let finished = false;
    // `scheduleNext`: the invocation is over; with callbackWaitsForEmptyEventLoop the runtime first waits
    // for the event loop to drain (BeforeExitListener), as after a callback.
    const complete = (kind: 'success' | 'error', value: unknown): void => {
      if (finished) return;
      finished = true;
      if (!waitForEmptyEventLoop) {
        rt.state.beforeExit = null;
        rt.post(kind, value);
        return;
      }
      rt.state.beforeExit = () => {
        rt.post(kind, value);
        return true;
      };
    };
    // `ctxFail`: log, send the error as trailers, end the response. Client v4 does it one setImmediate later
    // (src/runtime/lifecycle-manager.ts failResponseStream).
    const failNow = (thrown: unknown): void => {
      if (finished || rt.isInterrupt(thrown)) return;
      const err = rt.normalise(thrown);
      rt.logError('Invoke Error', rt.intoError(err));
      const doc = rt.toRapid(err);
      cap.error = doc;
      if (!cap.ended) origEnd();
      releaseLoop();
      complete('error', doc);
    };
    const fail = (err: unknown): void => {
      if (rt.v4) deps.setImmediate(() => failNow(err));
      else failNow(err);
    };
    // v3 fails with the bare string (Runtime.js ctxFail('…')); v4 throws an Error with the same message
    // (src/runtime/streaming-invoke-processor.ts waitForStreamClosure).
    const runtimeFailure = (message: string): unknown => (rt.v4 ? new Error(message) : message);
    // `_setStreamingExitListener` (v3): an empty loop before any answer moves on to the next invocation; the
    // response was complete (a stream still open keeps the loop busy), so the invocation succeeded. Client v4 has
    // no such listener: with the handler's promise pending and the loop empty, Node exits (the executor reports
    // the exit as for a buffered handler).
    rt.state.beforeExit = rt.v4
      ? null
      : () => {
          if (!cap.ended) return false;
          finished = true;
          rt.post('success', '');
          return true;
        };

    let result: unknown;
    try {
      result = rt.handler(JSON.parse(rt.eventJson), stream, context);
    } catch (e) {
      if (rt.isExit(e)) return;
      fail(e);
      return;
    }
    if (!result || typeof (result as { then?: unknown }).then !== 'function') {
      fail(runtimeFailure('Streaming does not support non-async handlers.'));
      return;
    }
    rt.handled(result);
    rt.state.returnedPromise = true;
    rt.Promise.resolve(result).then(
      (value) => {
        rt.state.returnedPromise = false;
        if (typeof value !== 'undefined') rt.warn('Streaming handlers ignore return values.');
        return rapidResponse.then(() => {
          if (!inner.writableFinished && !cap.ended) {
            fail(runtimeFailure('Response stream is not finished.'));
            return;
          }
          complete('success', '');
        });
      },
      (e) => {
        rt.state.returnedPromise = false;
        if (rt.isExit(e)) return;
        fail(e);
      },
    );
  }

  function drain(): string {
    if (!current) return '';
    const out: GuestStreamDrain = { contentType: current.contentType, chunks: current.chunks, ended: current.ended, writeCalled: current.writeCalled, error: current.error };
    current.chunks = [];
    return JSON.stringify(out);
  }

  return { start, drain };
}
