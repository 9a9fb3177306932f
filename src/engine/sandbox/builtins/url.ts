import type { GuestDeps } from './guest-api.ts';

/**
 * Guest source: what the sandbox's `url` module adds to URL and URLSearchParams (runs inside QuickJS;
 * see guest-api.ts): `domainToASCII` and `domainToUnicode`. Labels are lower-cased and non-ASCII labels
 * get Punycode (RFC 3492) with the `xn--` prefix; an invalid domain gives '' as in Node
 * (https://nodejs.org/api/url.html#urldomaintoasciidomain; node v22.23.3: 'español.com' →
 * 'xn--espaol-zwa.com', 'xn--iñvalid.com' → ''). Full UTS #46 mapping (NFC, width folding) is not done.
 */
export function createUrlExtras(_deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const BASE = 36;
  const T_MIN = 1;
  const T_MAX = 26;
  const SKEW = 38;
  const DAMP = 700;
  const INITIAL_BIAS = 72;
  const INITIAL_N = 128;
  function adapt(delta: number, points: number, first: boolean): number {
    let d = first ? Math.floor(delta / DAMP) : delta >> 1;
    d += Math.floor(d / points);
    let k = 0;
    while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
      d = Math.floor(d / (BASE - T_MIN));
      k += BASE;
    }
    return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
  }
  const digit = (d: number): string => String.fromCharCode(d < 26 ? d + 97 : d + 22);
  function encode(label: string): string {
    const cps = Array.from(label, (c) => c.codePointAt(0)!);
    let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
    const basic = out.length;
    let handled = basic;
    if (basic > 0) out += '-';
    let n = INITIAL_N;
    let delta = 0;
    let bias = INITIAL_BIAS;
    while (handled < cps.length) {
      let m = Infinity;
      for (const c of cps) if (c >= n && c < m) m = c;
      delta += (m - n) * (handled + 1);
      n = m;
      for (const c of cps) {
        if (c < n) delta++;
        if (c === n) {
          let q = delta;
          for (let k = BASE; ; k += BASE) {
            const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
            if (q < t) break;
            out += digit(t + ((q - t) % (BASE - t)));
            q = Math.floor((q - t) / (BASE - t));
          }
          out += digit(q);
          bias = adapt(delta, handled + 1, handled === basic);
          delta = 0;
          handled++;
        }
      }
      delta++;
      n++;
    }
    return out;
  }
  function decode(input: string): string | null {
    const cps: number[] = [];
    const dash = input.lastIndexOf('-');
    for (let i = 0; i < Math.max(0, dash); i++) cps.push(input.charCodeAt(i));
    let n = INITIAL_N;
    let bias = INITIAL_BIAS;
    let i = 0;
    for (let pos = dash > 0 ? dash + 1 : 0; pos < input.length; ) {
      const old = i;
      for (let w = 1, k = BASE; ; k += BASE) {
        if (pos >= input.length) return null;
        const c = input.charCodeAt(pos++);
        const d = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : BASE;
        if (d >= BASE) return null;
        i += d * w;
        const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (d < t) break;
        w *= BASE - t;
      }
      bias = adapt(i - old, cps.length + 1, old === 0);
      n += Math.floor(i / (cps.length + 1));
      i %= cps.length + 1;
      cps.splice(i++, 0, n);
    }
    return String.fromCodePoint(...cps);
  }
  // Characters a host name may not contain (WHATWG URL "forbidden domain code point").
  const FORBIDDEN = /[\u0000-\u0020#%/:<>?@[\\\]^|\u007f]/;
  function domainToASCII(domain: unknown): string {
    const labels = String(domain).toLowerCase().split('.');
    const out: string[] = [];
    for (const label of labels) {
      if (FORBIDDEN.test(label)) return '';
      if (label.startsWith('xn--')) {
        if (/[^\x00-\x7f]/.test(label) || decode(label.slice(4)) === null) return '';
        out.push(label);
      } else out.push(/[^\x00-\x7f]/.test(label) ? 'xn--' + encode(label) : label);
    }
    return out.join('.');
  }
  function domainToUnicode(domain: unknown): string {
    const ascii = domainToASCII(domain);
    if (ascii === '' && String(domain) !== '') return '';
    return ascii
      .split('.')
      .map((l) => (l.startsWith('xn--') ? decode(l.slice(4)) || l : l))
      .join('.');
  }
  return { domainToASCII, domainToUnicode };
}
