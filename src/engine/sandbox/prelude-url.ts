/**
 * Runtime part `url` (prelude-parts.ts): the globals `URL` and `URLSearchParams`, a subset of the WHATWG classes
 * (https://nodejs.org/api/url.html#the-whatwg-url-api): an absolute URL with scheme, user info, host, port, path,
 * query and fragment, or a path relative to a base; the query as an ordered list of pairs, `+` read as a space
 * and written for one. The runtime evaluates this part the first time either global is read, or `url` is
 * required. Not modelled: IDNA, percent-encoding of the path, opaque URLs (`mailto:`), `URL.canParse`.
 *
 * Guest source: the function's text runs inside QuickJS (guest code, see builtins/guest-api.ts), so the body is
 * self-contained and uses no class fields, optional chaining or object spread. The types are for the host
 * compiler only.
 */

/** The `url` part: the two classes the runtime installs as globals. */
export interface UrlPart {
  URL: new (input: unknown, base?: unknown) => object;
  URLSearchParams: new (init?: unknown) => object;
}

/** Guest source of the `url` part; it needs nothing from the runtime. */
export function createUrlPart(): UrlPart {
  'use strict';
  class URLSearchParams {
    declare _list: Array<[string, string]>;
    constructor(init?: unknown) {
      this._list = [];
      if (typeof init === 'string') {
        for (const part of init.replace(/^\?/, '').split('&')) {
          if (!part) continue;
          const i = part.indexOf('=');
          const dec = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
          this._list.push(i < 0 ? [dec(part), ''] : [dec(part.slice(0, i)), dec(part.slice(i + 1))]);
        }
      } else if (init && typeof init === 'object') {
        for (const [k, v] of Array.isArray(init) ? (init as Array<[unknown, unknown]>) : Object.entries(init)) this._list.push([String(k), String(v)]);
      }
    }
    get(k: string): string | null {
      const e = this._list.find((p) => p[0] === k);
      return e ? e[1] : null;
    }
    getAll(k: string): string[] {
      return this._list.filter((p) => p[0] === k).map((p) => p[1]);
    }
    has(k: string): boolean {
      return this._list.some((p) => p[0] === k);
    }
    set(k: string, v: unknown): void {
      this.delete(k);
      this._list.push([String(k), String(v)]);
    }
    append(k: string, v: unknown): void {
      this._list.push([String(k), String(v)]);
    }
    delete(k: string): void {
      this._list = this._list.filter((p) => p[0] !== k);
    }
    entries(): Iterator<[string, string]> {
      return this._list.map((p): [string, string] => [p[0], p[1]])[Symbol.iterator]();
    }
    keys(): Iterator<string> {
      return this._list.map((p) => p[0])[Symbol.iterator]();
    }
    values(): Iterator<string> {
      return this._list.map((p) => p[1])[Symbol.iterator]();
    }
    forEach(fn: (value: string, key: string, params: URLSearchParams) => void): void {
      for (const [k, v] of this._list) fn(v, k, this);
    }
    [Symbol.iterator](): Iterator<[string, string]> {
      return this.entries();
    }
    toString(): string {
      const enc = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
      return this._list.map(([k, v]) => enc(k) + '=' + enc(v)).join('&');
    }
  }
  const URL_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*:)\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?#]*)(?::(\d+))?([^?#]*)(\?[^#]*)?(#.*)?$/;
  class URL {
    declare protocol: string;
    declare username: string;
    declare password: string;
    declare hostname: string;
    declare port: string;
    declare pathname: string;
    declare search: string;
    declare hash: string;
    declare searchParams: URLSearchParams;
    constructor(input: unknown, base?: unknown) {
      let s = String(input);
      if (base !== undefined && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s)) {
        const b = new URL(base);
        s = s.startsWith('/') ? b.origin + s : b.origin + b.pathname.replace(/[^/]*$/, '') + s;
      }
      const m = URL_RE.exec(s);
      if (!m) {
        const e = new TypeError('Invalid URL') as TypeError & { code: string; input: string };
        e.code = 'ERR_INVALID_URL';
        e.input = String(input);
        throw e;
      }
      this.protocol = (m[1] as string).toLowerCase();
      this.username = m[2] || '';
      this.password = m[3] || '';
      this.hostname = (m[4] as string).toLowerCase();
      this.port = m[5] || '';
      this.pathname = m[6] || '/';
      this.search = m[7] && m[7] !== '?' ? m[7] : '';
      this.hash = m[8] && m[8] !== '#' ? m[8] : '';
      this.searchParams = new URLSearchParams(this.search);
    }
    get host(): string {
      return this.hostname + (this.port ? ':' + this.port : '');
    }
    get origin(): string {
      return this.protocol + '//' + this.host;
    }
    get href(): string {
      const q = this.searchParams.toString();
      return this.origin + this.pathname + (q ? '?' + q : '') + this.hash;
    }
    toString(): string {
      return this.href;
    }
    toJSON(): string {
      return this.href;
    }
  }
  return { URL, URLSearchParams };
}
