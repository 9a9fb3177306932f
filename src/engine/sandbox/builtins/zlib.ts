import type { GuestBuffer, GuestDeps } from './guest-api.ts';

/** fflate's error: its message and numeric code (fflate's FlateErrorCode). */
type FflateError = Error & { code?: number };
/** The parts of fflate bundled for the guest (scripts/build-guest-libs.mjs). */
export interface Fflate {
  gzipSync(data: Uint8Array, opts?: { level?: number }): Uint8Array;
  gunzipSync(data: Uint8Array): Uint8Array;
  zlibSync(data: Uint8Array, opts?: { level?: number }): Uint8Array;
  unzlibSync(data: Uint8Array): Uint8Array;
  deflateSync(data: Uint8Array, opts?: { level?: number }): Uint8Array;
  inflateSync(data: Uint8Array): Uint8Array;
  decompressSync(data: Uint8Array): Uint8Array;
}

/**
 * Guest source: Node's `zlib` module in the sandbox (runs inside QuickJS; see guest-api.ts), on fflate.
 * Node's names map to fflate's formats: `deflate`/`inflate` are the zlib format (RFC 1950, fflate's
 * zlibSync/unzlibSync), `deflateRaw`/`inflateRaw` raw deflate (RFC 1951), `gzip`/`gunzip` RFC 1952 and
 * `unzip` detects gzip or zlib (https://nodejs.org/api/zlib.html). Compressed bytes differ from Node's
 * (another compressor) but any inflater reads them; what Node compressed, this reads.
 * Failures carry zlib's messages and codes as Node reports them (checked against node v22.23.3):
 * a wrong header → `Error: incorrect header check` (errno -3, code Z_DATA_ERROR); truncated data →
 * `unexpected end of file` (errno -5, Z_BUF_ERROR). Callback forms answer on a later turn, as Node's
 * thread-pool work does. Brotli: no pure-JavaScript Brotli library is bundled, so the brotli functions
 * throw the simulator's "not available" error. Only the first member of a multi-member gzip is read.
 */
export function createZlibModule(deps: GuestDeps, lib: Fflate): Record<string, unknown> {
  'use strict';
  const Buffer = deps.Buffer;
  // zlib.h return codes, as Node exposes them in zlib.constants
  const Z_DATA_ERROR = -3;
  const Z_BUF_ERROR = -5;
  const constants: Record<string, number> = {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR, Z_MEM_ERROR: -4, Z_BUF_ERROR, Z_VERSION_ERROR: -6,
    Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
    Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  };
  function input(data: unknown, argName: string): Uint8Array {
    if (typeof data === 'string') return Buffer.from(data, 'utf8');
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw deps.nodeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      'The "' + argName + '" argument must be of type string or an instance of Buffer, TypedArray, DataView' +
        (argName === 'buffer' ? ', or ArrayBuffer' : '') + '. Received ' + deps.receivedText(data),
    );
  }
  function zlibError(message: string, errno: number): Error {
    const e = new Error(message) as Error & { errno: number; code: string };
    e.errno = errno;
    e.code = errno === Z_BUF_ERROR ? 'Z_BUF_ERROR' : 'Z_DATA_ERROR';
    return e;
  }
  const hasGzipMagic = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
  // zlib's header check (RFC 1950 §2.2): method 8 and (CMF*256 + FLG) a multiple of 31.
  const hasZlibHeader = (b: Uint8Array) => b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
  // fflate's error codes → zlib's messages (madler/zlib inflate.c).
  function translate(e: FflateError, data: Uint8Array, header: ((b: Uint8Array) => boolean) | null): Error {
    switch (e.code) {
      case 0:
        return zlibError('unexpected end of file', Z_BUF_ERROR);
      case 1:
        return zlibError('invalid block type', Z_DATA_ERROR);
      case 2:
        return zlibError('invalid literal/length code', Z_DATA_ERROR);
      case 3:
        return zlibError('invalid distance code', Z_DATA_ERROR);
      case 6:
        // fflate also reports a cut-off stream as a bad header
        if (header && data.length > 0 && (data.length < 2 || header(data))) return zlibError('unexpected end of file', Z_BUF_ERROR);
        return zlibError('incorrect header check', Z_DATA_ERROR);
      default:
        return zlibError(e.message, Z_DATA_ERROR);
    }
  }
  function level(opts: unknown): { level?: number } {
    const l = opts && typeof opts === 'object' ? (opts as { level?: unknown }).level : undefined;
    return typeof l === 'number' && l >= 0 && l <= 9 ? { level: l } : {};
  }
  type Codec = (data: Uint8Array, opts: unknown) => Uint8Array;
  const codecs: Record<string, Codec> = {
    gzip: (d, o) => lib.gzipSync(d, level(o)),
    deflate: (d, o) => lib.zlibSync(d, level(o)),
    deflateRaw: (d, o) => lib.deflateSync(d, level(o)),
    gunzip: (d) => lib.gunzipSync(d),
    inflate: (d) => lib.unzlibSync(d),
    inflateRaw: (d) => lib.inflateSync(d),
    unzip: (d) => lib.decompressSync(d),
  };
  const headers: Record<string, ((b: Uint8Array) => boolean) | null> = {
    gunzip: hasGzipMagic,
    inflate: hasZlibHeader,
    inflateRaw: null,
    unzip: (b) => hasGzipMagic(b) || hasZlibHeader(b),
  };
  function run(name: string, data: Uint8Array, opts: unknown): GuestBuffer {
    if (name === 'unzip' && data.length >= 2 && !hasGzipMagic(data) && !hasZlibHeader(data)) throw zlibError('incorrect header check', Z_DATA_ERROR);
    try {
      const out = codecs[name]!(data, opts);
      return new Buffer(out.buffer, out.byteOffset, out.byteLength); // no copy
    } catch (e) {
      if (e && typeof (e as FflateError).code === 'number' && Object.prototype.hasOwnProperty.call(headers, name)) {
        throw translate(e as FflateError, data, headers[name]!);
      }
      throw e;
    }
  }
  const mod: Record<string, unknown> = { constants };
  for (const k of Object.keys(constants)) mod[k] = constants[k];
  for (const name of Object.keys(codecs)) {
    mod[name + 'Sync'] = { [name + 'Sync']: (data: unknown, opts?: unknown) => run(name, input(data, 'buffer'), opts) }[name + 'Sync'];
    mod[name] = {
      [name]: (data: unknown, opts: unknown, callback?: unknown) => {
        const cb = typeof opts === 'function' ? opts : callback;
        if (typeof cb !== 'function') {
          throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "callback" argument must be of type function. Received ' + deps.receivedText(cb));
        }
        const bytes = input(data, 'chunk');
        let result: GuestBuffer | null = null;
        let error: unknown = null;
        try {
          result = run(name, bytes, typeof opts === 'function' ? undefined : opts);
        } catch (e) {
          error = e;
        }
        deps.setImmediate(() => (error ? cb(error) : cb(null, result)));
      },
    }[name];
  }
  for (const name of ['brotliCompressSync', 'brotliDecompressSync', 'brotliCompress', 'brotliDecompress', 'createBrotliCompress', 'createBrotliDecompress']) {
    mod[name] = function () {
      throw new Error('zlib.' + name + '() is not available in the Lambda Triage simulator: no pure-JavaScript Brotli library is bundled (gzip and deflate work).');
    };
  }
  return mod;
}
