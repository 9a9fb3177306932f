/**
 * What a streaming handler sent, on the host side: the executor collects the chunks the guest wrote
 * (`guest-response-stream.ts`, drained as the invocation runs so the bytes do not stay in the guest's
 * heap) into a {@link ResponseStreamCapture}, and the service attaches it to the invocation's record.
 * Pure TypeScript: no host APIs (the engine has neither DOM nor Node types).
 */
import type { InvocationRecord } from '../types.ts';
import type { ErrorDocument } from '../executor/types.ts';
import type { GuestStreamDrain } from './guest-response-stream.ts';
import { utf8ByteLength } from '../text/utf8.ts';

/** One chunk as it left the function. */
export interface StreamChunk {
  /** Virtual ms since the simulation epoch at which the function wrote it. */
  atMs: number;
  bytes: Uint8Array;
}

/** Everything a streaming invocation sent through its response stream. */
export interface ResponseStreamCapture {
  /** `setContentType`'s value: `application/octet-stream` by default, the HTTP integration type after `HttpResponseStream.from`. */
  contentType: string;
  chunks: StreamChunk[];
  totalBytes: number;
  /** The function ended the stream (`end()`, or the runtime ended it after an error). */
  ended: boolean;
  /** `write` was called at least once (so `_onBeforeFirstWrite`, the HTTP prelude, ran). */
  writeCalled: boolean;
  /** The error document the runtime sent as trailers when the invocation failed, else null. */
  error: ErrorDocument | null;
}

/** Content type `HttpResponseStream.from` sets (RIC src/HttpResponseStream.js METADATA_PRELUDE_CONTENT_TYPE). */
export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';

/** Bytes of NUL that end the JSON prelude (RIC src/HttpResponseStream.js DELIMITER_LEN). */
export const PRELUDE_DELIMITER_BYTES = 8;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i] as const));

/** The bytes of a base64 text (padding and unknown characters ignored). */
export function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = B64_INDEX.get(clean[i] ?? 'A') ?? 0;
    const b = B64_INDEX.get(clean[i + 1] ?? 'A') ?? 0;
    const c = B64_INDEX.get(clean[i + 2] ?? 'A') ?? 0;
    const d = B64_INDEX.get(clean[i + 3] ?? 'A') ?? 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (i + 2 < clean.length && o < out.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < clean.length && o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** base64 of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '') + (i + 1 < bytes.length ? (B64[(n >> 6) & 63] ?? '') : '=') + (i + 2 < bytes.length ? (B64[n & 63] ?? '') : '=');
  }
  return out;
}

/**
 * UTF-8 text of bytes, decoded as the WHATWG Encoding Standard's UTF-8 decoder does (and Node's
 * `buffer.toString('utf8')`): each invalid or truncated sequence becomes one U+FFFD
 * (https://encoding.spec.whatwg.org/#utf-8-decoder).
 */
export function bytesToText(bytes: Uint8Array): string {
  const parts: string[] = [];
  let run: number[] = [];
  const emit = (cp: number): void => {
    run.push(cp);
    if (run.length >= 8192) {
      parts.push(String.fromCodePoint(...run));
      run = [];
    }
  };
  let cp = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (needed === 0) {
      if (b <= 0x7f) emit(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x7;
      } else emit(0xfffd);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence is cut short: one replacement for it, then this byte starts afresh.
      cp = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      emit(0xfffd);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    seen++;
    if (seen === needed) {
      emit(cp);
      cp = needed = seen = 0;
    }
  }
  if (needed !== 0) emit(0xfffd);
  if (run.length > 0) parts.push(String.fromCodePoint(...run));
  return parts.join('');
}

/** UTF-8 bytes of a string; lone surrogates become U+FFFD, as TextEncoder does. */
export function textToBytes(text: string): Uint8Array {
  const out = new Uint8Array(utf8ByteLength(text));
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xdc00 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return out;
}

/** All chunks joined. */
export function concatChunks(chunks: readonly StreamChunk[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.bytes.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c.bytes, o);
    o += c.bytes.length;
  }
  return out;
}

