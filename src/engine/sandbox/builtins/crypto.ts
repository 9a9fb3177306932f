import type { GuestBuffer, GuestDeps } from './guest-api.ts';

/** A running hash of @noble/hashes (`sha256.create()`, `hmac.create(sha256, key)`). */
interface NobleHash {
  update(data: Uint8Array): NobleHash;
  digest(): Uint8Array;
  clone(): NobleHash;
}
/** A hash function of @noble/hashes. */
interface NobleHashFn {
  create(): NobleHash;
}
/** The parts of @noble/hashes bundled for the guest (scripts/build-guest-libs.mjs). */
export interface NobleHashes {
  md5: NobleHashFn;
  sha1: NobleHashFn;
  sha224: NobleHashFn;
  sha256: NobleHashFn;
  sha384: NobleHashFn;
  sha512: NobleHashFn;
  hmac: { create(hash: NobleHashFn, key: Uint8Array): NobleHash };
  pbkdf2(hash: NobleHashFn, password: Uint8Array, salt: Uint8Array, opts: { c: number; dkLen: number }): Uint8Array;
}

/**
 * Guest source: Node's `crypto` module in the sandbox (runs inside QuickJS; see guest-api.ts).
 * Hashes and HMAC come from @noble/hashes; random bytes come from the sandbox's seeded generator, so a
 * run is reproducible. Behaviour and messages follow Node 22 (nodejs/node lib/internal/crypto/hash.js,
 * lib/internal/crypto/random.js, lib/internal/errors.js), checked against node v22.23.3:
 * `createHash('nope')` → `Error: Digest method not supported`; a second `digest()` or an `update()`
 * after it → `Error [ERR_CRYPTO_HASH_FINALIZED]: Digest already called`; `createHmac('nope')` →
 * `TypeError [ERR_CRYPTO_INVALID_DIGEST]: Invalid digest: nope`; `timingSafeEqual` on different
 * lengths → `RangeError: Input buffers must have the same byte length` (code
 * ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH, no code in the stack header: it comes from C++).
 * Not simulated (each throws the simulator's "not available" error): ciphers, signatures, key pairs,
 * scrypt, and `subtle`.
 */
