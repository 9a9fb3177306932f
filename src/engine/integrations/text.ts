/**
 * Small text helpers for the front doors. The engine has no TextEncoder, Buffer or btoa (its
 * tsconfig has neither DOM nor Node types), so byte counting and id derivation are done by hand.
 */

export { utf8ByteLength } from '../text/utf8.ts';

/** Number of bytes encoded by base64 `text` (padding-aware; whitespace ignored). */
export function base64DecodedLength(text: string): number {
  const clean = text.replace(/[\s]/g, '');
  if (clean.length === 0) return 0;
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

/** Is `text` syntactically base64 (standard alphabet, optional padding)? */
export function isBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.replace(/=+$/, '').length % 4 !== 1;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * API Gateway's `requestTime` / `time`: `dd/MMM/yyyy:HH:mm:ss +0000`, e.g. `12/Mar/2020:19:03:58 +0000`.
 * Source: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? 'Jan'}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} +0000`;
}

/** ISO-8601 UTC with microseconds, as ALB access logs print times (`2018-11-30T22:23:00.186641Z`). */
export function formatAlbTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // 2018-11-30T22:23:00.186Z
  return `${iso.slice(0, -1)}000Z`;
}

/** `Mon Oct 14 14:08:49 UTC 2019`, the timestamp API Gateway's test console prints before each log line. */
export function formatConsoleTime(epochMs: number): string {
  const d = new Date(epochMs);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return `${days[d.getUTCDay()] ?? 'Sun'} ${MONTHS[d.getUTCMonth()] ?? 'Jan'} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** RFC 7231 date, as in the `Date` response header. */
export function formatHttpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

/** A 32-bit FNV-1a hash of `text`; used to derive stable fake ids from the request id. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A deterministic id of `length` characters drawn from `alphabet`, derived from `seed`. Same seed, same
 * id, on every machine (no randomness, no clock).
 */
export function deriveId(seed: string, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  let out = '';
  let state = hash32(seed) || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length] ?? 'a';
  }
  return out;
}

/** Percent-encode a query component the way a browser would for `application/x-www-form-urlencoded`-free URLs. */
export function encodeQueryComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Safe `JSON.parse`: `{ ok: true, value }` or `{ ok: false }` — never throws. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A short, single-line preview of `text` for log lines and messages. */
export function preview(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** `typeof`, but telling arrays and null apart; used in friendly messages ("you returned an array"). */
export function describeType(value: unknown): 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'undefined' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'object' || t === 'string' || t === 'number' || t === 'boolean' || t === 'undefined') return t;
  return 'other';
}

/** Is `value` a plain JSON object (not null, not an array)? */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
