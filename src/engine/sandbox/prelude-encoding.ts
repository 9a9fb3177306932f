/**
 * Runtime part `encoding` (prelude-parts.ts): the globals `Buffer`, `TextEncoder`, `TextDecoder`, `btoa` and
 * `atob`, with UTF-8 and base64 written out in JavaScript (QuickJS has neither). The runtime evaluates this part
 * the first time one of those globals is read, or a module needs `Buffer` (the `buffer` built-in, `fs`, `stream`,
 * …). A subset of Node's `Buffer` (https://nodejs.org/api/buffer.html): `from` (utf8, base64, base64url, hex,
 * latin1/binary/ascii, arrays, ArrayBuffers, `{ type: 'Buffer', data }`), `alloc`, `allocUnsafe`, `isBuffer`,
 * `byteLength`, `concat`, `toString(encoding, start, end)`, `toJSON`, `equals`; other encodings and `write`
 * throw the simulator's "not available" error. Lone surrogates encode as U+FFFD, as in Node.
 *
 * Guest source: the function's text runs inside QuickJS (guest code, see builtins/guest-api.ts), so the body is
 * self-contained and uses no class fields, optional chaining or object spread. The types are for the host
 * compiler only.
 */

/** What the runtime hands the `encoding` part. */
export interface EncodingPartDeps {
  /** The runtime's `Uint8Array` (the one that asks the host before it allocates): Buffer's base class. */
  Uint8Array: Uint8ArrayConstructor;
  /** The simulator's "X is not available in the Lambda Triage simulator …" error. */
  notAvailable: (what: string) => Error;
  /** Node's coded error: `err.code` and `Name [CODE]: message` as the stack's first line. */
  nodeError: (ctor: ErrorConstructor, code: string, message: string) => Error;
  /** How Node names a wrong argument after "Received". */
  receivedText: (value: unknown) => string;
}

/** The `encoding` part: the globals it provides, by name. */
export interface EncodingPart {
  Buffer: unknown;
  TextEncoder: unknown;
  TextDecoder: unknown;
  btoa: (s: unknown) => string;
  atob: (s: unknown) => string;
}

