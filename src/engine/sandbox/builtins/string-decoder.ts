import type { GuestBuffer, GuestDeps } from './guest-api.ts';

/**
 * Guest source: Node's `string_decoder` (runs inside QuickJS; see guest-api.ts). `write()` keeps the
 * bytes of a UTF-8 (or UTF-16LE) character split across chunks until the rest arrives, and base64
 * keeps a partial 3-byte group; `end()` flushes what is left, an incomplete UTF-8 character as U+FFFD
 * (nodejs/node lib/string_decoder.js; checked on node v22.23.3: `write(e2 82)` → '', `write(ac)` → '€',
 * `end(e2)` → '\ufffd').
 */
export function createStringDecoderModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const Buffer = deps.Buffer;
  const ALIASES: Record<string, string> = { 'utf-8': 'utf8', utf8: 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', 'utf-16le': 'utf16le', utf16le: 'utf16le', binary: 'latin1' };
  const KNOWN = ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex'];
  function normalize(enc: unknown): string {
    if (enc === undefined || enc === null || enc === '') return 'utf8';
    const e = String(enc).toLowerCase();
    const n = ALIASES[e] || e;
    if (KNOWN.indexOf(n) < 0) {
      throw deps.nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + String(enc));
    }
    return n;
  }
  // How many bytes at the end of `b` start a UTF-8 character that is not complete yet.
  function utf8Incomplete(b: Uint8Array): number {
    for (let back = 1; back <= Math.min(3, b.length); back++) {
      const c = b[b.length - back]!;
      if ((c & 0xc0) === 0x80) continue; // continuation byte
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }
  function decodeUtf16(b: Uint8Array): string {
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b[i]! | (b[i + 1]! << 8));
    return s;
  }
  class StringDecoder {
    declare encoding: string;
    declare _pending: Uint8Array;
    constructor(encoding?: unknown) {
      this.encoding = normalize(encoding);
      this._pending = new Uint8Array(0);
    }
    _decode(b: Uint8Array): string {
      if (this.encoding === 'utf16le') return decodeUtf16(b);
      return (Buffer.from(b) as GuestBuffer).toString(this.encoding);
    }
    write(chunk: unknown): string {
      if (typeof chunk === 'string') return chunk;
      if (!ArrayBuffer.isView(chunk)) {
        throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received ' + deps.receivedText(chunk));
      }
      const incoming = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const all = Buffer.concat([this._pending, incoming]);
      let keep = 0;
      if (this.encoding === 'utf8') keep = utf8Incomplete(all);
      else if (this.encoding === 'utf16le') keep = all.length % 2;
      else if (this.encoding === 'base64' || this.encoding === 'base64url') keep = all.length % 3;
      this._pending = all.slice(all.length - keep);
      return this._decode(all.subarray(0, all.length - keep));
    }
    end(chunk?: unknown): string {
      let s = chunk === undefined ? '' : this.write(chunk);
      if (this._pending.length > 0) {
        s += this.encoding === 'utf8' ? '\ufffd' : this._decode(this._pending);
        this._pending = new Uint8Array(0);
      }
      return s;
    }
  }
  return { StringDecoder };
}