export function createCryptoModule(deps: GuestDeps, lib: NobleHashes): Record<string, unknown> {
  'use strict';
  const Buffer = deps.Buffer;
  const HASHES: Record<string, NobleHashFn> = {
    md5: lib.md5,
    sha1: lib.sha1,
    sha224: lib.sha224,
    sha256: lib.sha256,
    sha384: lib.sha384,
    sha512: lib.sha512,
  };
  // OpenSSL accepts names in any case and with a dash (`SHA256`, `sha-256`).
  function hashFn(name: unknown): NobleHashFn | null {
    const key = String(name).toLowerCase().replace(/^sha-/, 'sha');
    return Object.prototype.hasOwnProperty.call(HASHES, key) ? HASHES[key]! : null;
  }
  function isBinary(v: unknown): v is ArrayBufferView {
    return ArrayBuffer.isView(v);
  }
  function bytesOf(v: ArrayBufferView): Uint8Array {
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }
  function dataBytes(data: unknown, encoding: unknown, argName: string): Uint8Array {
    if (typeof data === 'string') return Buffer.from(data, typeof encoding === 'string' ? encoding : 'utf8');
    if (isBinary(data)) return bytesOf(data);
    throw deps.nodeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      'The "' + argName + '" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ' + deps.receivedText(data),
    );
  }
  function keyBytes(key: unknown): Uint8Array {
    if (typeof key === 'string') return Buffer.from(key, 'utf8');
    if (isBinary(key)) return bytesOf(key);
    if (key instanceof ArrayBuffer) return new Uint8Array(key);
    throw deps.nodeError(
      TypeError,
      'ERR_INVALID_ARG_TYPE',
      'The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received ' + deps.receivedText(key),
    );
  }
  function output(bytes: Uint8Array, encoding: unknown): GuestBuffer | string {
    const b = new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return encoding === undefined || encoding === 'buffer' ? b : b.toString(String(encoding));
  }
  function finalized(): Error {
    return deps.nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
  }

  class Hash {
    declare _state: NobleHash;
    declare _done: boolean;
    constructor(state: NobleHash) {
      this._state = state;
      this._done = false;
    }
    update(data: unknown, encoding?: unknown): this {
      if (this._done) throw finalized();
      this._state.update(dataBytes(data, encoding, 'data'));
      return this;
    }
    digest(encoding?: unknown): GuestBuffer | string {
      if (this._done) throw finalized();
      this._done = true;
      return output(this._state.digest(), encoding);
    }
    copy(): Hash {
      if (this._done) throw finalized();
      return new Hash(this._state.clone());
    }
  }
  class Hmac extends Hash {}

  function createHash(algorithm: unknown): Hash {
    const h = hashFn(algorithm);
    if (!h) throw new Error('Digest method not supported');
    return new Hash(h.create());
  }
  function createHmac(algorithm: unknown, key: unknown): Hmac {
    const h = hashFn(algorithm);
    if (!h) throw deps.nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + String(algorithm));
    return new Hmac(lib.hmac.create(h, keyBytes(key)));
  }
  function hash(algorithm: unknown, data: unknown, encoding?: unknown): GuestBuffer | string {
    return createHash(algorithm).update(data).digest(encoding === undefined ? 'hex' : encoding);
  }

  function timingSafeEqual(a: unknown, b: unknown): boolean {
    const check = (v: unknown, name: string): Uint8Array => {
      if (isBinary(v)) return bytesOf(v);
      if (v instanceof ArrayBuffer) return new Uint8Array(v);
      const e = new TypeError('The "' + name + '" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.') as TypeError & { code: string };
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    };
    const x = check(a, 'buf1');
    const y = check(b, 'buf2');
    if (x.byteLength !== y.byteLength) {
      const e = new RangeError('Input buffers must have the same byte length') as RangeError & { code: string };
      e.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
      throw e;
    }
    let diff = 0;
    for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
    return diff === 0;
  }

  // lib/internal/crypto/random.js: kMaxLength for randomBytes is 2 ** 31 - 1.
  const MAX_RANDOM_BYTES = 2147483647;
  function fill(bytes: Uint8Array): Uint8Array {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(deps.random() * 256);
    return bytes;
  }
  function randomBytes(size: unknown, callback?: unknown): GuestBuffer | undefined {
    if (typeof size !== 'number') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "size" argument must be of type number. Received ' + deps.receivedText(size));
    }
    if (!(size >= 0 && size <= MAX_RANDOM_BYTES)) {
      throw deps.nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "size" is out of range. It must be >= 0 && <= ' + MAX_RANDOM_BYTES + '. Received ' + String(size));
    }
    if (callback !== undefined && typeof callback !== 'function') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "callback" argument must be of type function. Received ' + deps.receivedText(callback));
    }
    const buf = Buffer.alloc(Math.floor(size));
    fill(buf);
    if (typeof callback === 'function') {
      deps.setImmediate(() => (callback as (e: null, b: GuestBuffer) => void)(null, buf));
      return undefined;
    }
    return buf;
  }
  function randomInt(min: number, max?: unknown, callback?: unknown): number | undefined {
    let lo = 0;
    let hi = min;
    let cb = max;
    if (typeof max === 'number') {
      lo = min;
      hi = max;
      cb = callback;
    }
    const n = lo + Math.floor(deps.random() * (hi - lo));
    if (typeof cb === 'function') {
      deps.setImmediate(() => (cb as (e: null, n: number) => void)(null, n));
      return undefined;
    }
    return n;
  }
  // Web Crypto's limit (https://w3c.github.io/webcrypto/#Crypto-method-getRandomValues): 65,536 bytes.
  const MAX_RANDOM_VALUES_BYTES = 65536;
  function getRandomValues<T extends ArrayBufferView>(array: T): T {
    if (!isBinary(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
      const e = new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'Integer-typed ArrayBufferView'.");
      e.name = 'TypeMismatchError';
      throw e;
    }
    if (array.byteLength > MAX_RANDOM_VALUES_BYTES) {
      const e = new Error('The requested length exceeds 65,536 bytes');
      e.name = 'QuotaExceededError';
      throw e;
    }
    fill(bytesOf(array));
    return array;
  }
  function randomUUID(): string {
    const b = fill(new Uint8Array(16));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function pbkdf2Sync(password: unknown, salt: unknown, iterations: number, keylen: number, digest: unknown): GuestBuffer {
    const h = hashFn(digest);
    if (!h) throw deps.nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + String(digest));
    return Buffer.from(lib.pbkdf2(h, keyBytes(password), keyBytes(salt), { c: iterations, dkLen: keylen }));
  }
  function pbkdf2(password: unknown, salt: unknown, iterations: number, keylen: number, digest: unknown, callback: unknown): void {
    const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
    deps.setImmediate(() => (callback as (e: null, k: GuestBuffer) => void)(null, key));
  }

  const unavailable = (name: string) =>
    function () {
      throw deps.notAvailable('crypto.' + name + '()');
    };
  const webcrypto = {
    getRandomValues,
    randomUUID,
    subtle: new Proxy({}, { get: (_t, k) => () => deps.Promise.reject(deps.notAvailable('crypto.subtle.' + String(k))) }),
  };
  const mod: Record<string, unknown> = {
    createHash,
    createHmac,
    hash,
    Hash,
    Hmac,
    timingSafeEqual,
    randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync: (buf: ArrayBufferView) => (fill(bytesOf(buf)), buf),
    randomInt,
    randomUUID,
    getRandomValues,
    getHashes: () => Object.keys(HASHES),
    pbkdf2Sync,
    pbkdf2,
    webcrypto,
    subtle: webcrypto.subtle,
  };
  for (const name of ['createCipheriv', 'createDecipheriv', 'createSign', 'createVerify', 'generateKeyPair', 'generateKeyPairSync', 'scrypt', 'scryptSync', 'createPrivateKey', 'createPublicKey', 'publicEncrypt', 'privateDecrypt', 'sign', 'verify']) {
    mod[name] = unavailable(name);
  }
  return mod;
}