/** Guest source of the `encoding` part. */
export function createEncodingPart(deps: EncodingPartDeps): EncodingPart {
  'use strict';
  const { notAvailable, nodeError, receivedText } = deps;
  // Statics of its own (from, alloc, …): the base is typed without Uint8Array's static side.
  const BufferBase = deps.Uint8Array as unknown as new (...args: any[]) => Uint8Array;
  function utf8Encode(str: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }
  function utf8Decode(bytes: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i] as number;
      let c: number;
      let n = 0;
      if (b < 0x80) c = b;
      else if (b >= 0xc0 && b < 0xe0) (c = b & 31), (n = 1);
      else if (b >= 0xe0 && b < 0xf0) (c = b & 15), (n = 2);
      else if (b >= 0xf0 && b < 0xf8) (c = b & 7), (n = 3);
      else c = 0xfffd;
      i++;
      for (let k = 0; k < n; k++, i++) c = i < bytes.length ? (c << 6) | ((bytes[i] as number) & 63) : 0xfffd;
      s += String.fromCodePoint(c > 0x10ffff ? 0xfffd : c);
    }
    return s;
  }
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function b64Encode(bytes: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      s += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
    }
    return s;
  }
  function b64Decode(str: unknown): number[] {
    const clean = String(str).replace(/[^A-Za-z0-9+/\-_]/g, '');
    const out: number[] = [];
    let buf = 0;
    let bits = 0;
    for (const ch of clean) {
      const v = ch === '-' ? 62 : ch === '_' ? 63 : B64.indexOf(ch);
      buf = (buf << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((buf >> bits) & 255);
      }
    }
    return out;
  }
  class Buffer extends BufferBase {
    static from(value: any, enc?: string): Buffer {
      if (typeof value === 'string') {
        const e = (enc || 'utf8').toLowerCase();
        let bytes: number[];
        if (e === 'utf8' || e === 'utf-8') bytes = utf8Encode(value);
        else if (e === 'base64' || e === 'base64url') bytes = b64Decode(value);
        else if (e === 'hex') {
          bytes = [];
          for (let i = 0; i + 1 < value.length; i += 2) {
            const b = parseInt(value.slice(i, i + 2), 16);
            if (isNaN(b)) break;
            bytes.push(b);
          }
        } else if (e === 'latin1' || e === 'binary' || e === 'ascii') bytes = Array.from(value, (c: string) => c.charCodeAt(0) & 255);
        else throw notAvailable('Buffer encoding ' + JSON.stringify(enc));
        const b = new Buffer(bytes.length);
        b.set(bytes);
        return b;
      }
      if (value instanceof ArrayBuffer) return new Buffer(value);
      if (value && typeof value.length === 'number') {
        const b = new Buffer(value.length);
        for (let i = 0; i < value.length; i++) b[i] = value[i];
        return b;
      }
      if (value && value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      throw nodeError(
        TypeError,
        'ERR_INVALID_ARG_TYPE',
        'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received ' + receivedText(value),
      );
    }
    static alloc(n: number, fill?: unknown): Buffer {
      const b = new Buffer(n);
      if (fill !== undefined) b.fill(typeof fill === 'number' ? fill : 0);
      return b;
    }
    static allocUnsafe(n: number): Buffer {
      return new Buffer(n);
    }
    static isBuffer(v: unknown): boolean {
      return v instanceof Buffer;
    }
    static byteLength(v: any, enc?: string): number {
      return typeof v === 'string' ? Buffer.from(v, enc).length : v.byteLength;
    }
    static concat(list: readonly Uint8Array[], total?: number): Buffer {
      const len = total !== undefined ? total : list.reduce((a, b) => a + b.length, 0);
      const out = new Buffer(len);
      let off = 0;
      for (const b of list) {
        out.set(b.subarray(0, Math.max(0, len - off)), off);
        off += b.length;
        if (off >= len) break;
      }
      return out;
    }
    override toString(enc?: string, start?: number, end?: number): string {
      const view = this.subarray(start || 0, end === undefined ? this.length : end);
      const e = (enc || 'utf8').toLowerCase();
      if (e === 'utf8' || e === 'utf-8') return utf8Decode(view);
      if (e === 'base64') return b64Encode(view);
      if (e === 'base64url') return b64Encode(view).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      if (e === 'hex') return Array.from(view, (b) => b.toString(16).padStart(2, '0')).join('');
      if (e === 'latin1' || e === 'binary' || e === 'ascii') return Array.from(view, (b) => String.fromCharCode(b)).join('');
      throw notAvailable('Buffer encoding ' + JSON.stringify(enc));
    }
    toJSON(): { type: 'Buffer'; data: number[] } {
      return { type: 'Buffer', data: Array.from(this) };
    }
    equals(o: ArrayLike<number>): boolean {
      return this.length === o.length && this.every((b, i) => b === o[i]);
    }
    write(): never {
      throw notAvailable('Buffer.prototype.write');
    }
  }
  // Node defines Buffer's statics as plain functions (`Buffer.from = function from(…)`, lib/buffer.js in
  // nodejs/node), so `new Buffer.from("x")` works there; class methods are not constructors.
  for (const k of ['from', 'alloc', 'allocUnsafe', 'isBuffer', 'byteLength', 'concat']) {
    const m = (Buffer as unknown as Record<string, (...a: unknown[]) => unknown>)[k] as (...a: unknown[]) => unknown;
    Object.defineProperty(Buffer, k, { value: { [k]: function (...a: unknown[]) { return m.apply(Buffer, a); } }[k], writable: true, enumerable: true, configurable: true });
  }
  class TextEncoder {
    get encoding(): string {
      return 'utf-8';
    }
    encode(s: unknown = ''): Uint8Array {
      return new Uint8Array(utf8Encode(String(s)));
    }
  }
  class TextDecoder {
    get encoding(): string {
      return 'utf-8';
    }
    decode(b?: ArrayBuffer | ArrayLike<number>): string {
      if (b === undefined) return '';
      return utf8Decode(b instanceof ArrayBuffer ? new Uint8Array(b) : b);
    }
  }
  // Assigned, not declared, so the functions stay anonymous (`btoa.name` is '' as before this became a part).
  const part = { Buffer, TextEncoder, TextDecoder } as EncodingPart;
  part.btoa = (s) => b64Encode(Array.from(String(s), (c) => c.charCodeAt(0) & 255));
  part.atob = (s) => b64Decode(s).map((b) => String.fromCharCode(b)).join('');
  return part;
}
