import type { GuestDeps } from './guest-api.ts';

/** Options of `querystring.parse` this module honours. */
interface ParseOptions {
  maxKeys?: number;
  decodeURIComponent?: (s: string) => string;
}

/**
 * Guest source: Node's `querystring` (runs inside QuickJS; see guest-api.ts), as documented at
 * https://nodejs.org/api/querystring.html: `parse(str, sep = '&', eq = '=', { maxKeys = 1000,
 * decodeURIComponent })` gives an object without prototype whose repeated keys hold arrays, with `+` read
 * as a space and malformed escapes kept as they are; `stringify(obj, sep, eq, { encodeURIComponent })`
 * writes strings, finite numbers, bigints and booleans (anything else as an empty value) and arrays as
 * repeated keys; `escape`/`unescape`, and `decode`/`encode` as aliases of parse/stringify.
 */
export function createQuerystringModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  // Node's default maxKeys (https://nodejs.org/api/querystring.html#querystringparsestr-sep-eq-options)
  const DEFAULT_MAX_KEYS = 1000;
  function unescape(s: string): string {
    try {
      return decodeURIComponent(s);
    } catch {
      // Node falls back to a byte-wise decoder (querystring.unescapeBuffer): valid escapes become bytes,
      // malformed ones stay as text, and the bytes are read as UTF-8 (invalid sequences → U+FFFD)
      return unescapeBuffer(s).toString('utf8');
    }
  }
  function unescapeBuffer(s: string): { toString(enc: string): string } {
    const bytes: number[] = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        const cp = s.codePointAt(i)!;
        if (cp > 0xffff) i++;
        for (const b of deps.Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(b);
      }
    }
    return deps.Buffer.from(bytes);
  }
  function escape(s: unknown): string {
    return encodeURIComponent(typeof s === 'string' ? s : String(s));
  }
  function parse(str: unknown, sep?: string, eq?: string, options?: ParseOptions): Record<string, string | string[]> {
    const out = Object.create(null) as Record<string, string | string[]>;
    if (typeof str !== 'string' || str.length === 0) return out;
    const s = sep || '&';
    const e = eq || '=';
    const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : DEFAULT_MAX_KEYS;
    const decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : unescape;
    let pairs = str.split(s);
    if (maxKeys > 0 && pairs.length > maxKeys) pairs = pairs.slice(0, maxKeys);
    for (const pair of pairs) {
      if (pair === '') continue;
      const at = pair.indexOf(e);
      const rawKey = at >= 0 ? pair.slice(0, at) : pair;
      const rawValue = at >= 0 ? pair.slice(at + e.length) : '';
      const key = decode(rawKey.replace(/\+/g, ' '));
      const value = decode(rawValue.replace(/\+/g, ' '));
      const prev = out[key];
      if (prev === undefined) out[key] = value;
      else if (Array.isArray(prev)) prev.push(value);
      else out[key] = [prev, value];
    }
    return out;
  }
  function primitive(v: unknown): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && isFinite(v)) return String(v);
    if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
    return '';
  }
  function stringify(obj: unknown, sep?: string, eq?: string, options?: { encodeURIComponent?: (s: string) => string }): string {
    if (obj === null || typeof obj !== 'object') return '';
    const s = sep || '&';
    const e = eq || '=';
    const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : escape;
    const parts: string[] = [];
    for (const k of Object.keys(obj)) {
      const v = (obj as Record<string, unknown>)[k];
      const key = encode(primitive(k)) + e;
      if (Array.isArray(v)) for (const item of v) parts.push(key + encode(primitive(item)));
      else parts.push(key + encode(primitive(v)));
    }
    return parts.join(s);
  }
  return { parse, stringify, decode: parse, encode: stringify, escape, unescape, unescapeBuffer };
}
