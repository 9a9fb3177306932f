import type { GuestDeps, GuestEmitter } from './guest-api.ts';

/** A socket as the in-memory message classes use it (serverless-http passes a plain object or a PassThrough). */
interface MessageSocket {
  writable?: boolean;
  _httpMessage?: unknown;
  write(data: unknown, encoding?: unknown, cb?: unknown): unknown;
  on?: (event: string, fn: (...args: unknown[]) => void) => unknown;
  resume?: () => unknown;
  destroy?: (err?: unknown) => unknown;
}

/** A write held until a socket is assigned (Node's `outputData` entries). */
interface PendingWrite {
  data: unknown;
  encoding: unknown;
  callback: unknown;
}

/**
 * Guest source: Node's `http` and `https` modules without a network (runs inside QuickJS; see guest-api.ts).
 * Frameworks that turn a Lambda event into a request (serverless-http, @vendia/serverless-express, …) drive
 * `IncomingMessage` and `ServerResponse` in memory, so those are real, subclassable classes that follow
 * Node's documented behaviour (https://nodejs.org/api/http.html#class-httpincomingmessage,
 * https://nodejs.org/api/http.html#class-httpserverresponse, https://nodejs.org/api/http.html#class-httpoutgoingmessage):
 * `setHeader`/`getHeader`/`getHeaders`/`removeHeader` keyed case-insensitively, `writeHead` (merging into
 * headers set before, and not recorded when none were), `headersSent`, `write`/`end` handing the status
 * line and header block, then the body, to the assigned socket, `'finish'` after `end`. `STATUS_CODES` and
 * `METHODS` are Node 22.23's (https://nodejs.org/api/http.html#httpstatus_codes, https://nodejs.org/api/http.html#httpmethods).
 * Anything that needs a socket (`request`, `get`, `createServer().listen`, `new ClientRequest`) throws
 * `ERR_LAMBDA_TRIAGE_NO_NETWORK` naming the package that called it (a simulator code, not Node's).
 * Simplified: no `Date`, `Content-Length` or `Transfer-Encoding` in the generated header block, no chunked
 * framing, no trailers, no back-pressure.
 */
