// @ts-nocheck -- never called on the host: its source text is evaluated inside QuickJS as the CommonJS
// module `lambda-triage:aws-sdk-core`, shared by the simulated `@aws-sdk/*` packages. Plain JavaScript.
/**
 * The simulated AWS SDK for JavaScript v3 core: clients, commands, service exceptions, the standard
 * retry strategy, request timeouts and abort signals, all on the virtual clock. One attempt = one
 * host call `aws` (the host decides latency, result, error or hang and records the call).
 *
 * SDK behaviours encoded (sources):
 * - Default `maxAttempts` 3; backoff `floor(min(20000, random() * 2^retries * base))` with base 100 ms,
 *   500 ms for throttling errors (@smithy/util-retry constants DEFAULT_RETRY_DELAY_BASE,
 *   THROTTLING_RETRY_DELAY_BASE, MAXIMUM_RETRY_DELAY; npm @aws-sdk/util-retry README "default retry
 *   count is 3"). Exponent indexing of the first retry: UNVERIFIED.
 * - Retry quota: 500 tokens, 5 per retry, 10 per timeout retry, +1 per first-try success (constants
 *   INITIAL_RETRY_TOKENS, RETRY_COST, TIMEOUT_RETRY_COST, NO_RETRY_INCREMENT).
 * - Retryable: throttling codes or HTTP 429; transient names TimeoutError/RequestTimeout/
 *   RequestTimeoutException, Node codes ECONNRESET/ECONNREFUSED/EPIPE/ETIMEDOUT/ENOTFOUND, HTTP
 *   500/502/503/504 (@smithy/service-error-classification constants.ts, index.ts).
 * - NodeHttpHandler: socket errors with codes ECONNRESET/EPIPE/ETIMEDOUT are renamed TimeoutError;
 *   `requestTimeout` → `TimeoutError: Connection timed out after N ms` (set-socket-timeout.ts); with
 *   `throwOnRequestTimeout: true` (newer handler) → `@smithy/node-http-handler - [ERROR] a request has
 *   exceeded the configured N ms requestTimeout.` with code ETIMEDOUT (set-request-timeout.ts). Which
 *   handler version the Lambda runtime bundles: UNVERIFIED.
 * - `abortSignal` → `AbortError: Request aborted`, cause = the signal's reason when it is an Error
 *   (build-abort-error.ts); not retried.
 * - Errors: `name`, `message`, `$fault`, `$metadata { httpStatusCode, requestId, extendedRequestId,
 *   cfId, attempts, totalRetryDelay }` (shape seen in github-aws-runners/terraform-aws-github-runner#1279).
 */
