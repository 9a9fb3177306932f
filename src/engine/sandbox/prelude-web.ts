// @ts-nocheck -- this function is never called on the host: its source text (Function.prototype.toString)
// is evaluated inside QuickJS next to prelude-runtime.ts. Keep it plain modern JavaScript.
/**
 * Web platform globals of Node 22 that handlers use to talk to other services: `DOMException`,
 * `AbortController`, `AbortSignal` (`abort()`, `timeout()`, `any()`), `Headers`, `Response` and `fetch`.
 *
 * `fetch` reaches simulated HTTP dependencies through the host service `http` (see
 * `src/engine/aws/world.ts`); every wait runs on the virtual clock. Without host services `fetch`
 * rejects with the simulator's "not available" error, as before.
 *
 * Node behaviours encoded here (Node 22, undici):
 * - `controller.abort()` with no reason aborts with `DOMException [AbortError]: This operation was aborted`;
 *   `AbortSignal.timeout(ms)` aborts with `DOMException [TimeoutError]: The operation was aborted due to
 *   timeout` (nodejs/undici#2171 quotes that text) and its timer does not keep the process alive.
 * - `fetch` rejects with the signal's reason (undici PR nodejs/undici#1686 "add abort reason support").
 * - Network failures reject with `TypeError: fetch failed` whose `cause` is the system error
 *   (`getaddrinfo ENOTFOUND host`, errno -3008, syscall getaddrinfo — apsinghdev/opensox#10 capture).
 */