export function createHttpModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const Buffer = deps.Buffer;
  const stream = deps.loadBuiltin('stream') as { Stream: new () => GuestEmitter; Readable: new (opts?: unknown) => GuestEmitter };
  const Emitter = deps.EventEmitter as unknown as new () => GuestEmitter;

  // node v22.23.3: require('http').STATUS_CODES (https://nodejs.org/api/http.html#httpstatus_codes)
  const STATUS_CODES: Record<string, string> = {
    100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created',
    202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content',
    207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
    302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
    405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
    409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
    414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
    418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency',
    425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
    431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error',
    501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
    505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected',
    509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
  };
  // node v22.23.3: require('http').METHODS (https://nodejs.org/api/http.html#httpmethods)
  const METHODS: string[] = [
    'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
    'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE',
    'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK',
    'UNSUBSCRIBE',
  ];
  // Node's http.maxHeaderSize default, 16 KiB (https://nodejs.org/api/http.html#httpmaxheadersize)
  const MAX_HEADER_SIZE_BYTES = 16384;

  /** The simulator's error for anything that needs a real socket. */
  function noNetwork(what: string): Error {
    const who = deps.callerText();
    const e = new Error(
      who +
        ' called ' + what + ', which needs the network: the Lambda Triage sandbox has no network. Run the function with the Node runner (--runner node) to make real requests.',
    ) as Error & { code: string };
    e.code = 'ERR_LAMBDA_TRIAGE_NO_NETWORK';
    return e;
  }
  const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
  function checkHeaderName(name: unknown): string {
    if (typeof name !== 'string' || !name || !TOKEN.test(name)) {
      throw deps.nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Header name must be a valid HTTP token ["' + String(name) + '"]');
    }
    return name;
  }
  function checkHeaderValue(name: string, value: unknown): void {
    if (value === undefined) throw deps.nodeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "undefined" for header "' + name + '"');
    if (/[^\t\x20-\x7e\x80-\xff]/.test(String(value))) throw deps.nodeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in header content ["' + name + '"]');
  }
  function headersSentError(what: string): Error {
    return deps.nodeError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot ' + what + ' headers after they are sent to the client');
  }

  class OutgoingMessage extends stream.Stream {
    declare outputData: PendingWrite[];
    declare outputSize: number;
    declare writable: boolean;
    declare destroyed: boolean;
    declare chunkedEncoding: boolean;
    declare useChunkedEncodingByDefault: boolean;
    declare sendDate: boolean;
    declare shouldKeepAlive: boolean;
    declare finished: boolean;
    declare socket: MessageSocket | null;
    declare _header: string | null;
    declare _headerSent: boolean;
    declare _hasBody: boolean;
    declare _contentLength: number | null;
    /** Node's kOutHeaders: lower-case name → [name as set, value]; null until the first setHeader. */
    declare _outHeaders: Record<string, [string, unknown]> | null;
    declare _writableFinished: boolean;
    constructor() {
      super();
      this.outputData = [];
      this.outputSize = 0;
      this.writable = true;
      this.destroyed = false;
      this.chunkedEncoding = false;
      this.useChunkedEncodingByDefault = true;
      this.sendDate = false;
      this.shouldKeepAlive = true;
      this.finished = false;
      this.socket = null;
      this._header = null;
      this._headerSent = false;
      this._hasBody = true;
      this._contentLength = null;
      this._outHeaders = null;
      this._writableFinished = false;
    }
    get connection(): MessageSocket | null {
      return this.socket;
    }
    get headersSent(): boolean {
      return !!this._header;
    }
    get writableEnded(): boolean {
      return this.finished;
    }
    get writableFinished(): boolean {
      return this._writableFinished;
    }
    setHeader(name: string, value: unknown): this {
      if (this._header) throw headersSentError('set');
      checkHeaderName(name);
      checkHeaderValue(name, value);
      if (!this._outHeaders) this._outHeaders = Object.create(null) as Record<string, [string, unknown]>;
      this._outHeaders[name.toLowerCase()] = [name, value];
      return this;
    }
    appendHeader(name: string, value: unknown): this {
      const prev = this.getHeader(name);
      if (prev === undefined) return this.setHeader(name, value);
      const list = ([] as unknown[]).concat(prev, value);
      return this.setHeader(name, list);
    }
    getHeader(name: string): unknown {
      const h = this._outHeaders && this._outHeaders[String(name).toLowerCase()];
      return h ? h[1] : undefined;
    }
    getHeaders(): Record<string, unknown> {
      const out = Object.create(null) as Record<string, unknown>;
      if (this._outHeaders) for (const k of Object.keys(this._outHeaders)) out[k] = this._outHeaders[k]![1];
      return out;
    }
    getHeaderNames(): string[] {
      return this._outHeaders ? Object.keys(this._outHeaders) : [];
    }
    getRawHeaderNames(): string[] {
      return this._outHeaders ? Object.keys(this._outHeaders).map((k) => this._outHeaders![k]![0]) : [];
    }
    hasHeader(name: string): boolean {
      return !!this._outHeaders && Object.prototype.hasOwnProperty.call(this._outHeaders, String(name).toLowerCase());
    }
    removeHeader(name: string): void {
      if (this._header) throw headersSentError('remove');
      if (this._outHeaders) delete this._outHeaders[String(name).toLowerCase()];
    }
    setTimeout(_ms: number, cb?: () => void): this {
      if (cb) this.on('timeout', cb);
      return this;
    }
    _implicitHeader(): void {
      throw deps.nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _implicitHeader() method is not implemented');
    }
    /** Builds the status line and header block (`this._header`), as Node's `_storeHeader`. */
    _storeHeader(firstLine: string, headers: Record<string, [string, unknown]> | null): void {
      let block = firstLine;
      if (headers) {
        for (const k of Object.keys(headers)) {
          const [name, value] = headers[k]!;
          for (const v of Array.isArray(value) ? value : [value]) block += name + ': ' + String(v) + '\r\n';
        }
      }
      this._header = block + '\r\n';
      this._headerSent = false;
    }
    flushHeaders(): void {
      if (!this._header) this._implicitHeader();
      this._send('');
    }
    write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
      if (typeof encoding === 'function') {
        cb = encoding;
        encoding = null;
      }
      if (this.finished) {
        const err = deps.nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
        deps.nextTick(() => {
          if (typeof cb === 'function') (cb as (e: Error) => void)(err);
          this.emit('error', err);
        });
        return false;
      }
      if (chunk === null) throw deps.nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
      if (!this._header) this._implicitHeader();
      if (!this._hasBody) return true;
      return this._send(chunk, encoding, cb);
    }
    _send(data: unknown, encoding?: unknown, cb?: unknown): boolean {
      if (!this._headerSent && this._header !== null) {
        // Node sends the header block before (or joined to) the first body chunk.
        this._writeRaw(this._header, 'latin1', null);
        this._headerSent = true;
      }
      if (data === '' && typeof cb !== 'function') return true;
      return this._writeRaw(data, encoding, cb);
    }
    _writeRaw(data: unknown, encoding: unknown, cb: unknown): boolean {
      const conn = this.socket;
      if (conn && conn._httpMessage === this && conn.writable !== false) {
        this._flushOutput(conn);
        return conn.write(data, encoding, cb) !== false;
      }
      this.outputData.push({ data, encoding, callback: cb });
      this.outputSize += typeof data === 'string' ? data.length : (data as Uint8Array).length || 0;
      return false;
    }
    _flushOutput(conn: MessageSocket): void {
      const pending = this.outputData;
      this.outputData = [];
      this.outputSize = 0;
      for (const w of pending) conn.write(w.data, w.encoding, w.callback);
    }
    _flush(): void {
      if (this.socket && this.socket.writable !== false) this._flushOutput(this.socket);
    }
    end(chunk?: unknown, encoding?: unknown, cb?: unknown): this {
      if (typeof chunk === 'function') {
        cb = chunk;
        chunk = null;
        encoding = null;
      } else if (typeof encoding === 'function') {
        cb = encoding;
        encoding = null;
      }
      if (this.finished) {
        if (typeof cb === 'function') deps.nextTick(cb as () => void);
        return this;
      }
      if (chunk !== null && chunk !== undefined) {
        if (!this._header) this._contentLength = typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding as string) : (chunk as Uint8Array).length;
        this.write(chunk, encoding);
      }
      if (!this._header) {
        this._contentLength = 0;
        this._implicitHeader();
      }
      if (typeof cb === 'function') this.once('finish', cb as () => void);
      if (!this._headerSent) this._send('');
      this.finished = true;
      this.writable = false;
      deps.nextTick(() => {
        this._writableFinished = true;
        this.emit('prefinish');
        this.emit('finish');
      });
      return this;
    }
    destroy(err?: unknown): this {
      if (this.destroyed) return this;
      this.destroyed = true;
      if (this.socket && typeof this.socket.destroy === 'function') this.socket.destroy(err);
      deps.nextTick(() => {
        if (err) this.emit('error', err);
        this.emit('close');
      });
      return this;
    }
  }

  class ServerResponse extends OutgoingMessage {
    declare req: { method?: string; httpVersionMajor?: number } | null;
    declare statusCode: number;
    declare statusMessage: string | undefined;
    constructor(req?: { method?: string } | null, _options?: unknown) {
      super();
      this.req = req || null;
      if (req && req.method === 'HEAD') this._hasBody = false;
      this.sendDate = true;
      this.statusCode = 200;
      this.statusMessage = undefined;
    }
    assignSocket(socket: MessageSocket): void {
      if (socket._httpMessage) throw deps.nodeError(Error, 'ERR_HTTP_SOCKET_ASSIGNED', 'Socket already assigned');
      socket._httpMessage = this;
      this.socket = socket;
      this.emit('socket', socket);
      this._flush();
    }
    detachSocket(socket: MessageSocket): void {
      socket._httpMessage = null;
      this.socket = null;
    }
    override _implicitHeader(): void {
      this.writeHead(this.statusCode);
    }
    writeHead(statusCode: number, reason?: unknown, obj?: unknown): this {
      if (this._header) throw headersSentError('write');
      let headers = obj;
      if (typeof reason === 'string') this.statusMessage = reason;
      else {
        if (!this.statusMessage) this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
        headers = headers || reason;
      }
      const code = Number(statusCode) | 0;
      if (code < 100 || code > 999) throw deps.nodeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', 'Invalid status code: ' + String(statusCode));
      this.statusCode = code;
      let list: Record<string, [string, unknown]> | null = this._outHeaders;
      if (headers && typeof headers === 'object') {
        const pairs: Array<[string, unknown]> = [];
        if (Array.isArray(headers)) {
          for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([headers[i], headers[i + 1]]);
        } else {
          for (const k of Object.keys(headers)) pairs.push([k, (headers as Record<string, unknown>)[k]]);
        }
        if (this._outHeaders) {
          // headers set before are kept; writeHead's win (Node: "merged with any headers passed to setHeader")
          for (const [k, v] of pairs) if (v !== undefined) this.setHeader(k, v);
          list = this._outHeaders;
        } else {
          // with no setHeader before, Node writes these without recording them (getHeader stays undefined)
          list = Object.create(null) as Record<string, [string, unknown]>;
          for (const [k, v] of pairs) {
            checkHeaderName(k);
            checkHeaderValue(k, v);
            list[k.toLowerCase()] = [k, v];
          }
        }
      }
      if (code === 204 || code === 304 || (code >= 100 && code <= 199)) this._hasBody = false;
      this._storeHeader('HTTP/1.1 ' + code + ' ' + this.statusMessage + '\r\n', list);
      return this;
    }
    writeContinue(cb?: () => void): void {
      this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
    }
    writeProcessing(cb?: () => void): void {
      this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
    }
    writeEarlyHints(_hints: unknown, cb?: () => void): void {
      if (typeof cb === 'function') cb();
    }
  }

  class IncomingMessage extends stream.Readable {
    declare socket: MessageSocket | null;
    declare httpVersionMajor: number | null;
    declare httpVersionMinor: number | null;
    declare httpVersion: string | null;
    declare complete: boolean;
    declare headers: Record<string, unknown>;
    declare headersDistinct: Record<string, unknown>;
    declare rawHeaders: string[];
    declare trailers: Record<string, unknown>;
    declare rawTrailers: string[];
    declare aborted: boolean;
    declare upgrade: boolean | null;
    declare url: string;
    declare method: string | null;
    declare statusCode: number | null;
    declare statusMessage: string | null;
    constructor(socket?: MessageSocket | null) {
      super();
      this.socket = socket || null;
      this.httpVersionMajor = null;
      this.httpVersionMinor = null;
      this.httpVersion = null;
      this.complete = false;
      this.headers = {};
      this.rawHeaders = [];
      this.trailers = {};
      this.rawTrailers = [];
      this.aborted = false;
      this.upgrade = null;
      this.url = '';
      this.method = null;
      this.statusCode = null;
      this.statusMessage = null;
    }
    get connection(): MessageSocket | null {
      return this.socket;
    }
    _read(_n: number): void {
      // Node resumes the socket, whose parser pushes the body; with no parser the body never comes.
      if (this.socket && typeof this.socket.resume === 'function') this.socket.resume();
    }
    setTimeout(_ms: number, cb?: () => void): this {
      if (cb) this.on('timeout', cb);
      return this;
    }
  }

  class Agent extends Emitter {
    declare options: Record<string, unknown>;
    declare defaultPort: number;
    declare protocol: string;
    declare keepAlive: boolean;
    declare maxSockets: number;
    declare maxFreeSockets: number;
    declare maxTotalSockets: number;
    declare requests: Record<string, unknown>;
    declare sockets: Record<string, unknown>;
    declare freeSockets: Record<string, unknown>;
    constructor(options?: Record<string, unknown>) {
      super();
      const o = options || {};
      this.options = Object.assign({ path: null }, o);
      this.defaultPort = 80;
      this.protocol = 'http:';
      this.keepAlive = !!o['keepAlive'];
      this.maxSockets = (o['maxSockets'] as number) || Infinity;
      this.maxFreeSockets = (o['maxFreeSockets'] as number) || 256;
      this.maxTotalSockets = (o['maxTotalSockets'] as number) || Infinity;
      this.requests = Object.create(null) as Record<string, unknown>;
      this.sockets = Object.create(null) as Record<string, unknown>;
      this.freeSockets = Object.create(null) as Record<string, unknown>;
    }
    createConnection(): never {
      throw noNetwork('http.Agent.createConnection()');
    }
    destroy(): void {}
  }

  class Server extends Emitter {
    constructor(_options?: unknown, requestListener?: (...args: unknown[]) => void) {
      super();
      const listener = typeof _options === 'function' ? _options : requestListener;
      if (typeof listener === 'function') this.on('request', listener as (...args: unknown[]) => void);
    }
    listen(): never {
      throw noNetwork('server.listen()');
    }
    close(cb?: (err?: Error) => void): this {
      if (typeof cb === 'function') deps.nextTick(cb as () => void);
      return this;
    }
    address(): null {
      return null;
    }
    setTimeout(): this {
      return this;
    }
  }

  class ClientRequest extends OutgoingMessage {
    constructor() {
      super();
      throw noNetwork('new http.ClientRequest()');
    }
  }

  const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
  const mod: Record<string, unknown> = {
    STATUS_CODES,
    METHODS,
    maxHeaderSize: MAX_HEADER_SIZE_BYTES,
    IncomingMessage,
    OutgoingMessage,
    ServerResponse,
    ClientRequest,
    Agent,
    Server,
    globalAgent,
    createServer: (options?: unknown, listener?: (...args: unknown[]) => void) => new Server(options, listener),
    request: () => {
      throw noNetwork('http.request()');
    },
    get: () => {
      throw noNetwork('http.get()');
    },
    validateHeaderName: (name: unknown) => void checkHeaderName(name),
    validateHeaderValue: (name: string, value: unknown) => checkHeaderValue(name, value),
    setMaxIdleHTTPParsers: () => undefined,
  };
  // The `https` module (builtins/index.ts): its own request/get names and an Agent on port 443; not enumerable,
  // so it is no export of `http`.
  Object.defineProperty(mod, '_https', {
    value: () => {
      class HttpsAgent extends Agent {
        constructor(options?: Record<string, unknown>) {
          super(options);
          this.defaultPort = 443;
          this.protocol = 'https:';
        }
      }
      return {
        Agent: HttpsAgent,
        Server,
        globalAgent: new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 }),
        createServer: (options?: unknown, listener?: (...args: unknown[]) => void) => new Server(options, listener),
        request: () => {
          throw noNetwork('https.request()');
        },
        get: () => {
          throw noNetwork('https.get()');
        },
      };
    },
  });
  return mod;
}