export function awsSdkCore(hostModule, processEnv) {
  'use strict';
  const DEFAULT_MAX_ATTEMPTS = 3;
  const DEFAULT_RETRY_DELAY_BASE = 100;
  const THROTTLING_RETRY_DELAY_BASE = 500;
  const MAXIMUM_RETRY_DELAY = 20000;
  const INITIAL_RETRY_TOKENS = 500;
  const RETRY_COST = 5;
  const TIMEOUT_RETRY_COST = 10;
  const NO_RETRY_INCREMENT = 1;
  const THROTTLING_ERROR_CODES = ['BandwidthLimitExceeded', 'EC2ThrottledException', 'LimitExceededException', 'PriorRequestNotComplete', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'ThrottledException', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'TransactionInProgressException'];
  const TRANSIENT_ERROR_CODES = ['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'];
  const TRANSIENT_ERROR_STATUS_CODES = [500, 502, 503, 504];
  const NODEJS_TIMEOUT_ERROR_CODES = ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'];
  const NODEJS_NETWORK_ERROR_CODES = ['ENOTFOUND'];

  function isThrottling(e) {
    return (e.$metadata && e.$metadata.httpStatusCode === 429) || THROTTLING_ERROR_CODES.includes(e.name);
  }
  function isTransient(e, depth) {
    depth = depth || 0;
    return (
      TRANSIENT_ERROR_CODES.includes(e.name) ||
      NODEJS_TIMEOUT_ERROR_CODES.includes(e.code || '') ||
      NODEJS_NETWORK_ERROR_CODES.includes(e.code || '') ||
      TRANSIENT_ERROR_STATUS_CODES.includes((e.$metadata && e.$metadata.httpStatusCode) || 0) ||
      (e.cause !== undefined && e.cause !== null && depth <= 10 && typeof e.cause === 'object' && isTransient(e.cause, depth + 1))
    );
  }

  // ---------------------------------------------------------------- wire format
  function toWire(v) {
    if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
    if (v instanceof Set) return { $set: Array.from(v, toWire) };
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(toWire);
    if (v && typeof v === 'object') {
      if (typeof v.transformToString === 'function' && v.$b64 !== undefined) return { $bytes: v.$b64 };
      const o = {};
      for (const k of Object.keys(v)) if (v[k] !== undefined) o[k] = toWire(v[k]);
      return o;
    }
    return v;
  }
  function makeBody(b64) {
    let used = false;
    const take = () => {
      // A stream can be transformed once: ERR_MSG_STREAM_HAS_BEEN_TRANSFORMED in smithy-lang/smithy-typescript
      // packages/util-stream/src/sdk-stream-mixin.ts.
      if (used) throw new Error('The stream has already been transformed.');
      used = true;
      return Buffer.from(b64, 'base64');
    };
    return {
      $b64: b64,
      transformToString(encoding) {
        try {
          const enc = !encoding || encoding === 'utf-8' ? 'utf8' : encoding;
          return Promise.resolve(take().toString(enc));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      transformToByteArray() {
        try {
          return Promise.resolve(new Uint8Array(take()));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      transformToWebStream() {
        throw new Error('transformToWebStream() is not available in the Lambda Triage simulator: use transformToString() or transformToByteArray().');
      },
      [Symbol.asyncIterator]() {
        const bytes = take();
        let done = false;
        return {
          next() {
            if (done) return Promise.resolve({ done: true, value: undefined });
            done = true;
            return Promise.resolve({ done: false, value: new Uint8Array(bytes) });
          },
        };
      },
    };
  }
  // A blob output (Lambda Invoke Payload): SDK v3 returns a Uint8ArrayBlobAdapter, a Uint8Array with
  // transformToString(encoding = 'utf-8') (@smithy/util-stream blob/Uint8ArrayBlobAdapter.ts).
  function makeBlob(b64) {
    const u8 = new Uint8Array(Buffer.from(b64, 'base64'));
    Object.defineProperty(u8, 'transformToString', {
      value(encoding) {
        const enc = !encoding || encoding === 'utf-8' ? 'utf8' : encoding;
        return Buffer.from(u8).toString(enc);
      },
      enumerable: false,
    });
    return u8;
  }
  function fromWire(v) {
    if (Array.isArray(v)) return v.map(fromWire);
    if (v && typeof v === 'object') {
      if (typeof v.$bytes === 'string') return new Uint8Array(Buffer.from(v.$bytes, 'base64'));
      if (typeof v.$blob === 'string') return makeBlob(v.$blob);
      if (typeof v.$stream === 'string') return makeBody(v.$stream);
      if (typeof v.$date === 'string') return new Date(v.$date);
      const o = {};
      for (const k of Object.keys(v)) o[k] = fromWire(v[k]);
      return o;
    }
    return v;
  }

  // ---------------------------------------------------------------- exceptions
  /** Thrown when a call reaches a client or operation the simulator does not cover (never an AWS error). */
  class SimulatorUnsupportedOperation extends Error {
    constructor(message) {
      super(message);
      this.name = 'SimulatorUnsupportedOperation';
      this.$fault = 'client';
    }
  }
  class ServiceException extends Error {
    constructor(options) {
      super(options.message);
      Object.setPrototypeOf(this, new.target.prototype);
      this.name = options.name;
      this.$fault = options.$fault;
      this.$metadata = options.$metadata;
    }
  }
  function defineException(base, name) {
    const C = class extends base {
      constructor(opts) {
        super(Object.assign({ name, $fault: 'client' }, opts));
      }
    };
    Object.defineProperty(C, 'name', { value: name });
    return C;
  }

  // ---------------------------------------------------------------- NodeHttpHandler
  class NodeHttpHandler {
    constructor(options) {
      this.config = Object.assign({}, options || {});
      this.metadata = { handlerProtocol: 'http/1.1' };
    }
    static create(options) {
      return options instanceof NodeHttpHandler ? options : new NodeHttpHandler(options);
    }
    httpHandlerConfigs() {
      return this.config;
    }
    updateHttpClientConfig(key, value) {
      this.config[key] = value;
    }
    destroy() {}
  }

  // ---------------------------------------------------------------- client
  function makeServiceError(pkg, w, attempts, totalRetryDelay) {
    if (w.name === 'SimulatorUnsupportedOperation') {
      // The simulator's own error: not an AWS service exception, no HTTP status, never retried.
      const e = new SimulatorUnsupportedOperation(w.message);
      e.$metadata = { attempts, totalRetryDelay };
      return e;
    }
    const meta = { httpStatusCode: w.httpStatusCode, requestId: w.requestId, extendedRequestId: undefined, cfId: undefined, attempts, totalRetryDelay };
    if (w.code && w.syscall) {
      // Node system error from the socket; NodeHttpHandler renames timeout-like codes to TimeoutError.
      const e = new Error(w.message);
      for (const k of ['errno', 'code', 'syscall', 'address', 'port', 'hostname']) if (w[k] !== undefined) e[k] = w[k];
      if (['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(w.code)) e.name = 'TimeoutError';
      e.$metadata = { attempts, totalRetryDelay };
      return e;
    }
    const Cls = (pkg.exceptions && pkg.exceptions[w.name]) || pkg.ServiceException;
    const e = new Cls({ name: w.name, message: w.message, $fault: w.$fault, $metadata: meta });
    if (e.name !== w.name) e.name = w.name;
    // Modelled error members (e.g. DynamoDB CancellationReasons) are copied onto the exception, as the SDK does.
    for (const k of Object.keys(w)) if (/^[A-Z]/.test(k)) e[k] = fromWire(w[k]);
    return e;
  }

  function sleep(ms, label, signal) {
    return new Promise((resolve, reject) => {
      let onAbort = null;
      const cancel = hostModule.timer(ms, label, () => {
        if (signal && onAbort) signal.removeEventListener('abort', onAbort);
        resolve();
      }, true);
      if (signal) {
        onAbort = () => {
          cancel();
          reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }
  function abortError(signal) {
    const reason = signal && signal.reason;
    const e = new Error(reason && !(reason instanceof Error) ? String(reason) : 'Request aborted');
    e.name = 'AbortError';
    if (reason instanceof Error) e.cause = reason;
    return e;
  }

  function handlerOptions(rh) {
    if (!rh) return {};
    if (rh instanceof NodeHttpHandler) return rh.config;
    if (typeof rh === 'object') return rh;
    return {};
  }

  function defineClient(pkg, spec) {
    class Client {
      constructor(config) {
        const c = Object.assign({}, config || {});
        this.config = c;
        this.config.region = c.region || processEnv.AWS_REGION || processEnv.AWS_DEFAULT_REGION;
        this.config.maxAttempts = c.maxAttempts === undefined ? DEFAULT_MAX_ATTEMPTS : c.maxAttempts;
        this.config.requestHandler = c.requestHandler instanceof NodeHttpHandler ? c.requestHandler : new NodeHttpHandler(handlerOptions(c.requestHandler));
        // No credentials given: the default provider chain, which on Lambda finds the execution role's keys.
        if (this.config.credentials === undefined) this.config.credentials = defaultProvider();
        this._tokens = INITIAL_RETRY_TOKENS;
        this.middlewareStack = { add() {}, addRelativeTo() {}, use() {}, remove() {}, clone() { return this; } };
      }
      destroy() {}
      send(command, optionsOrCb, cb) {
        const callback = typeof optionsOrCb === 'function' ? optionsOrCb : cb;
        const options = typeof optionsOrCb === 'object' && optionsOrCb !== null ? optionsOrCb : {};
        const p = this._send(command, options);
        if (typeof callback === 'function') {
          // @smithy/smithy-client Client.send: `.then((result) => callback(null, result.output), (err) => callback(err))
          // .catch(() => {})`, so an error thrown inside the callback is swallowed, never an unhandled rejection.
          p.then((r) => callback(null, r), (e) => callback(e)).catch(() => {});
          return undefined;
        }
        return p;
      }
      async _send(command, options) {
        if (!command || command.$service !== spec.service) {
          throw new TypeError('Lambda Triage simulator: ' + spec.clientName + '.send() needs a command of ' + spec.packageName + ' (got ' + (command && command.constructor ? command.constructor.name : String(command)) + ').');
        }
        const signal = options.abortSignal;
        const maxAttempts = Math.max(1, Number(typeof this.config.maxAttempts === 'function' ? await this.config.maxAttempts() : this.config.maxAttempts) || 1);
        let attempts = 0;
        let totalRetryDelay = 0;
        let retries = 0;
        let lastCost = 0;
        for (;;) {
          attempts++;
          let out;
          let err;
          try {
            if (signal && signal.aborted) throw abortError(signal);
            out = await this._attempt(command, signal, attempts, totalRetryDelay);
          } catch (e) {
            err = e;
          }
          if (!err) {
            this._tokens = Math.min(INITIAL_RETRY_TOKENS, this._tokens + (retries === 0 ? NO_RETRY_INCREMENT : lastCost));
            out.$metadata.attempts = attempts;
            out.$metadata.totalRetryDelay = totalRetryDelay;
            return out;
          }
          if (err.$metadata) {
            err.$metadata.attempts = attempts;
            err.$metadata.totalRetryDelay = totalRetryDelay;
          }
          // A host on V8 (the Node runner) takes the stack again here, in the awaited call, so it carries the
          // handler's `at async …` frames as a real SDK error does; the error was made in a timer callback.
          if (hostModule.restack) hostModule.restack(err);
          if (err.name === 'AbortError') throw err;
          const throttled = isThrottling(err);
          const retryable = throttled || isTransient(err);
          const cost = err.name === 'TimeoutError' || NODEJS_TIMEOUT_ERROR_CODES.includes(err.code || '') ? TIMEOUT_RETRY_COST : RETRY_COST;
          if (!retryable || attempts >= maxAttempts || this._tokens < cost) throw err;
          this._tokens -= cost;
          lastCost = cost;
          const base = throttled ? THROTTLING_RETRY_DELAY_BASE : DEFAULT_RETRY_DELAY_BASE;
          const delay = Math.floor(Math.min(MAXIMUM_RETRY_DELAY, Math.random() * Math.pow(2, retries) * base));
          retries++;
          totalRetryDelay += delay;
          await sleep(delay, spec.label + ' ' + command.$operation + ' retry backoff (' + delay + ' ms)', signal);
        }
      }
      _attempt(command, signal, attempts, totalRetryDelay) {
        const op = command.$operation;
        const r = hostModule.callSync('aws', { service: spec.service, client: spec.sdkName || String(spec.clientName || '').replace(/Client$/, ''), operation: op, input: toWire(command.input || {}), region: this.config.region || '' });
        const ho = handlerOptions(this.config.requestHandler);
        const timeoutMs = Number(ho.requestTimeout || ho.socketTimeout || 0);
        return new Promise((resolve, reject) => {
          let done = false;
          const cancels = [];
          let onAbort = null;
          const finish = (fn) => {
            if (done) return;
            done = true;
            for (const c of cancels) c();
            if (signal && onAbort) signal.removeEventListener('abort', onAbort);
            fn();
          };
          const label = spec.label + ' ' + op + (r.hang ? ' call still waiting for a response' : ' call in flight');
          cancels.push(
            hostModule.timer(r.hang ? -1 : r.latencyMs || 0, r.hang && r.label ? r.label : label, () =>
              finish(() => {
                if (r.error) reject(makeServiceError(pkg, r.error, attempts, totalRetryDelay));
                else {
                  const out = fromWire((r.result && r.result.output) || {});
                  out.$metadata = { httpStatusCode: r.result.httpStatusCode, requestId: r.result.requestId, extendedRequestId: undefined, cfId: undefined, attempts, totalRetryDelay };
                  resolve(out);
                }
              }),
            true),
          );
          if (timeoutMs > 0) {
            cancels.push(
              hostModule.timer(timeoutMs, spec.label + ' ' + op + ' requestTimeout (' + timeoutMs + ' ms)', () =>
                finish(() => {
                  hostModule.callSync('aws.abandon', { callId: r.callId, reason: 'request-timeout' });
                  let e;
                  if (ho.throwOnRequestTimeout) {
                    e = new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured ' + timeoutMs + ' ms requestTimeout.');
                    e.name = 'TimeoutError';
                    e.code = 'ETIMEDOUT';
                  } else {
                    e = new Error('Connection timed out after ' + timeoutMs + ' ms');
                    e.name = 'TimeoutError';
                  }
                  e.$metadata = { attempts, totalRetryDelay };
                  reject(e);
                }),
              true),
            );
          }
          if (signal) {
            onAbort = () =>
              finish(() => {
                hostModule.callSync('aws.abandon', { callId: r.callId, reason: 'abort-signal' });
                reject(abortError(signal));
              });
            signal.addEventListener('abort', onAbort, { once: true });
          }
        });
      }
    }
    Object.defineProperty(Client, 'name', { value: spec.clientName });
    return Client;
  }

  function defineCommand(service, operation) {
    const C = class {
      constructor(input) {
        this.input = input === undefined ? {} : input;
        this.middlewareStack = { add() {}, addRelativeTo() {}, use() {}, remove() {} };
      }
    };
    Object.defineProperty(C, 'name', { value: operation + 'Command' });
    C.prototype.$service = service;
    C.prototype.$operation = operation;
    return C;
  }

  // ---------------------------------------------------------------- names the simulator does not cover
  // Property names never answered with a stub (probes by tools, promises and module interop).
  const NO_STUB = ['then', 'catch', 'finally', 'toJSON', 'default', '__esModule', 'constructor', 'inspect', 'prototype', 'length', 'name', 'caller', 'arguments', 'valueOf', 'toString', 'asymmetricMatch', 'nodeType', 'tagName'];
  const lcFirst = (x) => x.charAt(0).toLowerCase() + x.slice(1);
  const ucFirst = (x) => x.charAt(0).toUpperCase() + x.slice(1);

  /** Exports object whose missing names are answered by `make(name)` (cached), so every real export name links. */
  function withStubs(target, make) {
    return new Proxy(target, {
      get(t, p, r) {
        if (typeof p !== 'string' || p in t || NO_STUB.includes(p)) return Reflect.get(t, p, r);
        const v = make(p);
        if (v !== undefined) t[p] = v;
        return v;
      },
    });
  }

  /** Aggregated-client handler: a camelCase method that is not simulated sends a command the host answers as unsupported. */
  function aggregatedHandler(service) {
    return {
      get(t, p, r) {
        if (typeof p !== 'string' || p in t || NO_STUB.includes(p) || !/^[a-z][A-Za-z0-9]*$/.test(p)) return Reflect.get(t, p, r);
        // Clients' methods are operations (describeStream → DescribeStream); a lib package's class keeps its method name (Upload.done).
        const Cmd = defineCommand(service, service.startsWith('lib-') ? p : ucFirst(p));
        return function (input, optionsOrCb, cb) {
          return t.send(new Cmd(input), optionsOrCb, cb);
        };
      },
    };
  }

  /**
   * The aggregated client (`new S3()`): the bare client plus one camelCase method per operation taking
   * (input, options?, callback?) and returning a promise unless a callback is given (@smithy/smithy-client
   * createAggregatedClient). Methods it lacks send an unsupported command.
   */
  function defineAggregated(Base, service, name, commands) {
    const Agg = class extends Base {
      constructor(config) {
        super(config);
        return new Proxy(this, aggregatedHandler(service));
      }
    };
    Object.defineProperty(Agg, 'name', { value: name });
    for (const op of Object.keys(commands)) {
      const Cmd = commands[op];
      Agg.prototype[lcFirst(op)] = function (input, optionsOrCb, cb) {
        return this.send(new Cmd(input), optionsOrCb, cb);
      };
    }
    return Agg;
  }

  /** Pagination tokens of the simulated paginators: [input token, output token, page-size input]. */
  const PAGINATION = {
    Query: ['ExclusiveStartKey', 'LastEvaluatedKey', 'Limit'],
    Scan: ['ExclusiveStartKey', 'LastEvaluatedKey', 'Limit'],
    ListObjectsV2: ['ContinuationToken', 'NextContinuationToken', 'MaxKeys'],
    GetParametersByPath: ['NextToken', 'NextToken', 'MaxResults'],
  };
  /** paginateX(config, input): an async iterable of pages (@smithy/core createPaginator: client, pageSize, startingToken). */
  function definePaginator(Cmd, op) {
    const tokens = PAGINATION[op] || ['NextToken', 'NextToken', 'MaxResults'];
    return function (config, input) {
      const cfg = config || {};
      return (async function* () {
        let token = cfg.startingToken;
        let first = true;
        while (first || token !== undefined) {
          first = false;
          const i = Object.assign({}, input || {});
          if (token !== undefined) i[tokens[0]] = token;
          if (cfg.pageSize !== undefined) i[tokens[2]] = cfg.pageSize;
          const page = await cfg.client.send(new Cmd(i));
          yield page;
          const next = page[tokens[1]];
          token = next === undefined || next === null || next === '' || (typeof next === 'object' && Object.keys(next).length === 0) ? undefined : next;
        }
      })();
    };
  }

  /**
   * Build a package's exports: { XClient, X (aggregated), XServiceException, <exceptions>, <Op>Command, paginate<Op> }.
   * Any other name a handler imports is answered by a stub (commands, clients, exceptions, paginators, waiters,
   * enums), so imports link and only a *call* fails, with SimulatorUnsupportedOperation. `spec.unknown`: a package
   * the simulator does not cover at all (every call is unsupported).
   */
  function definePackage(spec) {
    const pkg = {};
    const SE = class extends ServiceException {};
    Object.defineProperty(SE, 'name', { value: spec.serviceExceptionName || 'ServiceException', configurable: true });
    pkg.ServiceException = SE;
    pkg.exceptions = {};
    for (const n of spec.exceptions || []) pkg.exceptions[n] = defineException(SE, n);
    const exportsObj = {};
    const commands = {};
    for (const op of spec.operations || []) commands[op] = defineCommand(spec.service, op);
    if (spec.clientName) {
      const Client = defineClient(pkg, spec);
      exportsObj[spec.clientName] = Client;
      if (spec.sdkName) exportsObj[spec.sdkName] = defineAggregated(Client, spec.service, spec.sdkName, commands);
    }
    if (spec.serviceExceptionName) exportsObj[spec.serviceExceptionName] = SE;
    for (const n of spec.exceptions || []) exportsObj[n] = pkg.exceptions[n];
    for (const op of spec.operations || []) exportsObj[op + 'Command'] = commands[op];
    for (const op of spec.paginators || []) exportsObj['paginate' + op] = definePaginator(commands[op], op);
    if (spec.aliases) for (const k of Object.keys(spec.aliases)) exportsObj[k] = exportsObj[spec.aliases[k]];
    const clientFor = (name, label) => defineClient(pkg, Object.assign({}, spec, { clientName: name, sdkName: label }));
    return withStubs(exportsObj, (name) => {
      if (/^[A-Z]\w*Command$/.test(name)) return defineCommand(spec.service, name.slice(0, -7));
      if (/^[A-Z]\w*Client$/.test(name)) return clientFor(name, name.slice(0, -6));
      if (/ServiceException$/.test(name)) {
        if (!spec.serviceExceptionName) Object.defineProperty(SE, 'name', { value: name });
        return SE;
      }
      if (/^[A-Z]\w*(Exception|Error|Fault)$/.test(name)) return (pkg.exceptions[name] = defineException(SE, name));
      if (/^paginate[A-Z]/.test(name)) return definePaginator(defineCommand(spec.service, name.slice(8)), name.slice(8));
      if (/^(waitUntil|waitFor)[A-Z]/.test(name)) {
        const Cmd = defineCommand(spec.service, name);
        return (params, input) => params.client.send(new Cmd(input));
      }
      if (/^[A-Z]/.test(name)) {
        // An aggregated client of an unknown package, or an enum object: constructing it gives a client whose
        // methods are unsupported; reading an unknown static member gives its own name (SDK enums map
        // each key to the same string, e.g. ReturnValue.ALL_NEW === 'ALL_NEW').
        const Agg = defineAggregated(clientFor(name + 'Client', name), spec.service, name, {});
        return new Proxy(Agg, {
          get(t, p, r) {
            if (typeof p === 'string' && !(p in t) && !NO_STUB.includes(p) && /^[A-Za-z][A-Za-z0-9_]*$/.test(p)) return p;
            return Reflect.get(t, p, r);
          },
        });
      }
      return undefined;
    });
  }

  // ---------------------------------------------------------------- util-dynamodb
  // Behaviour of @aws-sdk/util-dynamodb convertToAttr / convertToNative (options convertEmptyValues,
  // removeUndefinedValues, convertClassInstanceToMap; unmarshall option wrapNumbers) —
  // https://github.com/aws/aws-sdk-js-v3/blob/main/packages/util-dynamodb/README.md. Error texts UNVERIFIED.
  class NumberValue {
    constructor(value) {
      this.value = typeof value === 'object' && value !== null ? String(value.N) : String(value);
    }
    static from(value) {
      return new NumberValue(value);
    }
    toAttributeValue() {
      return { N: this.toString() };
    }
    toBigInt() {
      return BigInt(this.value);
    }
    toString() {
      return this.value;
    }
    valueOf() {
      return this.value;
    }
  }
  function convertToAttr(v, options) {
    const o = options || {};
    if (v === null) return { NULL: true };
    if (typeof v === 'string') return o.convertEmptyValues && v === '' ? { NULL: true } : { S: v };
    if (typeof v === 'boolean') return { BOOL: v };
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error('Special numeric value ' + String(v) + ' is not allowed');
      return { N: String(v) };
    }
    if (typeof v === 'bigint') return { N: v.toString() };
    if (v instanceof NumberValue) return { N: v.toString() };
    if (v instanceof Uint8Array) return o.convertEmptyValues && v.length === 0 ? { NULL: true } : { B: v };
    if (Array.isArray(v)) {
      const out = [];
      for (const x of v) {
        if (x === undefined) {
          if (o.removeUndefinedValues) continue;
          throw new Error('Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.');
        }
        out.push(convertToAttr(x, o));
      }
      return { L: out };
    }
    if (v instanceof Set) {
      const vals = Array.from(v);
      if (vals.length === 0) {
        if (o.convertEmptyValues) return { NULL: true };
        throw new Error('Pass a non-empty set, or options.convertEmptyValues=true.');
      }
      if (vals.every((x) => typeof x === 'string')) return { SS: vals };
      if (vals.every((x) => typeof x === 'number' || typeof x === 'bigint' || x instanceof NumberValue)) return { NS: vals.map(String) };
      if (vals.every((x) => x instanceof Uint8Array)) return { BS: vals };
      throw new Error('Only Set of numbers, strings or binary is supported.');
    }
    if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null && !o.convertClassInstanceToMap) {
        throw new Error('Unsupported type passed: ' + String(v) + '. Pass options.convertClassInstanceToMap=true to marshall typeof object as map attribute.');
      }
      return { M: marshall(v, o) };
    }
    if (v === undefined) throw new Error('Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.');
    throw new Error('Unsupported type passed: ' + String(v));
  }
  function marshall(obj, options) {
    const o = options || {};
    if (obj === null || typeof obj !== 'object' || obj instanceof Set || obj instanceof Uint8Array || obj instanceof NumberValue) {
      // marshall of a non-map value gives its AttributeValue (util-dynamodb marshall.ts).
      return convertToAttr(obj, o);
    }
    if (Array.isArray(obj)) {
      const attr = convertToAttr(obj, o);
      return o.convertTopLevelContainer ? attr : attr.L;
    }
    const out = {};
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v === undefined) {
        if (o.removeUndefinedValues) continue;
        throw new Error('Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.');
      }
      out[k] = convertToAttr(v, o);
    }
    return o.convertTopLevelContainer ? { M: out } : out;
  }
  function convertNumber(n, options) {
    if (options && options.wrapNumbers) return new NumberValue(n);
    const num = Number(n);
    if (Number.isInteger(num) && !Number.isSafeInteger(num)) {
      throw new Error('Number ' + n + ' is greater than Number.MAX_SAFE_INTEGER. Use options.wrapNumbers to get string value.');
    }
    return num;
  }
  function convertToNative(a, options) {
    if (!a || typeof a !== 'object') throw new Error('Unsupported type passed: ' + String(a));
    if ('S' in a) return a.S;
    if ('N' in a) return convertNumber(a.N, options);
    if ('BOOL' in a) return a.BOOL;
    if ('NULL' in a) return null;
    if ('B' in a) return a.B;
    if ('L' in a) return a.L.map((x) => convertToNative(x, options));
    if ('M' in a) return unmarshall(a.M, options);
    if ('SS' in a) return new Set(a.SS);
    if ('NS' in a) return new Set(a.NS.map((n) => convertNumber(n, options)));
    if ('BS' in a) return new Set(a.BS);
    throw new Error('Unsupported type passed: ' + JSON.stringify(a));
  }
  function unmarshall(m, options) {
    const out = {};
    for (const k of Object.keys(m || {})) out[k] = convertToNative(m[k], options);
    return out;
  }

  // ---------------------------------------------------------------- lib-dynamodb
  // Document commands and how their inputs are marshalled and outputs unmarshalled (@aws-sdk/lib-dynamodb
  // src/commands/*: which members hold native values).
  const DOC_OPS = {
    Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', Query: 'Query', Scan: 'Scan',
    BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactGet: 'TransactGetItems', TransactWrite: 'TransactWriteItems',
  };
  function mapValues(obj, fn) {
    const out = {};
    for (const k of Object.keys(obj || {})) out[k] = fn(obj[k]);
    return out;
  }
  function marshallDocInput(op, input, mo) {
    const m = (x) => (x ? marshall(x, mo) : x);
    const base = (x) => {
      const i = Object.assign({}, x);
      for (const k of ['Key', 'Item', 'ExpressionAttributeValues', 'ExclusiveStartKey']) if (i[k]) i[k] = m(i[k]);
      return i;
    };
    if (op === 'BatchGetItem') return Object.assign({}, input, { RequestItems: mapValues(input.RequestItems, (t) => Object.assign({}, t, { Keys: (t.Keys || []).map(m) })) });
    if (op === 'BatchWriteItem') {
      return Object.assign({}, input, {
        RequestItems: mapValues(input.RequestItems, (list) =>
          (list || []).map((r) => (r.PutRequest ? { PutRequest: Object.assign({}, r.PutRequest, { Item: m(r.PutRequest.Item) }) } : r.DeleteRequest ? { DeleteRequest: Object.assign({}, r.DeleteRequest, { Key: m(r.DeleteRequest.Key) }) } : r)),
        ),
      });
    }
    if (op === 'TransactWriteItems' || op === 'TransactGetItems') {
      return Object.assign({}, input, {
        TransactItems: (input.TransactItems || []).map((it) => {
          const o = {};
          for (const k of Object.keys(it || {})) o[k] = it[k] && typeof it[k] === 'object' ? base(it[k]) : it[k];
          return o;
        }),
      });
    }
    return base(input);
  }
  function unmarshallDocOutput(out, uo) {
    const u = (x) => unmarshall(x, uo);
    const res = Object.assign({}, out);
    if (res.Item) res.Item = u(res.Item);
    if (res.Attributes) res.Attributes = u(res.Attributes);
    if (res.Items) res.Items = res.Items.map(u);
    if (res.LastEvaluatedKey) res.LastEvaluatedKey = u(res.LastEvaluatedKey);
    if (res.Responses && !Array.isArray(res.Responses)) res.Responses = mapValues(res.Responses, (items) => items.map(u));
    if (Array.isArray(res.Responses)) res.Responses = res.Responses.map((r) => (r && r.Item ? Object.assign({}, r, { Item: u(r.Item) }) : r));
    if (res.UnprocessedKeys) res.UnprocessedKeys = mapValues(res.UnprocessedKeys, (t) => Object.assign({}, t, { Keys: (t.Keys || []).map(u) }));
    return res;
  }
  function defineDocumentClient(low) {
    const docCommands = {};
    const docCommand = (short) => {
      const C = class {
        constructor(input) {
          this.input = input === undefined ? {} : input;
        }
      };
      Object.defineProperty(C, 'name', { value: short + 'Command' });
      C.prototype.$docOperation = DOC_OPS[short] || short;
      return C;
    };
    for (const short of Object.keys(DOC_OPS)) docCommands[short + 'Command'] = docCommand(short);
    class DynamoDBDocumentClient {
      constructor(client, translateConfig) {
        this.client = client;
        this.config = client.config;
        this.translateConfig = translateConfig || {};
        this.middlewareStack = client.middlewareStack;
      }
      static from(client, translateConfig) {
        return new this(client, translateConfig);
      }
      destroy() {}
      send(command, optionsOrCb, cb) {
        const callback = typeof optionsOrCb === 'function' ? optionsOrCb : cb;
        const options = typeof optionsOrCb === 'object' && optionsOrCb !== null ? optionsOrCb : {};
        const p = (async () => {
          if (!command || !command.$docOperation) {
            if (command && command.$service === 'dynamodb') return this.client.send(command, options);
            throw new TypeError('Lambda Triage simulator: DynamoDBDocumentClient.send() needs a command of @aws-sdk/lib-dynamodb.');
          }
          const tc = this.translateConfig || {};
          const op = command.$docOperation;
          const input = marshallDocInput(op, command.input, tc.marshallOptions || {});
          const Low = low[op + 'Command'];
          const out = await this.client.send(new Low(input), options);
          return unmarshallDocOutput(out, tc.unmarshallOptions || {});
        })();
        if (typeof callback === 'function') {
          // As Client.send above (@smithy/smithy-client): an error thrown inside the callback is swallowed.
          p.then((r) => callback(null, r), (e) => callback(e)).catch(() => {});
          return undefined;
        }
        return p;
      }
    }
    // DynamoDBDocument: the aggregated document client (get, put, update, delete, query, scan, batchGet, batchWrite,
    // transactGet, transactWrite), built with DynamoDBDocument.from(client).
    const shortCommands = {};
    for (const short of Object.keys(DOC_OPS)) shortCommands[short] = docCommands[short + 'Command'];
    const DynamoDBDocument = class extends DynamoDBDocumentClient {
      constructor(client, translateConfig) {
        super(client, translateConfig);
        return new Proxy(this, {
          get(t, p, r) {
            if (typeof p !== 'string' || p in t || NO_STUB.includes(p) || !/^[a-z][A-Za-z0-9]*$/.test(p)) return Reflect.get(t, p, r);
            const C = docCommand(ucFirst(p));
            return (input, optionsOrCb, cb) => t.send(new C(input), optionsOrCb, cb);
          },
        });
      }
    };
    Object.defineProperty(DynamoDBDocument, 'name', { value: 'DynamoDBDocument' });
    for (const short of Object.keys(shortCommands)) {
      const C = shortCommands[short];
      DynamoDBDocument.prototype[lcFirst(short)] = function (input, optionsOrCb, cb) {
        return this.send(new C(input), optionsOrCb, cb);
      };
    }
    const exportsObj = Object.assign({ DynamoDBDocumentClient, DynamoDBDocument, NumberValue, paginateQuery: definePaginator(docCommands.QueryCommand, 'Query'), paginateScan: definePaginator(docCommands.ScanCommand, 'Scan') }, docCommands);
    return withStubs(exportsObj, (name) => {
      if (/^[A-Z]\w*Command$/.test(name)) return docCommand(name.slice(0, -7));
      if (/^paginate[A-Z]/.test(name)) return definePaginator(docCommand(name.slice(8)), name.slice(8));
      return undefined;
    });
  }

  // ---------------------------------------------------------------- credentials
  /**
   * Credentials of the function: Lambda puts the execution role's temporary keys in AWS_ACCESS_KEY_ID,
   * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
   * The simulator asks the host (`aws.credentials`) for ILLUSTRATIVE keys of the simulated role when they are not set.
   */
  function roleCredentials() {
    if (processEnv.AWS_ACCESS_KEY_ID && processEnv.AWS_SECRET_ACCESS_KEY) {
      const c = { accessKeyId: processEnv.AWS_ACCESS_KEY_ID, secretAccessKey: processEnv.AWS_SECRET_ACCESS_KEY };
      if (processEnv.AWS_SESSION_TOKEN) c.sessionToken = processEnv.AWS_SESSION_TOKEN;
      if (processEnv.AWS_CREDENTIAL_EXPIRATION) c.expiration = new Date(processEnv.AWS_CREDENTIAL_EXPIRATION);
      return c;
    }
    const r = hostModule.hasServices() ? hostModule.callSync('aws.credentials', {}) : null;
    const c = r && r.result ? r.result : { accessKeyId: 'ASIASIMULATEDKEY0001', secretAccessKey: 'simulated-secret-access-key', sessionToken: 'simulated-session-token' };
    const out = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
    if (c.expiration) out.expiration = new Date(c.expiration);
    return out;
  }
  /** A provider: an async function resolving the role's credentials (the shape of every @aws-sdk/credential-providers export). */
  function defaultProvider() {
    const provider = () => Promise.resolve(roleCredentials());
    return provider;
  }
  const CREDENTIAL_PROVIDERS = ['fromEnv', 'fromNodeProviderChain', 'fromIni', 'fromProcess', 'fromContainerMetadata', 'fromInstanceMetadata', 'fromTemporaryCredentials', 'fromTokenFile', 'fromWebToken', 'fromSSO', 'fromHttp', 'fromCognitoIdentity', 'fromCognitoIdentityPool'];
  function credentialProviders() {
    const out = {};
    for (const n of CREDENTIAL_PROVIDERS) out[n] = () => defaultProvider();
    // createCredentialChain(...providers) gives the first provider's credentials; .expireAfter(ms) returns the chain.
    out.createCredentialChain = (...providers) => {
      const chain = () => (providers[0] ? providers[0]() : Promise.resolve(roleCredentials()));
      chain.expireAfter = () => chain;
      return chain;
    };
    out.defaultProvider = defaultProvider;
    return out;
  }

  // ---------------------------------------------------------------- sdk stream mixin
  /**
   * sdkStreamMixin(stream) (@aws-sdk/util-stream-node, now @smithy/util-stream): adds transformToString,
   * transformToByteArray and transformToWebStream to a Node Readable; a second transform fails. Texts and the name
   * shown (the value's prototype constructor name, else the value) from smithy-lang/smithy-typescript
   * packages/util-stream/src/sdk-stream-mixin.ts: "The stream has already been transformed." and "Unexpected stream
   * implementation, expect Stream.Readable instance, got <name>".
   */
  function sdkStreamMixin(stream) {
    if (stream && typeof stream.transformToString === 'function') return stream;
    const isReadable = stream && typeof stream === 'object' && (typeof stream.pipe === 'function' || typeof stream[Symbol.asyncIterator] === 'function');
    if (!isReadable) {
      const proto = stream === null || stream === undefined ? undefined : Object.getPrototypeOf(Object(stream));
      const name = (proto && proto.constructor && proto.constructor.name) || stream;
      throw new Error('Unexpected stream implementation, expect Stream.Readable instance, got ' + name);
    }
    let used = false;
    const collect = async () => {
      if (used) throw new Error('The stream has already been transformed.');
      used = true;
      const chunks = [];
      for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
      return Buffer.concat(chunks);
    };
    return Object.assign(stream, {
      transformToByteArray: async () => new Uint8Array(await collect()),
      transformToString: async (encoding) => (await collect()).toString(!encoding || encoding === 'utf-8' ? 'utf8' : encoding),
      transformToWebStream: () => {
        throw new Error('transformToWebStream() is not available in the Lambda Triage simulator: use transformToString() or transformToByteArray().');
      },
    });
  }

  // ---------------------------------------------------------------- S3 presigned URLs and uploads
  // Longest presigned URL lifetime, s: one week (@smithy/signature-v4 MAX_PRESIGNED_TTL; 604800 is accepted, 604801 is not).
  const MAX_PRESIGNED_TTL_SECONDS = 604800;
  // getSignedUrl's default lifetime, s (@aws-sdk/s3-request-presigner: expiresIn defaults to 900).
  const DEFAULT_PRESIGNED_EXPIRES_SECONDS = 900;
  function hex64(text) {
    // A deterministic 64-hex stand-in for the SigV4 signature (ILLUSTRATIVE: the keys are simulated, nothing verifies it).
    let out = '';
    let h = 2166136261;
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
      h = Math.imul(h ^ round, 2246822519) >>> 0;
      out += h.toString(16).padStart(8, '0');
    }
    return out;
  }
  function objectUrl(bucket, region, key) {
    return 'https://' + bucket + '.s3.' + region + '.amazonaws.com/' + String(key).split('/').map(encodeURIComponent).join('/');
  }
  /**
   * getSignedUrl(client, command, { expiresIn }) of @aws-sdk/s3-request-presigner: presigning is local (no call to AWS,
   * no IAM check until the URL is used). The URL has the SigV4 query parameters SDK v3 writes
   * (X-Amz-Algorithm … X-Amz-SignedHeaders=host, x-id=<Operation>); a lifetime over one week rejects with the
   * @smithy/signature-v4 text, a plain string as there. The signature is ILLUSTRATIVE.
   */
  async function getSignedUrl(client, command, options) {
    const o = options || {};
    const expiresIn = o.expiresIn === undefined ? DEFAULT_PRESIGNED_EXPIRES_SECONDS : o.expiresIn;
    if (expiresIn > MAX_PRESIGNED_TTL_SECONDS) return Promise.reject('Signature version 4 presigned URLs must have an expiration date less than one week in the future');
    const creds = await (typeof client.config.credentials === 'function' ? client.config.credentials() : client.config.credentials || defaultProvider()());
    const region = client.config.region || processEnv.AWS_REGION || 'us-east-1';
    const input = (command && command.input) || {};
    const longDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const shortDate = longDate.slice(0, 8);
    const q = [
      ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
      ['X-Amz-Content-Sha256', 'UNSIGNED-PAYLOAD'],
      ['X-Amz-Credential', creds.accessKeyId + '/' + shortDate + '/' + region + '/s3/aws4_request'],
      ['X-Amz-Date', longDate],
      ['X-Amz-Expires', String(expiresIn)],
    ];
    if (creds.sessionToken) q.push(['X-Amz-Security-Token', creds.sessionToken]);
    const base = objectUrl(input.Bucket, region, input.Key || '');
    q.push(['X-Amz-Signature', hex64(base + JSON.stringify(q) + creds.secretAccessKey)]);
    q.push(['X-Amz-SignedHeaders', 'host']);
    q.push(['x-id', command && command.$operation ? command.$operation : '']);
    return base + '?' + q.map(([k, v]) => k + '=' + encodeURIComponent(v)).join('&');
  }
  /**
   * Upload of @aws-sdk/lib-storage for bodies the simulator holds in memory: one PutObject (the SDK also uses a single
   * PutObject below its 5 MB part size); done() answers the PutObject output with Bucket, Key and Location, as
   * Upload.ts does for a single-part upload. Multipart uploads, progress events by part and abort() are not simulated
   * (abort() only rejects a later done()). Error texts follow lib-storage Upload.ts (UNVERIFIED wording).
   */
  function libStorage(s3) {
    class Upload {
      constructor(options) {
        const o = options || {};
        if (!o.client) throw new Error('InputError: Upload requires a AWS client to do uploads with.');
        if (!o.params) throw new Error('InputError: Upload requires params to be passed to upload.');
        this.client = o.client;
        this.params = o.params;
        this._listeners = [];
        this._aborted = false;
      }
      on(event, fn) {
        if (event === 'httpUploadProgress') this._listeners.push(fn);
        return this;
      }
      async abort() {
        this._aborted = true;
      }
      async done() {
        if (this._aborted) {
          const e = new Error('Upload aborted.');
          e.name = 'AbortError';
          throw e;
        }
        let body = this.params.Body;
        if (body && typeof body === 'object' && !(body instanceof Uint8Array) && typeof body[Symbol.asyncIterator] === 'function') {
          const chunks = [];
          for await (const c of body) chunks.push(Buffer.from(c));
          body = Buffer.concat(chunks);
        }
        const params = Object.assign({}, this.params, { Body: body });
        const out = await this.client.send(new s3.PutObjectCommand(params));
        const size = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
        for (const fn of this._listeners) fn({ loaded: size, total: size, part: 1, Key: params.Key, Bucket: params.Bucket });
        const region = this.client.config.region || processEnv.AWS_REGION || 'us-east-1';
        return Object.assign({}, out, { Bucket: params.Bucket, Key: params.Key, Location: objectUrl(params.Bucket, region, params.Key) });
      }
    }
    return { Upload };
  }

  // ---------------------------------------------------------------- X-Ray SDK (no-op shapes)
  /**
   * aws-xray-sdk-core as far as handlers touch it: capture* wrappers return what they are given, segments and
   * subsegments accept annotations, metadata and errors and do nothing (no trace is sent). ILLUSTRATIVE: the real SDK
   * records subsegments and sends them to the X-Ray daemon — https://docs.aws.amazon.com/xray/latest/devguide/xray-sdk-nodejs.html.
   */
  function xraySdk() {
    function makeSegment(name) {
      const seg = {
        name,
        id: '0000000000000000',
        annotations: {},
        metadata: {},
        subsegments: [],
        addAnnotation(k, v) {
          seg.annotations[k] = v;
        },
        addMetadata(k, v, ns) {
          seg.metadata[(ns || 'default') + '.' + k] = v;
        },
        addError() {},
        addErrorFlag() {},
        addFaultFlag() {},
        addThrottleFlag() {},
        addAttribute(k, v) {
          seg[k] = v;
        },
        addNewSubsegment(n) {
          const sub = makeSegment(n);
          seg.subsegments.push(sub);
          return sub;
        },
        close() {},
        flush() {},
        isClosed: () => false,
        toString: () => 'Segment ' + name,
      };
      return seg;
    }
    let current = makeSegment('facade');
    const run = (name, fn, parent) => {
      const sub = (parent || current).addNewSubsegment(name);
      return fn(sub);
    };
    return {
      captureAWSv3Client: (client) => client,
      captureAWSClient: (client) => client,
      captureAWS: (sdk) => sdk,
      captureHTTPs: (mod) => mod,
      captureHTTPsGlobal: () => undefined,
      capturePromise: () => undefined,
      captureFetchGlobal: () => undefined,
      captureAsyncFunc: run,
      captureFunc: run,
      captureCallbackFunc: (name, fn) => fn,
      getSegment: () => current,
      setSegment: (s) => {
        current = s;
      },
      resolveSegment: (s) => s || current,
      isAutomaticMode: () => true,
      enableAutomaticMode: () => undefined,
      enableManualMode: () => undefined,
      setContextMissingStrategy: () => undefined,
      setDaemonAddress: () => undefined,
      setLogger: () => undefined,
      setStreamingThreshold: () => undefined,
      config: () => undefined,
      middleware: { setSamplingRules: () => undefined, enableDynamicNaming: () => undefined },
      Segment: function Segment(name) {
        return makeSegment(name);
      },
      Subsegment: function Subsegment(name) {
        return makeSegment(name);
      },
    };
  }

  return { definePackage, defineDocumentClient, NodeHttpHandler, ServiceException, SimulatorUnsupportedOperation, NumberValue, marshall, unmarshall, convertToAttr, convertToNative, credentialProviders, defaultProvider, sdkStreamMixin, xraySdk, getSignedUrl, libStorage };
}