export function webSource(api) {
  'use strict';
  const { hostModule, util, Buffer, URL } = api;
  const SimPromise = api.Promise;

  // ---------------------------------------------------------------- DOMException
  const DOM_CODES = { AbortError: 20, TimeoutError: 23, InvalidStateError: 11, SyntaxError: 12, NotSupportedError: 9, DataCloneError: 25 };
  class DOMException extends Error {
    constructor(message = '', name = 'Error') {
      super(String(message));
      Object.defineProperty(this, 'name', { value: String(name), writable: true, configurable: true, enumerable: false });
      Object.defineProperty(this, 'code', { value: DOM_CODES[name] || 0, writable: true, configurable: true, enumerable: false });
    }
  }
  for (const [n, c] of Object.entries(DOM_CODES)) {
    const key = n.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase().replace('_ERROR', '_ERR');
    DOMException[key] = c;
  }

  // ---------------------------------------------------------------- Event, EventTarget (minimal)
  class Event {
    constructor(type) {
      this.type = String(type);
      this.target = null;
      this.defaultPrevented = false;
    }
    preventDefault() {
      this.defaultPrevented = true;
    }
  }
  const listenersOf = new WeakMap();
  class EventTarget {
    addEventListener(type, fn, opts) {
      if (typeof fn !== 'function' && !(fn && typeof fn.handleEvent === 'function')) return;
      if (!listenersOf.has(this)) listenersOf.set(this, []);
      const once = !!(opts && typeof opts === 'object' && opts.once);
      listenersOf.get(this).push({ type: String(type), fn, once });
    }
    removeEventListener(type, fn) {
      const l = listenersOf.get(this);
      if (!l) return;
      const i = l.findIndex((x) => x.type === String(type) && x.fn === fn);
      if (i >= 0) l.splice(i, 1);
    }
    dispatchEvent(event) {
      event.target = this;
      const l = (listenersOf.get(this) || []).filter((x) => x.type === event.type);
      const handler = this['on' + event.type];
      if (typeof handler === 'function') handler.call(this, event);
      for (const x of l) {
        if (x.once) this.removeEventListener(x.type, x.fn);
        if (typeof x.fn === 'function') x.fn.call(this, event);
        else x.fn.handleEvent(event);
      }
      return !event.defaultPrevented;
    }
  }

  // ---------------------------------------------------------------- AbortSignal, AbortController
  const INTERNAL = Symbol('lambda-triage.abort');
  function abortReasonDefault() {
    return new DOMException('This operation was aborted', 'AbortError');
  }
  class AbortSignal extends EventTarget {
    constructor(key) {
      super();
      if (key !== INTERNAL) throw new TypeError('Illegal constructor');
      this._aborted = false;
      this._reason = undefined;
      this.onabort = null;
    }
    get aborted() {
      return this._aborted;
    }
    get reason() {
      return this._reason;
    }
    throwIfAborted() {
      if (this._aborted) throw this._reason;
    }
    static abort(reason) {
      const s = new AbortSignal(INTERNAL);
      s._aborted = true;
      s._reason = reason === undefined ? abortReasonDefault() : reason;
      return s;
    }
    static timeout(ms) {
      const s = new AbortSignal(INTERNAL);
      const delay = Number(ms);
      if (!(delay >= 0)) {
        const e = new RangeError('The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ' + util.inspect(ms));
        e.code = 'ERR_OUT_OF_RANGE';
        throw e;
      }
      // Node's timeout signal uses an unref'd timer: it never keeps the process alive by itself.
      hostModule.timer(delay, 'AbortSignal.timeout(' + delay + ')', () => abortSignal(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), false);
      return s;
    }
    static any(signals) {
      const s = new AbortSignal(INTERNAL);
      for (const x of signals) {
        if (x.aborted) {
          s._aborted = true;
          s._reason = x.reason;
          return s;
        }
      }
      for (const x of signals) x.addEventListener('abort', () => abortSignal(s, x.reason), { once: true });
      return s;
    }
  }
  function abortSignal(s, reason) {
    if (s._aborted) return;
    s._aborted = true;
    s._reason = reason === undefined ? abortReasonDefault() : reason;
    s.dispatchEvent(new Event('abort'));
  }
  class AbortController {
    constructor() {
      this._signal = new AbortSignal(INTERNAL);
    }
    get signal() {
      return this._signal;
    }
    abort(reason) {
      abortSignal(this._signal, reason);
    }
  }

  // ---------------------------------------------------------------- Headers, Response
  class Headers {
    constructor(init) {
      this._map = new Map();
      if (init instanceof Headers) for (const [k, v] of init) this.append(k, v);
      else if (Array.isArray(init)) for (const [k, v] of init) this.append(k, v);
      else if (init && typeof init === 'object') for (const k of Object.keys(init)) this.append(k, init[k]);
    }
    append(k, v) {
      const key = String(k).toLowerCase();
      const prev = this._map.get(key);
      this._map.set(key, prev === undefined ? String(v) : prev + ', ' + String(v));
    }
    set(k, v) {
      this._map.set(String(k).toLowerCase(), String(v));
    }
    get(k) {
      const v = this._map.get(String(k).toLowerCase());
      return v === undefined ? null : v;
    }
    has(k) {
      return this._map.has(String(k).toLowerCase());
    }
    delete(k) {
      this._map.delete(String(k).toLowerCase());
    }
    forEach(fn, thisArg) {
      for (const [k, v] of this) fn.call(thisArg, v, k, this);
    }
    *entries() {
      const keys = Array.from(this._map.keys()).sort();
      for (const k of keys) yield [k, this._map.get(k)];
    }
    *keys() {
      for (const [k] of this.entries()) yield k;
    }
    *values() {
      for (const [, v] of this.entries()) yield v;
    }
    [Symbol.iterator]() {
      return this.entries();
    }
  }
  const STATUS_TEXT = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  class Response {
    constructor(body, init) {
      const i = init || {};
      this.status = i.status === undefined ? 200 : Number(i.status);
      this.statusText = i.statusText === undefined ? STATUS_TEXT[this.status] || '' : String(i.statusText);
      this.headers = i.headers instanceof Headers ? i.headers : new Headers(i.headers);
      this.url = i.url || '';
      this.redirected = false;
      this.type = 'basic';
      this._body = body === undefined || body === null ? '' : typeof body === 'string' ? body : String(body);
      this._used = false;
    }
    get ok() {
      return this.status >= 200 && this.status <= 299;
    }
    get bodyUsed() {
      return this._used;
    }
    _consume() {
      if (this._used) return SimPromise.reject(new TypeError('Body is unusable: Body has already been read'));
      this._used = true;
      return SimPromise.resolve(this._body);
    }
    text() {
      return this._consume();
    }
    json() {
      return this._consume().then((t) => JSON.parse(t));
    }
    arrayBuffer() {
      return this._consume().then((t) => {
        const b = Buffer.from(t, 'utf8');
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
      });
    }
    bytes() {
      return this._consume().then((t) => new Uint8Array(Buffer.from(t, 'utf8')));
    }
    clone() {
      if (this._used) throw new TypeError('Response.clone: Body has already been consumed.');
      return new Response(this._body, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers), url: this.url });
    }
    static json(data, init) {
      const h = new Headers((init && init.headers) || {});
      if (!h.has('content-type')) h.set('content-type', 'application/json');
      return new Response(JSON.stringify(data), Object.assign({}, init, { headers: h }));
    }
  }

  // ---------------------------------------------------------------- fetch
  function systemError(e) {
    const err = new Error(e.message);
    for (const k of ['code', 'errno', 'syscall', 'hostname', 'address', 'port']) if (e[k] !== undefined) err[k] = e[k];
    return err;
  }
  function bodyText(body) {
    if (body === undefined || body === null) return null;
    if (typeof body === 'string') return body;
    if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
    if (body instanceof ArrayBuffer) return Buffer.from(new Uint8Array(body)).toString('utf8');
    return String(body);
  }
  function fetch(input, init) {
    if (!hostModule.hasServices()) return SimPromise.reject(api.notAvailable('fetch()'));
    const opts = init || {};
    let url;
    try {
      url = new URL(typeof input === 'string' ? input : input && input.url ? input.url : String(input));
    } catch (_e) {
      // undici: TypeError: Failed to parse URL from <input>
      return SimPromise.reject(new TypeError('Failed to parse URL from ' + String(input)));
    }
    const method = String(opts.method || (input && input.method) || 'GET').toUpperCase();
    const signal = opts.signal || (input && input.signal) || null;
    if (signal && signal.aborted) return SimPromise.reject(signal.reason);
    const headers = {};
    for (const [k, v] of new Headers(opts.headers)) headers[k] = v;
    const r = hostModule.callSync('http', {
      method,
      url: url.href,
      host: url.hostname,
      path: url.pathname,
      query: url.search,
      headers,
      body: bodyText(opts.body),
    });
    const label = 'fetch ' + method + ' ' + url.origin + url.pathname + (r.hang ? ' still waiting for a response' : ' in flight');
    return new SimPromise((resolve, reject) => {
      let onAbort = null;
      const cancel = hostModule.timer(r.hang ? -1 : r.latencyMs || 0, label, () => {
        if (signal && onAbort) signal.removeEventListener('abort', onAbort);
        if (r.error) {
          const cause = r.error.cause ? systemError(r.error.cause) : undefined;
          const e = new TypeError(r.error.message || 'fetch failed', cause ? { cause } : undefined);
          if (cause && e.cause === undefined) e.cause = cause;
          reject(e);
          return;
        }
        const res = r.result;
        resolve(new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers, url: url.href }));
      }, true);
      if (signal) {
        onAbort = () => {
          cancel();
          hostModule.callSync('http.abandon', { callId: r.callId, reason: signal.reason && signal.reason.name === 'TimeoutError' ? 'timeout-signal' : 'abort-signal' });
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  return { DOMException, Event, EventTarget, AbortController, AbortSignal, Headers, Response, fetch };
}
