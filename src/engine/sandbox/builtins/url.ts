import type { GuestDeps } from './guest-api.ts';

/** The fields of the runtime's WHATWG `URL` that this module reads. */
interface GuestURL {
  href: string;
  protocol: string;
  hostname: string;
  pathname: string;
}

/**
 * Guest source: what the sandbox's `url` module adds to URL and URLSearchParams (runs inside QuickJS;
 * see guest-api.ts): `domainToASCII` and `domainToUnicode`. Labels are lower-cased and non-ASCII labels
 * get Punycode (RFC 3492) with the `xn--` prefix; an invalid domain gives '' as in Node
 * (https://nodejs.org/api/url.html#urldomaintoasciidomain; node v22.23.3: 'español.com' →
 * 'xn--espaol-zwa.com', 'xn--iñvalid.com' → ''). Full UTS #46 mapping (NFC, width folding) is not done.
 * Also the legacy `url.parse` / `url.format` / `Url` (simplified: no host-name validation or escaping of
 * unsafe characters, no `url.resolve`) and `fileURLToPath` / `pathToFileURL` (POSIX paths; a relative
 * path resolves against /var/task, the function's working directory).
 */
export function createUrlExtras(deps: GuestDeps): Record<string, unknown> {
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
  // ---- the legacy API (https://nodejs.org/api/url.html#legacy-url-api), still used by serverless-http,
  // express's parseurl and many others: url.parse, url.format, and Url objects.
  // the runtime's WHATWG URL class (a global; the engine's compiler has no DOM types)
  const WhatwgURL = (globalThis as unknown as { URL: new (input: string, base?: string) => GuestURL }).URL;
  const SLASHED = ['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:'];
  const qs = (): { parse: (s: string) => unknown; stringify: (o: unknown) => string } => deps.loadBuiltin('querystring');
  class Url {
    declare protocol: string | null;
    declare slashes: boolean | null;
    declare auth: string | null;
    declare host: string | null;
    declare port: string | null;
    declare hostname: string | null;
    declare hash: string | null;
    declare search: string | null;
    declare query: unknown;
    declare pathname: string | null;
    declare path: string | null;
    declare href: string;
    constructor() {
      this.protocol = null;
      this.slashes = null;
      this.auth = null;
      this.host = null;
      this.port = null;
      this.hostname = null;
      this.hash = null;
      this.search = null;
      this.query = null;
      this.pathname = null;
      this.path = null;
      this.href = '';
    }
    format(): string {
      return format(this);
    }
  }
  function parse(str: unknown, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url {
    if (str instanceof Url) return str;
    if (typeof str !== 'string') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "url" argument must be of type string. Received ' + deps.receivedText(str));
    }
    const u = new Url();
    let rest = str.trim().replace(/\\/g, '/');
    const hashAt = rest.indexOf('#');
    if (hashAt >= 0) {
      u.hash = rest.slice(hashAt);
      rest = rest.slice(0, hashAt);
    }
    const queryAt = rest.indexOf('?');
    if (queryAt >= 0) {
      u.search = rest.slice(queryAt);
      u.query = rest.slice(queryAt + 1);
      rest = rest.slice(0, queryAt);
    } else if (parseQueryString) {
      u.search = '';
      u.query = '';
    }
    if (parseQueryString) u.query = qs().parse(u.query as string);
    const proto = /^[a-z][a-z0-9.+-]*:/i.exec(rest);
    if (proto) {
      u.protocol = proto[0].toLowerCase();
      rest = rest.slice(proto[0].length);
    }
    if ((proto || slashesDenoteHost) && rest.startsWith('//') && u.protocol !== 'javascript:') {
      u.slashes = true;
      rest = rest.slice(2);
      const end = rest.search(/[/]/);
      let hostPart = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end);
      const at = hostPart.lastIndexOf('@');
      if (at >= 0) {
        u.auth = decodeURIComponent(hostPart.slice(0, at));
        hostPart = hostPart.slice(at + 1);
      }
      const port = /:(\d*)$/.exec(hostPart);
      if (port) {
        if (port[1]) u.port = port[1];
        hostPart = hostPart.slice(0, port.index);
      }
      u.hostname = hostPart.replace(/^\[(.*)\]$/, '$1').toLowerCase();
      u.host = (hostPart.startsWith('[') ? '[' + u.hostname + ']' : u.hostname) + (u.port ? ':' + u.port : '');
    }
    // a host with a web protocol and no path has the path '/' (node v22.23.3: url.parse('http://a.com').pathname)
    u.pathname = rest || (u.slashes && u.protocol && SLASHED.includes(u.protocol) ? '/' : null);
    u.path = u.pathname !== null || u.search !== null ? (u.pathname || '') + (u.search || '') : null;
    u.href = format(u);
    return u;
  }
  function format(obj: unknown, _options?: unknown): string {
    if (typeof obj === 'string') obj = parse(obj);
    else if (obj === null || typeof obj !== 'object') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "urlObject" argument must be one of type object or string. Received ' + deps.receivedText(obj));
    } else if (typeof WhatwgURL === 'function' && obj instanceof WhatwgURL) return obj.href;
    const o = obj as Record<string, any>;
    let auth = o['auth'] ? encodeURIComponent(String(o['auth'])).replace(/%3A/i, ':') + '@' : '';
    let protocol = o['protocol'] ? String(o['protocol']) : '';
    let pathname = o['pathname'] ? String(o['pathname']) : '';
    let hash = o['hash'] ? String(o['hash']) : '';
    let host = '';
    if (o['host']) host = auth + String(o['host']);
    else if (o['hostname']) {
      const h = String(o['hostname']);
      host = auth + (h.includes(':') && !h.startsWith('[') ? '[' + h + ']' : h) + (o['port'] ? ':' + String(o['port']) : '');
    }
    auth = '';
    const query = o['query'] !== null && typeof o['query'] === 'object' ? qs().stringify(o['query']) : '';
    let search = o['search'] ? String(o['search']) : query ? '?' + query : '';
    if (protocol && !protocol.endsWith(':')) protocol += ':';
    pathname = pathname.replace(/[?#]/g, (c) => encodeURIComponent(c));
    search = search.replace(/#/g, '%23');
    if (o['slashes'] || SLASHED.includes(protocol)) {
      if (o['slashes'] || host) {
        if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
        host = '//' + host;
      } else if (protocol === 'file:') host = '//';
    }
    if (search && search[0] !== '?') search = '?' + search;
    if (hash && hash[0] !== '#') hash = '#' + hash;
    return protocol + host + pathname + search + hash;
  }
  // https://nodejs.org/api/url.html#urlfileurltopathurl-options and #urlpathtofileurlpath-options (POSIX)
  function fileURLToPath(url: unknown): string {
    const u = typeof url === 'string' ? new WhatwgURL(url) : (url as GuestURL);
    if (!u || typeof u !== 'object' || typeof u.protocol !== 'string') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "path" argument must be of type string or an instance of URL. Received ' + deps.receivedText(url));
    }
    if (u.protocol !== 'file:') throw deps.nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    if (u.hostname !== '') throw deps.nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
    if (/%2f/i.test(u.pathname)) throw deps.nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    return decodeURIComponent(u.pathname);
  }
  function pathToFileURL(path: unknown): GuestURL {
    const p = String(path);
    const abs = p.startsWith('/') ? p : '/var/task/' + p;
    return new WhatwgURL('file://' + abs.split('/').map((seg) => encodeURIComponent(seg)).join('/'));
  }
  return { domainToASCII, domainToUnicode, parse, format, Url, fileURLToPath, pathToFileURL };
}