/** Collects what the guest streams during one invocation (see `ExecEnvironment.takeResponseStream`). */
export interface StreamCollector {
  /** Add one `drainStream` answer of the guest ('' when nothing streamed). */
  absorb: (json: string) => void;
  /** The invocation's capture, or null when its handler did not stream; resets the collector. */
  take: () => ResponseStreamCapture | null;
}

/** A collector; `toEpochMs` turns the guest's process-relative ms into the simulation's virtual ms. */
export function createStreamCollector(toEpochMs: (guestMs: number) => number): StreamCollector {
  let capture: ResponseStreamCapture | null = null;
  return {
    absorb(json) {
      if (!json) return;
      let d: GuestStreamDrain;
      try {
        d = JSON.parse(json) as GuestStreamDrain;
      } catch {
        return;
      }
      if (!capture) capture = { contentType: d.contentType, chunks: [], totalBytes: 0, ended: false, writeCalled: false, error: null };
      capture.contentType = d.contentType;
      capture.ended = d.ended;
      capture.writeCalled = d.writeCalled;
      capture.error = d.error;
      for (const c of d.chunks) {
        const bytes = typeof c.s === 'string' ? textToBytes(c.s) : base64ToBytes(c.b ?? '');
        capture.chunks.push({ atMs: toEpochMs(c.t), bytes });
        capture.totalBytes += bytes.length;
      }
    },
    take() {
      const c = capture;
      capture = null;
      return c;
    },
  };
}

// The record type belongs to the service; the stream travels beside it rather than widening every record.
const captures = new WeakMap<InvocationRecord, ResponseStreamCapture>();

/** Attach what a streaming handler sent to its invocation record. */
export function attachResponseStream(record: InvocationRecord, capture: ResponseStreamCapture): void {
  captures.set(record, capture);
}

/** What the invocation's handler streamed, or null when it was not a streaming handler. */
export function responseStreamOf(record: InvocationRecord | null): ResponseStreamCapture | null {
  return record ? (captures.get(record) ?? null) : null;
}

/** The HTTP metadata `HttpResponseStream.from` writes before the body (function URL and API Gateway format). */
export interface HttpPrelude {
  statusCode?: unknown;
  headers?: unknown;
  multiValueHeaders?: unknown;
  cookies?: unknown;
}

/** Result of {@link parseHttpIntegrationStream}. */
export type ParsedHttpStream =
  | { ok: true; prelude: HttpPrelude; body: Uint8Array; preludeBytes: number }
  | { ok: false; reason: 'no-delimiter' | 'prelude-not-json' | 'prelude-not-object'; detail: string };

/**
 * Split a stream of content type {@link HTTP_INTEGRATION_CONTENT_TYPE} into its JSON prelude and body:
 * the prelude is JSON text, then 8 NUL bytes, then the body (RIC src/HttpResponseStream.js; the format
 * API Gateway documents at https://docs.aws.amazon.com/apigateway/latest/developerguide/response-transfer-mode-lambda.html).
 */
export function parseHttpIntegrationStream(all: Uint8Array): ParsedHttpStream {
  let at = -1;
  for (let i = 0; i + PRELUDE_DELIMITER_BYTES <= all.length; i++) {
    let zeros = 0;
    while (zeros < PRELUDE_DELIMITER_BYTES && all[i + zeros] === 0) zeros++;
    if (zeros === PRELUDE_DELIMITER_BYTES) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    return { ok: false, reason: 'no-delimiter', detail: all.length === 0 ? 'The stream ended without a single byte: no prelude, no delimiter.' : 'No run of 8 NUL bytes follows a JSON prelude.' };
  }
  const text = bytesToText(all.subarray(0, at));
  let prelude: unknown;
  try {
    prelude = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'prelude-not-json', detail: `The bytes before the delimiter are not JSON: ${text.slice(0, 80)}` };
  }
  if (!prelude || typeof prelude !== 'object' || Array.isArray(prelude)) {
    return { ok: false, reason: 'prelude-not-object', detail: `The prelude is ${JSON.stringify(prelude)}, not an object.` };
  }
  return { ok: true, prelude: prelude as HttpPrelude, body: all.subarray(at + PRELUDE_DELIMITER_BYTES), preludeBytes: at + PRELUDE_DELIMITER_BYTES };
}
