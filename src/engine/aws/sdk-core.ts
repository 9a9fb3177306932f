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
      // sdk-stream-mixin: a stream can be transformed once (text UNVERIFIED).
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
  function fromWire(v) {
    if (Array.isArray(v)) return v.map(fromWire);
    if (v && typeof v === 'object') {
      if (typeof v.$bytes === 'string') return new Uint8Array(Buffer.from(v.$bytes, 'base64'));
      if (typeof v.$stream === 'string') return makeBody(v.$stream);
      if (typeof v.$date === 'string') return new Date(v.$date);
      const o = {};
      for (const k of Object.keys(v)) o[k] = fromWire(v[k]);
      return o;
    }
    return v;
  }

  // ---------------------------------------------------------------- exceptions
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
        this._tokens = INITIAL_RETRY_TOKENS;
        this.middlewareStack = { add() {}, addRelativeTo() {}, use() {}, remove() {}, clone() { return this; } };
      }
      destroy() {}
      send(command, optionsOrCb, cb) {
        const callback = typeof optionsOrCb === 'function' ? optionsOrCb : cb;
        const options = typeof optionsOrCb === 'object' && optionsOrCb !== null ? optionsOrCb : {};
        const p = this._send(command, options);
        if (typeof callback === 'function') {
          p.then((r) => callback(null, r), (e) => callback(e));
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
        const r = hostModule.callSync('aws', { service: spec.service, operation: op, input: toWire(command.input || {}), region: this.config.region || '' });
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

  /** Build a package's exports: { XClient, XServiceException, <exceptions>, <Op>Command }. */
  function definePackage(spec) {
    const pkg = {};
    const SE = class extends ServiceException {};
    Object.defineProperty(SE, 'name', { value: spec.serviceExceptionName });
    pkg.ServiceException = SE;
    pkg.exceptions = {};
    for (const n of spec.exceptions) pkg.exceptions[n] = defineException(SE, n);
    const exportsObj = {};
    exportsObj[spec.clientName] = defineClient(pkg, spec);
    exportsObj[spec.serviceExceptionName] = SE;
    for (const n of spec.exceptions) exportsObj[n] = pkg.exceptions[n];
    for (const op of spec.operations) exportsObj[op + 'Command'] = defineCommand(spec.service, op);
    if (spec.aliases) for (const k of Object.keys(spec.aliases)) exportsObj[k] = exportsObj[spec.aliases[k]];
    return exportsObj;
  }

  // ---------------------------------------------------------------- util-dynamodb
  // Messages follow @aws-sdk/util-dynamodb convertToAttr (UNVERIFIED texts).
  function convertToAttr(v, options) {
    const o = options || {};
    if (v === null) return { NULL: true };
    if (typeof v === 'string') return { S: v };
    if (typeof v === 'boolean') return { BOOL: v };
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error('Special numeric value ' + String(v) + ' is not allowed');
      return { N: String(v) };
    }
    if (typeof v === 'bigint') return { N: v.toString() };
    if (v instanceof Uint8Array) return { B: v };
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
      if (vals.every((x) => typeof x === 'string')) return { SS: vals };
      if (vals.every((x) => typeof x === 'number')) return { NS: vals.map(String) };
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
    const out = {};
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v === undefined) {
        if (options && options.removeUndefinedValues) continue;
        throw new Error('Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.');
      }
      out[k] = convertToAttr(v, options);
    }
    return out;
  }
  function convertToNative(a) {
    if ('S' in a) return a.S;
    if ('N' in a) return Number(a.N);
    if ('BOOL' in a) return a.BOOL;
    if ('NULL' in a) return null;
    if ('B' in a) return a.B;
    if ('L' in a) return a.L.map(convertToNative);
    if ('M' in a) return unmarshall(a.M);
    if ('SS' in a) return new Set(a.SS);
    if ('NS' in a) return new Set(a.NS.map(Number));
    if ('BS' in a) return new Set(a.BS);
    throw new Error('Unsupported type passed: ' + JSON.stringify(a));
  }
  function unmarshall(m) {
    const out = {};
    for (const k of Object.keys(m || {})) out[k] = convertToNative(m[k]);
    return out;
  }

  // ---------------------------------------------------------------- lib-dynamodb
  const DOC_OPS = { Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', Query: 'Query' };
  function defineDocumentClient(low) {
    const docCommands = {};
    for (const short of Object.keys(DOC_OPS)) {
      const C = class {
        constructor(input) {
          this.input = input === undefined ? {} : input;
        }
      };
      Object.defineProperty(C, 'name', { value: short + 'Command' });
      C.prototype.$docOperation = DOC_OPS[short];
      docCommands[short + 'Command'] = C;
    }
    class DynamoDBDocumentClient {
      constructor(client, translateConfig) {
        this.client = client;
        this.config = client.config;
        this.translateConfig = translateConfig || {};
        this.middlewareStack = client.middlewareStack;
      }
      static from(client, translateConfig) {
        return new DynamoDBDocumentClient(client, translateConfig);
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
          const mo = (this.translateConfig && this.translateConfig.marshallOptions) || {};
          const input = Object.assign({}, command.input);
          for (const k of ['Key', 'Item', 'ExpressionAttributeValues', 'ExclusiveStartKey']) if (input[k]) input[k] = marshall(input[k], mo);
          const Low = low[command.$docOperation + 'Command'];
          const out = await this.client.send(new Low(input), options);
          const res = Object.assign({}, out);
          if (res.Item) res.Item = unmarshall(res.Item);
          if (res.Attributes) res.Attributes = unmarshall(res.Attributes);
          if (res.Items) res.Items = res.Items.map(unmarshall);
          if (res.LastEvaluatedKey) res.LastEvaluatedKey = unmarshall(res.LastEvaluatedKey);
          return res;
        })();
        if (typeof callback === 'function') {
          p.then((r) => callback(null, r), (e) => callback(e));
          return undefined;
        }
        return p;
      }
    }
    return Object.assign({ DynamoDBDocumentClient, DynamoDBDocument: DynamoDBDocumentClient }, docCommands);
  }

  return { definePackage, defineDocumentClient, NodeHttpHandler, ServiceException, marshall, unmarshall, convertToAttr, convertToNative };
}
