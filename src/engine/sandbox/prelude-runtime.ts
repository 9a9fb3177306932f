// @ts-nocheck -- this function is never called on the host: its source text (Function.prototype.toString)
// is evaluated inside QuickJS, so it must be self-contained plain JavaScript (no imports, no closures
// over host values, no TypeScript-only syntax).
/**
 * Source of the simulated Lambda Node.js runtime that runs *inside* QuickJS: globals (console, timers,
 * Date, process, Buffer, …), CommonJS `require`, handler loading and the invoke protocol of the
 * runtime interface client (RIC). The host (`sandbox.ts`) calls it as
 * `runtimeSource(host, config)` and keeps the returned object as the control surface; the parts it
 * loads on first use are listed in `prelude-parts.ts`.
 *
 * Behaviour sources (AWS's Node.js runtime interface client at
 * https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/tree/da5777a; docs/sources.md#error-document,
 * #init-errors, #console-log-format):
 * - handler loading and errors: `src/UserFunction.js` (`_tryRequire` order, `Bad handler`,
 *   `… is undefined or not exported`, `… is not a function`, ImportModuleError wrapping only
 *   `MODULE_NOT_FOUND`);
 * - invoke protocol: `src/Runtime.js`, `src/CallbackContext.js` (callback / succeed / fail / done,
 *   callbackWaitsForEmptyEventLoop, `fail(null)` → `handled`);
 * - error payloads and logs: `src/Errors.js` (`toRapidResponse`, `toFormatted`), `src/LogPatch.js`;
 * - process-level errors: `src/index.mjs` (`Uncaught Exception`, `Unhandled Promise Rejection`).
 */
export function runtimeSource(host, config) {
  'use strict';
  const G = globalThis;
  const RUNTIME_FILE = '/var/runtime/index.mjs';
  const TASK_ROOT = '/var/task';
  const NOT_AVAILABLE = (what) =>
    new Error(what + ' is not available in the Lambda Triage simulator (no network, no file system, no host access).');

  // ---------------------------------------------------------------- runtime parts evaluated on first use
  // QuickJS compiles a whole script before running it, so every line here costs start-up time in each new
  // environment. Parts a plain invocation does not need (util.inspect/format, V8's message table and error
  // rewriting, Buffer and the text encodings, URL, the web globals) are separate sources (prelude-parts.ts)
  // that the host evaluates the first time they are used (`host.runtimePart(name)` returns the part's factory).
  const runtimeParts = new Map();
  function runtimePart(name, api) {
    if (!runtimeParts.has(name)) runtimeParts.set(name, host.runtimePart(name)(api));
    return runtimeParts.get(name);
  }
  // Globals a part provides: each starts as an accessor that, on first read, evaluates the part, puts each
  // of its globals in place as a plain data property (as an assignment would) and answers. A global the
  // program assigned first keeps the program's value.
  function lazyGlobals(names, load) {
    const getters = {};
    const install = () => {
      const values = load();
      for (const k of names) {
        const d = Object.getOwnPropertyDescriptor(G, k);
        if (d && d.get === getters[k]) Object.defineProperty(G, k, { value: values[k], writable: true, enumerable: true, configurable: true });
      }
    };
    for (const k of names) {
      getters[k] = () => {
        install();
        return G[k];
      };
      Object.defineProperty(G, k, {
        get: getters[k],
        set: (v) => Object.defineProperty(G, k, { value: v, writable: true, enumerable: true, configurable: true }),
        enumerable: true,
        configurable: true,
      });
    }
  }
  // QuickJS frame lines → Node's (names, columns, file URLs for ES modules): prelude-errors.ts.
  const rewriteFrames = (lines) => errorsPart().rewriteFrames(lines);
  function cleanFrames(stack) {
    // QuickJS's own stacks are frame lines only; a stack that starts with its header line was
    // cleaned already (the Error constructors clean at creation), and columns must not move twice.
    if (!/^ {4}at /.test(String(stack))) return String(stack).replace(/\n$/, '');
    return rewriteFrames(String(stack).split('\n').filter((l) => l !== '')).join('\n');
  }
  function errorStack(err) {
    let stack = typeof err.stack === 'string' ? cleanFrames(err.stack) : '';
    const header = String(err.name) + (err.message ? ': ' + err.message : '');
    if (!stack.startsWith(header) && !/^\S/.test(stack)) {
      stack = header + (stack ? '\n' + stack.replace(/\n$/, '') : '');
    }
    return stack.replace(/\n$/, '') || header;
  }
  // util.inspect / util.format (prelude-inspect.ts): loaded by the first call that formats a value.
  const inspectPart = () => runtimePart('inspect', { errorStack });
  // util.format of text only (the first with no `%`) joins it with spaces, as the inspect part's format does
  // (prelude-inspect.ts formatWithOptions): a console.log of plain text needs no inspect part.
  const isPlainText = (args) => args.every((a) => typeof a === 'string') && !(args.length > 0 && args[0].includes('%'));
  const util = {
    inspect: (value, opts) => inspectPart().inspect(value, opts),
    format: (...args) => (isPlainText(args) ? args.join(' ') : inspectPart().format(...args)),
    quote: (str) => inspectPart().quote(str),
    errorStack,
    cleanFrames,
  };
  // V8's error messages (v8-messages.ts: the rule table and its helpers): loaded by the first error to translate.
  const v8 = {
    get rules() {
      return runtimePart('v8-messages').rules;
    },
    translate: (...args) => runtimePart('v8-messages').translate(...args),
    callee: (...args) => runtimePart('v8-messages').callee(...args),
    json: (...args) => runtimePart('v8-messages').json(...args),
  };

  // ---------------------------------------------------------------- deterministic randomness
  let seed = config.seed >>> 0 || 0x9e3779b9;
  function random() {
    // mulberry32
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  Math.random = random;
  function randomUUID() {
    const hex = [];
    for (let i = 0; i < 16; i++) hex.push(Math.floor(random() * 256));
    hex[6] = (hex[6] & 0x0f) | 0x40;
    hex[8] = (hex[8] & 0x3f) | 0x80;
    const h = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---------------------------------------------------------------- memory: buffers are checked where they are made
  // QuickJS counts a buffer of any size as one block and checks its limit only at interrupt polls, so each
  // ArrayBuffer or typed array (Buffer included, and species copies via `constructor`) asks the host first
  // (sandbox.ts `reserveMemory`). Over the limit the host ends the environment as out of memory; V8's
  // message for a refused allocation is "Array buffer allocation failed" (v8/src/common/message-template.h).
  const RealArrayBuffer = G.ArrayBuffer;
  // Small buffers are summed here and reported together (one host call per 64 KiB), large ones at once.
  const BUFFER_REPORT_BYTES = 65536;
  let unreportedBufferBytes = 0;
  for (const name of ['ArrayBuffer', 'SharedArrayBuffer', 'Uint8Array', 'Int8Array', 'Uint8ClampedArray', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    const Ctor = G[name];
    if (typeof Ctor !== 'function') continue;
    const per = Ctor.BYTES_PER_ELEMENT || 1;
    const checked = new Proxy(Ctor, {
      construct(target, args, newTarget) {
        const a = args[0];
        let bytes = 0;
        if (typeof a === 'number') bytes = a * per;
        else if (a !== null && typeof a === 'object' && !(a instanceof RealArrayBuffer) && typeof a.length === 'number') bytes = a.length * per;
        if (bytes > 0) {
          unreportedBufferBytes += bytes;
          if (unreportedBufferBytes >= BUFFER_REPORT_BYTES) {
            const n = unreportedBufferBytes;
            unreportedBufferBytes = 0;
            if (!host.reserveMemory(n)) throw new RangeError('Array buffer allocation failed');
          }
        }
        return Reflect.construct(target, args, newTarget);
      },
    });
    Object.defineProperty(Ctor.prototype, 'constructor', { value: checked, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(G, name, { value: checked, writable: true, configurable: true, enumerable: false });
  }

  // ---------------------------------------------------------------- virtual clock: Date, performance
  const RealDate = Date;
  const nowMs = () => host.now(); // virtual ms since the environment's process started (monotonic)
  const epochNow = () => Math.floor(config.epochMs + host.now());
  function SimDate(...args) {
    if (new.target === undefined) return new RealDate(epochNow()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [epochNow()] : args, new.target);
  }
  SimDate.prototype = RealDate.prototype;
  SimDate.now = epochNow;
  SimDate.UTC = RealDate.UTC;
  SimDate.parse = RealDate.parse;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: SimDate, writable: true, configurable: true });
  // Lambda sets TZ=:UTC (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime):
  // local-time methods are the UTC ones, so output does not depend on the host's time zone.
  const dp = RealDate.prototype;
  for (const m of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds']) {
    dp['get' + m] = dp['getUTC' + m];
    if (m !== 'Day') dp['set' + m] = dp['setUTC' + m];
  }
  dp.getTimezoneOffset = function () {
    return 0;
  };
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n) => String(n).padStart(2, '0');
  dp.toDateString = function () {
    if (isNaN(this.getTime())) return 'Invalid Date';
    return DAYS[this.getUTCDay()] + ' ' + MONTHS[this.getUTCMonth()] + ' ' + p2(this.getUTCDate()) + ' ' + String(this.getUTCFullYear()).padStart(4, '0');
  };
  dp.toTimeString = function () {
    if (isNaN(this.getTime())) return 'Invalid Date';
    return p2(this.getUTCHours()) + ':' + p2(this.getUTCMinutes()) + ':' + p2(this.getUTCSeconds()) + ' GMT+0000 (Coordinated Universal Time)';
  };
  dp.toString = function () {
    if (isNaN(this.getTime())) return 'Invalid Date';
    return this.toDateString() + ' ' + this.toTimeString();
  };
  G.Date = SimDate;
  const performance = {
    now: () => nowMs(),
    timeOrigin: config.epochMs,
    mark() {},
    measure() {},
  };
  G.performance = performance;

  // ---------------------------------------------------------------- logging (LogPatch)
  let currentRequestId = undefined; // `undefined` during init, printed as "undefined" https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js; https://github.com/aws-samples/s3-to-lambda-patterns/issues/40
  // Lambda Managed Instances: runtime interface client v4 runs in its multi-concurrent mode when
  // AWS_LAMBDA_MAX_CONCURRENCY is set (src/utils/env.ts `isMultiConcurrentMode`) and runs each invocation inside
  // its own AsyncLocalStorage store (src/runtime/runtime.ts `processMultiConcurrent`, @aws/lambda-invoke-store
  // `InvokeStoreMulti`); its loggers read the request id from that store, "-" outside any invocation
  // (`InvokeStoreBase.getRequestId`). https://github.com/aws/aws-lambda-nodejs-runtime-interface-client
  const multiConcurrent = config.env.AWS_LAMBDA_MAX_CONCURRENCY !== undefined;
  const INVOKE_STORE_KEY = {};
  function logRequestId() {
    if (!multiConcurrent) return currentRequestId;
    const s = alsFrame ? alsFrame.get(INVOKE_STORE_KEY) : undefined;
    return s ? s.requestId : '-';
  }
  function iso() {
    return new RealDate(epochNow()).toISOString();
  }
  function errorForJson(err) {
    // JSON log format serialises errors with constructor.name (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html; https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js).
    const out = {
      errorType: (err && err.constructor && err.constructor.name) || 'Error',
      errorMessage: err.message,
      stackTrace: util.errorStack(err).split('\n'),
    };
    for (const k of Object.keys(err)) if (!(k in out)) out[k] = err[k];
    return out;
  }
  function jsonReplacer() {
    const seen = new WeakSet();
    return function (_k, v) {
      if (v instanceof Error) return errorForJson(v);
      if (typeof v === 'bigint') return v.toString();
      if (v !== null && typeof v === 'object') {
        if (seen.has(v)) return '[Circular]';
        seen.add(v);
      }
      return v;
    };
  }
  function writeLog(level, args) {
    for (const a of args) if (a instanceof Error) v8ify(a);
    let line;
    if (config.logFormat === 'JSON') {
      // {"timestamp","level","requestId","message"} — https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html, https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js
      const rec = { timestamp: iso(), level, requestId: logRequestId() };
      if (args.length === 1) rec.message = args[0] instanceof Error ? errorForJson(args[0]) : args[0];
      else {
        rec.message = util.format(...args);
        const err = args.find((a) => a instanceof Error);
        if (err) {
          const e = errorForJson(err);
          rec.errorType = e.errorType;
          rec.errorMessage = e.errorMessage;
          rec.stackTrace = e.stackTrace;
        }
      }
      // `console.log()` / `console.log(undefined)`: JSON.stringify drops the undefined `message`, so the record
      // has no message key (LogPatch.js formatJsonMessage,
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/LogPatch.js).
      if (rec.message === undefined) delete rec.message;
      try {
        line = JSON.stringify(rec, jsonReplacer());
      } catch (e) {
        line = JSON.stringify({ timestamp: rec.timestamp, level, requestId: rec.requestId, message: util.format(...args) });
      }
    } else {
      // `<ISO ts>\t<requestId>\t<LEVEL>\t<util.format(args)>` — https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
      line = iso() + '\t' + String(logRequestId()) + '\t' + level + '\t' + util.format(...args);
    }
    host.emit(line);
  }
  const counts = new Map();
  const timersLabels = new Map();
  // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js _patchConsoleWith: AWS_LAMBDA_LOG_LEVEL (read once, at start) turns the
  // console methods below it into no-ops; FATAL always logs; console.log is console.info.
  const LEVEL_PRIORITY = { TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, FATAL: 6 };
  const minLevel = LEVEL_PRIORITY[String(config.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()] || LEVEL_PRIORITY.TRACE;
  // The patched methods are `(msg, ...params) => log(level, msg, ...params)`: a call with no arguments still
  // passes one (undefined), so `console.log()` writes `undefined` in text format (util.format(undefined)).
  const leveled = (level) => (LEVEL_PRIORITY[level] >= minLevel || level === 'FATAL' ? (...a) => writeLog(level, a.length === 0 ? [undefined] : a) : () => {});
  const logInfo = leveled('INFO');
  const logWarn = leveled('WARN');
  // Node's console.time* duration text (lib/internal/util/debuglog.js formatTime).
  function formatTime(ms) {
    let hours = 0;
    let minutes = 0;
    let seconds = 0;
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) {
          hours = Math.floor(ms / 3600000);
          ms = ms % 3600000;
        }
        minutes = Math.floor(ms / 60000);
        ms = ms % 60000;
      }
      seconds = ms / 1000;
    }
    if (hours !== 0 || minutes !== 0) {
      const [sec, milli] = seconds.toFixed(3).split('.');
      const pad = (v) => String(v).padStart(2, '0');
      const res = hours !== 0 ? hours + ':' + pad(minutes) : minutes;
      return res + ':' + pad(sec) + '.' + milli + ' (' + (hours !== 0 ? 'h:m' : '') + 'm:ss.mmm)';
    }
    if (seconds !== 0) return seconds.toFixed(3) + 's';
    return Number(ms.toFixed(3)) + 'ms';
  }
  const console = {
    log: logInfo,
    info: logInfo,
    warn: logWarn,
    error: leveled('ERROR'),
    debug: leveled('DEBUG'),
    trace: leveled('TRACE'),
    fatal: leveled('FATAL'),
    dir: (v) => logInfo(util.inspect(v)),
    table: (...a) => logInfo(...a),
    // Node's console methods below call this.log / this.warn, which the runtime has replaced
    // (nodejs/node lib/internal/console/constructor.js: assert → warn, count/time*/group → log).
    // tests/engine/sandbox/console.test.ts holds the simulator to those rules.
    assert: (cond, ...a) => {
      if (!cond) {
        a[0] = 'Assertion failed' + (a.length === 0 ? '' : ': ' + a[0]);
        logWarn(...a);
      }
    },
    count: (label = 'default') => {
      label = String(label);
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      logInfo(label + ': ' + n);
    },
    countReset: (label = 'default') => counts.delete(String(label)),
    time: (label = 'default') => timersLabels.set(String(label), nowMs()),
    timeEnd: (label = 'default') => {
      label = String(label);
      const t = timersLabels.get(label);
      if (t !== undefined) {
        timersLabels.delete(label);
        logInfo('%s: %s', label, formatTime(nowMs() - t));
      }
    },
    timeLog: (label = 'default', ...a) => {
      label = String(label);
      const t = timersLabels.get(label);
      if (t !== undefined) logInfo('%s: %s', label, formatTime(nowMs() - t), ...a);
    },
    group: (...a) => {
      if (a.length > 0) logInfo(...a);
    },
    groupCollapsed: (...a) => {
      if (a.length > 0) logInfo(...a);
    },
    groupEnd: () => {},
  };
  G.console = console;

  // ---------------------------------------------------------------- errors: Node-like stack headers
  // QuickJS stacks hold only frames; V8 stacks start with `Name: message`. Wrap the constructors so
  // user-created errors get a lazily computed V8-style header (class names set after super() count).
  for (const name of ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError']) {
    const Orig = G[name];
    const wrapped = new Proxy(Orig, {
      construct(target, args, newTarget) {
        const e = Reflect.construct(target, args, newTarget === wrapped ? target : newTarget);
        if (newTarget !== wrapped) dropSubclassFrames(e, newTarget, wrapped);
        fixStack(e);
        return e;
      },
      apply(target, thisArg, args) {
        const e = Reflect.construct(target, args);
        fixStack(e);
        return e;
      },
    });
    G[name] = wrapped;
  }
  // V8 collects an error's frames from the caller of `new.target` (Error.captureStackTrace semantics, checked
  // with Node 22: `class MyErr extends Error {…}; new MyErr()` has no `at new MyErr` frame), while QuickJS lists
  // each constructor of the subclass chain on top. Drop those leading frames.
  function dropSubclassFrames(e, newTarget, base) {
    const d = Object.getOwnPropertyDescriptor(e, 'stack');
    if (!d || typeof d.value !== 'string') return;
    const names = new Set();
    for (let c = newTarget; c && c !== base && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      if (typeof c.name === 'string' && c.name) names.add(c.name);
    }
    const lines = d.value.split('\n');
    let i = 0;
    for (; i < lines.length; i++) {
      if (lines[i].endsWith(' (native)') || lines[i].includes('(lambda-triage:')) continue; // the wrapper's own frames
      const m = /^ {4}at ([\w$]+) \(/.exec(lines[i]);
      if (!(m && names.has(m[1]))) break;
    }
    if (i > 0) Object.defineProperty(e, 'stack', { value: lines.slice(i).join('\n'), writable: true, configurable: true, enumerable: false });
  }
  const rawStacks = new WeakMap(); // error → QuickJS's stack at creation (for errors whose stack we rebuilt)
  function fixStack(e) {
    const d = Object.getOwnPropertyDescriptor(e, 'stack');
    if (!d || !('value' in d)) return;
    if (typeof d.value === 'string') rawStacks.set(e, d.value);
    const frames = typeof d.value === 'string' ? util.cleanFrames(d.value) : '';
    let cached;
    Object.defineProperty(e, 'stack', {
      configurable: true,
      enumerable: false,
      get() {
        if (cached === undefined) {
          const header = String(this.name) + (this.message ? ': ' + this.message : '');
          cached = frames ? header + '\n' + frames : header;
        }
        return cached;
      },
      set(v) {
        cached = v;
      },
    });
  }
  G.Error.captureStackTrace = function (obj, constructorOpt) {
    if (obj && typeof obj === 'object' && typeof G.Error.prepareStackTrace === 'function') {
      // V8's stack-trace API: `stack` is what prepareStackTrace makes of the CallSites (builtins/callsites.ts)
      const sites = hostBuiltin('callsites').capture(new G.Error().stack.replace(/^[^\n]*\n?/, ''), constructorOpt);
      obj.stack = G.Error.prepareStackTrace(obj, sites);
      return;
    }
    if (obj && typeof obj === 'object' && !('stack' in obj)) {
      obj.stack = String(obj.name || 'Error') + (obj.message ? ': ' + obj.message : '');
    }
  };
  // QuickJS reports stack exhaustion as `InternalError: stack overflow`; V8 throws
  // `RangeError: Maximum call stack size exceeded`. The host rewrites it when reporting (see toRapid).
  function normaliseError(e) {
    v8ify(e);
    if (e && typeof e === 'object' && e.name === 'InternalError' && e.message === 'stack overflow') {
      const r = new RangeError('Maximum call stack size exceeded');
      const frames = typeof e.stack === 'string' ? util.cleanFrames(e.stack) : '';
      r.stack = 'RangeError: Maximum call stack size exceeded' + (frames ? '\n' + frames : '');
      return r;
    }
    return e;
  }
  // ---------------------------------------------------------------- V8 error messages (v8-messages.ts)
  // QuickJS's own errors are rewritten in place the first time the runtime sees them (thrown out of
  // the handler, uncaught, logged); JSON.parse is wrapped so its SyntaxError reads like V8's at once.
  const v8Done = new WeakSet();
  const RANGE_ERROR_PROTO = G.RangeError.prototype;
  function rawStack(e) {
    const d = Object.getOwnPropertyDescriptor(e, 'stack');
    return d && typeof d.value === 'string' ? d.value : '';
  }
  // Frames, V8's messages and columns, `at async` lines (prelude-errors.ts), loaded by the first error that needs them.
  function errorsPart() {
    return runtimePart('errors', { host, files, v8, rawStack, rawStacks, rangeErrorPrototype: RANGE_ERROR_PROTO, isEsmFile, rejectedFrom, promiseActivation, handlerReceiver });
  }
  // The kinds of error the engine itself raises (a plain Error is always the program's own): only these can carry
  // QuickJS's wording, so a caught or rejected Error of the program's costs nothing here.
  const ENGINE_ERROR_NAMES = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError', 'InternalError']);
  function mayBeEngineError(e) {
    try {
      return e instanceof Error && ENGINE_ERROR_NAMES.has(e.name);
    } catch (_err) {
      // a proxy or an exotic object: the program's own value, left as it is (and the program's catch block still runs)
      return false;
    }
  }
  function v8ify(e) {
    if (!(e instanceof Error) || v8Done.has(e)) return e;
    v8Done.add(e);
    try {
      errorsPart().v8ify(e);
    } catch (_err) {
      // a frozen or exotic error keeps QuickJS's text
    }
    return e;
  }
  {
    const intrinsicJsonParse = JSON.parse;
    Object.defineProperty(JSON, 'parse', {
      value: function parse(text, reviver) {
        try {
          return intrinsicJsonParse(text, reviver);
        } catch (e) {
          if (e instanceof G.SyntaxError && !v8Done.has(e)) {
            v8Done.add(e);
            const msg = v8.json(String(text));
            if (msg !== null) Object.defineProperty(e, 'message', { value: msg, writable: true, configurable: true, enumerable: false });
          }
          throw e;
        }
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  function isOom(e) {
    return e && typeof e === 'object' && e.name === 'InternalError' && e.message === 'out of memory';
  }
  // QuickJS's interrupt: the host stopped the program (the function's timeout, or the wall-clock guard of a runaway
  // loop) and reports the outcome itself. An async handler's promise can still be rejected with it before the next
  // poll stops everything; Lambda never logs such a thing (the process is frozen or killed), so neither does this.
  function isInterrupt(e) {
    try {
      return e !== null && typeof e === 'object' && e.name === 'InternalError' && e.message === 'interrupted';
    } catch (_err) {
      return false;
    }
  }

  // toRapidResponse — https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Errors.js
  function isErrorLike(obj) {
    return !!(obj && obj.name && obj.message && obj.stack && typeof obj.name === 'string' && typeof obj.message === 'string' && typeof obj.stack === 'string');
  }
  function toRapid(error) {
    try {
      if (error instanceof Error || isErrorLike(error)) {
        return {
          errorType: String(error.name).replaceAll('\x7F', '%7F'),
          errorMessage: String(error.message).replaceAll('\x7F', '%7F'),
          trace: util.errorStack(error).replaceAll('\x7F', '%7F').split('\n'),
        };
      }
      return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
    } catch (_e) {
      return {
        errorType: 'handled',
        errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      };
    }
  }
  // toFormatted — https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Errors.js: '\t' + JSON with errorType, errorMessage, code, own props, stack[]
  function withEnumerable(v) {
    if (v instanceof Error) {
      const ret = Object.assign({ errorType: v.name, errorMessage: v.message, code: v.code }, v);
      const st = util.errorStack(v);
      if (typeof st === 'string') ret.stack = st.split('\n');
      return ret;
    }
    return v;
  }
  function toFormatted(error) {
    try {
      return '\t' + JSON.stringify(error, (_k, v) => withEnumerable(v));
    } catch (_e) {
      return '\t' + JSON.stringify(toRapid(error));
    }
  }
  function intoError(err) {
    return err instanceof Error ? err : new Error(err);
  }
  function logError(label, error) {
    if (config.logFormat === 'JSON') writeLog('ERROR', [error]);
    else writeLog('ERROR', [label, toFormatted(error)]);
  }
  // Node's errors with a code: `err.code`, and the code in the stack's first line
  // (`TypeError [ERR_INVALID_ARG_TYPE]: …`); lib/internal/errors.js.
  function nodeError(Ctor, code, message) {
    const e = new Ctor(message);
    e.code = code;
    const frames = String(e.stack).split('\n').slice(1).join('\n');
    e.stack = e.name + ' [' + code + ']: ' + message + (frames ? '\n' + frames : '');
    return e;
  }
  // How Node names a wrong argument after "Received" (lib/internal/errors.js determineSpecificType).
  function receivedText(value) {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    switch (typeof value) {
      case 'bigint':
        return 'type bigint (' + value + 'n)';
      case 'number':
        if (value === 0) return 1 / value === -Infinity ? 'type number (-0)' : 'type number (0)';
        return 'type number (' + (value !== value ? 'NaN' : String(value)) + ')';
      case 'boolean':
        return 'type boolean (' + value + ')';
      case 'symbol':
        return 'type symbol (' + String(value) + ')';
      case 'function':
        return 'function ' + value.name;
      case 'object':
        if (value.constructor && 'name' in value.constructor) return 'an instance of ' + value.constructor.name;
        return util.inspect(value, { depth: -1 });
      default: {
        let s = String(value);
        if (s.length > 28) s = s.slice(0, 25) + '...';
        return s.indexOf("'") === -1 ? "type string ('" + s + "')" : 'type string (' + JSON.stringify(s) + ')';
      }
    }
  }
  // Errors.js defines one class per error (`class HandlerNotFound extends Error {}`) and sets
  // `prototype.name = 'Runtime.' + name`: the JSON log format's errorType is the class name
  // (constructor.name, LogPatch.js), e.g. `HandlerNotFound`, while the payload says `Runtime.HandlerNotFound`.
  // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/Errors.js
  const runtimeErrorClasses = new Map();
  function runtimeError(shortName, message) {
    let RuntimeErrorClass = runtimeErrorClasses.get(shortName);
    if (!RuntimeErrorClass) {
      RuntimeErrorClass = class extends Error {};
      Object.defineProperty(RuntimeErrorClass, 'name', { value: shortName, configurable: true });
      runtimeErrorClasses.set(shortName, RuntimeErrorClass);
    }
    const e = new RuntimeErrorClass(message);
    Object.defineProperty(e, 'name', { value: 'Runtime.' + shortName, writable: true, configurable: true, enumerable: false });
    return e;
  }

  // ---------------------------------------------------------------- promise rejection tracking
  // QuickJS exposes no host rejection tracker through quickjs-emscripten, so the simulator tracks
  // promises created with `new Promise`, `Promise.reject/all/race/…` and their `.then` chains, and the
  // promises of user async functions: the host rewrites each one to go through `__lt_async` /
  // `__lt_wrap` below (user-source.ts), which hand back a tracked promise that follows the intrinsic one.
  const IntrinsicPromise = Promise;
  const handled = new WeakSet();
  const reasons = new WeakMap();
  const unhandled = new Set();
  function markHandled(p) {
    handled.add(p);
    unhandled.delete(p);
  }
  function track(p, reason) {
    reasons.set(p, reason);
    if (!handled.has(p)) unhandled.add(p);
  }
  // ---------------------------------------------------------------- AsyncLocalStorage context
  // Node propagates AsyncLocalStorage stores through async hooks, which QuickJS lacks. Once a storage
  // exists (builtins/async-hooks.ts activates this), the stores current when a callback is scheduled
  // (promise reactions, timers, nextTick, queueMicrotask) are restored when it runs, and an `await` in a
  // rewritten async function resumes with the stores current when the function was called: the awaited
  // value is adopted by an intrinsic promise whose first reaction restores them, right before the
  // continuation (one extra microtask per await, only while a storage exists).
  let alsFrame = null;
  let alsActive = false;
  function alsBind(fn) {
    if (typeof fn !== 'function') return fn;
    const frame = alsFrame;
    return function (...a) {
      const prev = alsFrame;
      alsFrame = frame;
      try {
        return fn.apply(this, a);
      } finally {
        alsFrame = prev;
      }
    };
  }
  function alsAwait(act, value) {
    const frame = act.alsFrame === undefined ? null : act.alsFrame;
    const p = new IntrinsicPromise((resolve) => resolve(value));
    const back = () => {
      alsFrame = frame;
    };
    intrinsicThen.call(p, back, back);
    return p;
  }
  class SimPromise extends IntrinsicPromise {
    constructor(executor) {
      const box = { self: null, settled: false, early: false, reason: undefined };
      super((resolve, reject) => {
        const res = (v) => {
          if (box.settled) return;
          box.settled = true;
          resolve(v);
        };
        const rej = (r) => {
          if (box.settled) return;
          box.settled = true;
          box.reason = r;
          if (box.self) track(box.self, r);
          else box.early = true;
          reject(r);
        };
        try {
          executor(res, rej);
        } catch (e) {
          rej(e);
        }
      });
      box.self = this;
      if (box.early) track(this, box.reason);
    }
    then(onFulfilled, onRejected) {
      markHandled(this);
      // A rejection handler (`.catch(e => …)`, `.then(_, e => …)`) reads the error in V8's words, as a catch block does.
      const onRej = typeof onRejected === 'function' ? (e) => (mayBeEngineError(e) && v8ify(e), onRejected(e)) : onRejected;
      if (alsActive) return super.then(alsBind(onFulfilled), alsBind(onRej));
      return super.then(onFulfilled, onRej);
    }
    static get [Symbol.species]() {
      return SimPromise;
    }
  }
  // Promise.any rejects with V8's `AggregateError: All promises were rejected`, a stack with no frames (checked
  // with Node 22; QuickJS leaves the message empty). This reaction is registered first, so it runs before any
  // of the program's own.
  function v8AggregateError(e) {
    if (e instanceof G.AggregateError && e.message === '') {
      Object.defineProperty(e, 'message', { value: 'All promises were rejected', writable: true, configurable: true, enumerable: false });
      Object.defineProperty(e, 'stack', { value: 'AggregateError: All promises were rejected', writable: true, configurable: true, enumerable: false });
    }
  }
  const PromiseProxy = new Proxy(IntrinsicPromise, {
    construct(_t, args) {
      return new SimPromise(...args);
    },
  });
  for (const k of ['reject', 'resolve', 'all', 'allSettled', 'any', 'race', 'withResolvers']) {
    if (typeof IntrinsicPromise[k] === 'function') {
      const f = IntrinsicPromise[k];
      const combines = k === 'all' || k === 'allSettled' || k === 'any';
      const value = combines
        ? (...a) => {
            const r = f.apply(SimPromise, a);
            linkCombined(k, a[0], r);
            if (k === 'any') intrinsicThen.call(r, undefined, v8AggregateError);
            return r;
          }
        : (...a) => f.apply(SimPromise, a);
      Object.defineProperty(PromiseProxy, k, { value, writable: true, configurable: true });
    }
  }
  G.Promise = PromiseProxy;

  // ---------------------------------------------------------------- V8's `at async …` frames
  // Each call of a rewritten async function is an activation; its `await`s report (site, awaited value).
  // When an awaited promise rejects with an Error, the error gets one `at async NAME (site)` line per
  // activation up the chain of awaiters, skipping functions already among its synchronous frames, as
  // V8's async stack traces do (user-source.ts marks the sites). Promise.all/allSettled/any in the
  // chain print `at async Promise.all (index N)`.
  const activations = []; // activations being entered (their bodies' first statement takes the top)
  const promiseActivation = new WeakMap(); // tracked promise → activation
  const rejectedFrom = new WeakMap(); // error → activation whose promise it rejected first
  const asyncDone = new WeakSet();
  function linkCombined(kind, items, result) {
    if (!Array.isArray(items)) return;
    const pseudo = { awaiter: null };
    promiseActivation.set(result, pseudo);
    items.forEach((p, index) => {
      const act = p && promiseActivation.get(p);
      if (act && !act.awaiter) act.awaiter = { combined: kind, index, act: pseudo };
    });
  }
  function annotateAsync(e, act, site, awaited) {
    if (!(e instanceof Error) || asyncDone.has(e)) return;
    asyncDone.add(e);
    errorsPart().annotateAsync(e, act, site, awaited);
  }
  const intrinsicThen = IntrinsicPromise.prototype.then;
  const AsyncFunctionProto = Object.getPrototypeOf(async function () {});
  function tracked(p, act) {
    if (!(p instanceof IntrinsicPromise) || p instanceof SimPromise) return p;
    // `await` on a SimPromise goes through its `then`, which marks it handled.
    const t = new SimPromise((resolve, reject) =>
      intrinsicThen.call(p, resolve, (e) => {
        if (act && e !== null && typeof e === 'object' && !rejectedFrom.has(e)) rejectedFrom.set(e, act);
        reject(e);
      }),
    );
    if (act) promiseActivation.set(t, act);
    return t;
  }
  function callActivation(fn, self, args) {
    const act = { awaiter: null };
    activations.push(act);
    let p;
    try {
      p = Reflect.apply(fn, self, args);
    } finally {
      activations.pop();
    }
    return tracked(p, act);
  }
  function setFnName(fn, name) {
    if (typeof name === 'string' && name !== '' && fn.name !== name) {
      try {
        Object.defineProperty(fn, 'name', { value: name, configurable: true });
      } catch (_e) {
        // a frozen function keeps its name
      }
    }
  }
  const moduleActivations = new Map();
  const asyncHelpers = {
    // `async function f(…) {…}` → `function f(…){return __lt_async(this,arguments,async function f(…) {…})}`
    __lt_async(self, args, fn, name) {
      setFnName(fn, name);
      return callActivation(fn, self, args);
    },
    // first statement of a rewritten async function: its activation
    __lt_enter() {
      const act = activations.length > 0 ? activations[activations.length - 1] : null;
      if (act) act.alsFrame = alsFrame; // the AsyncLocalStorage stores its awaits resume with
      return act;
    },
    // a top-level await's activation: one per module file, awaited by nobody (V8 ends the chain there)
    __lt_module(path) {
      let act = moduleActivations.get(path);
      if (!act) moduleActivations.set(path, (act = { awaiter: null }));
      return act;
    },
    // `await VALUE` inside a rewritten async function, at `site` ("path:line:col")
    __lt_awaits(act, value, site) {
      if (!act) return value;
      if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
        const inner = promiseActivation.get(value);
        if (inner && !inner.awaiter) inner.awaiter = { act, site };
        if (value instanceof IntrinsicPromise) intrinsicThen.call(value, undefined, (e) => annotateAsync(e, act, site, value));
      }
      return alsActive ? alsAwait(act, value) : value;
    },
    // an async function or arrow expression
    __lt_wrap(fn, name) {
      if (typeof fn !== 'function') return fn;
      setFnName(fn, name);
      const w = {
        wrapped() {
          return callActivation(fn, this, arguments);
        },
      }.wrapped;
      Object.defineProperty(w, 'name', { value: fn.name, configurable: true });
      Object.defineProperty(w, 'length', { value: fn.length, configurable: true });
      Object.setPrototypeOf(w, Object.getPrototypeOf(fn)); // AsyncFunction: constructor.name, toStringTag
      wrappedSource.set(w, fn);
      return w;
    },
    // after a rewritten declaration: it still reads as an AsyncFunction
    __lt_mark(fn) {
      if (typeof fn === 'function' && Object.getPrototypeOf(fn) === Function.prototype) Object.setPrototypeOf(fn, AsyncFunctionProto);
    },
    // `for (const r of VALUE)`: V8's TypeError naming VALUE when it is not iterable (user-source.ts checkIterable)
    __lt_iter(value, text, call) {
      if (value !== null && value !== undefined && typeof value[Symbol.iterator] === 'function') return value;
      throw new G.TypeError(text + (call ? ' is not a function or its return value is not iterable' : ' is not iterable'));
    },
    // First statement of `catch (e) {…}` (user-source.ts): the caught error in V8's words before the handler's own
    // code reads it (`err.message` in a 500 body or a log line), as Node would have raised it.
    __lt_caught(e) {
      if (mayBeEngineError(e)) v8ify(e);
    },
    // `const { id } = VALUE`: V8's TypeError when VALUE is null or undefined (user-source.ts checkDestructuring)
    __lt_dst(value, expr, key, mode) {
      if (value !== null && value !== undefined) return value;
      const what = value === null ? 'null' : 'undefined';
      if (mode === 'r') throw new G.TypeError('Cannot read properties of ' + what + " (reading '" + key + "')");
      if (mode === 'p') throw new G.TypeError("Cannot destructure property '" + key + "' of '" + expr + "' as it is " + what + '.');
      throw new G.TypeError("Cannot destructure '" + expr + "' as it is " + what + '.');
    },
  };
  const wrappedSource = new WeakMap();
  for (const k of Object.keys(asyncHelpers)) {
    Object.defineProperty(G, k, { value: asyncHelpers[k], enumerable: false, writable: false, configurable: false });
  }
  // `toString()` of a rewritten function gives the text you wrote (libraries test it for `async`).
  const nativeFnToString = Function.prototype.toString;
  const fnToString = {
    toString() {
      if (this === fnToString) return 'function toString() { [native code] }';
      const inner = wrappedSource.get(this);
      const text = nativeFnToString.call(inner || this);
      // User code: the host maps the text QuickJS ran back to the text in the file.
      return text.includes('__lt_') ? host.originalSource(text) : text;
    },
  }.toString;
  Object.defineProperty(Function.prototype, 'toString', { value: fnToString, writable: true, configurable: true, enumerable: false });

  // ---------------------------------------------------------------- timers on the virtual clock
  let timerSeq = 0;
  const timers = new Map();
  const TIMEOUT_MAX = 2147483647; // Node: delays outside 1..2^31-1 become 1 ms (https://nodejs.org/api/timers.html#settimeoutcallback-delay-args)
  class Timeout {
    constructor(id) {
      this._id = id;
    }
    ref() {
      const t = timers.get(this._id);
      if (t) t.ref = true;
      return this;
    }
    unref() {
      const t = timers.get(this._id);
      if (t) t.ref = false;
      return this;
    }
    hasRef() {
      const t = timers.get(this._id);
      return !!(t && t.ref);
    }
    refresh() {
      const t = timers.get(this._id);
      if (t) t.due = nowMs() + t.delay;
      return this;
    }
    close() {
      timers.delete(this._id);
      return this;
    }
    [Symbol.toPrimitive]() {
      return this._id;
    }
  }
  class Immediate {
    constructor(id) {
      this._id = id;
    }
    ref() {
      return this;
    }
    unref() {
      return this;
    }
    hasRef() {
      return true;
    }
  }
  function addTimer(kind, fn, delay, args, label) {
    if (typeof fn !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "callback" argument must be of type function. Received ' + receivedText(fn));
    }
    let d = Number(delay);
    if (kind !== 'immediate') {
      if (!(d >= 1 && d <= TIMEOUT_MAX)) d = 1;
    } else d = 0;
    const id = ++timerSeq;
    const handle = kind === 'immediate' ? new Immediate(id) : new Timeout(id);
    timers.set(id, { id, kind, fn, args, delay: d, due: nowMs() + d, ref: true, label, handle, alsFrame });
    return handle;
  }
  // Node calls a timer's callback as a method of its Timeout (`timer._onTimeout()`) or Immediate, so
  // `this` is that object and V8 names the frame `Timeout._onTimeout` / `Immediate.<anonymous>`. The
  // frame rewriter recognises these two callers by name.
  function onTimeout(timer) {
    const prev = alsFrame;
    alsFrame = timer.alsFrame;
    try {
      return timer.fn.apply(timer.handle, timer.args);
    } finally {
      alsFrame = prev;
    }
  }
  function onImmediate(timer) {
    const prev = alsFrame;
    alsFrame = timer.alsFrame;
    try {
      return timer.fn.apply(timer.handle, timer.args);
    } finally {
      alsFrame = prev;
    }
  }
  function clearTimer(h) {
    if (h === null || h === undefined) return;
    const id = typeof h === 'object' ? h._id : Number(h);
    timers.delete(id);
  }
  G.setTimeout = (fn, ms, ...args) => addTimer('timeout', fn, ms, args);
  G.setInterval = (fn, ms, ...args) => addTimer('interval', fn, ms, args);
  G.setImmediate = (fn, ...args) => addTimer('immediate', fn, 0, args);
  G.clearTimeout = clearTimer;
  G.clearInterval = clearTimer;
  G.clearImmediate = clearTimer;
  G.queueMicrotask = (fn) => {
    fn = alsActive ? alsBind(fn) : fn;
    IntrinsicPromise.resolve().then(() => {
      try {
        fn();
      } catch (e) {
        uncaught(e);
      }
    });
  };

  function nextTimer(refOnly) {
    let best = null;
    for (const t of timers.values()) {
      if (refOnly && !t.ref) continue;
      // Immediates run before timers that are due at the same instant (check phase follows I/O).
      const key = t.kind === 'immediate' ? 0 : 1;
      if (best === null || t.due < best.due || (t.due === best.due && (key < best.key || (key === best.key && t.id < best.id)))) {
        best = { due: t.due, key, id: t.id };
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- Buffer, TextEncoder, base64, URL (runtime parts)
  // Buffer, TextEncoder, TextDecoder, btoa, atob: prelude-encoding.ts. URL, URLSearchParams: prelude-url.ts.
  // Evaluated when one of them is first read (or used by a built-in module).
  const bufferBase = G.Uint8Array;
  const encodingPart = () => runtimePart('encoding', { Uint8Array: bufferBase, notAvailable: NOT_AVAILABLE, nodeError, receivedText });
  const urlPart = () => runtimePart('url');
  lazyGlobals(['Buffer', 'TextEncoder', 'TextDecoder', 'btoa', 'atob'], encodingPart);
  lazyGlobals(['URLSearchParams', 'URL'], urlPart);

  // ---------------------------------------------------------------- structuredClone (subset)
  G.structuredClone = function structuredClone(value) {
    const seen = new Map();
    function clone(v) {
      if (v === null || typeof v !== 'object') {
        if (typeof v === 'function' || typeof v === 'symbol') {
          const e = new Error(String(v) + ' could not be cloned.');
          e.name = 'DataCloneError';
          throw e;
        }
        return v;
      }
      if (seen.has(v)) return seen.get(v);
      let out;
      if (v instanceof RealDate) out = new SimDate(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof Map) {
        out = new Map();
        seen.set(v, out);
        for (const [k, x] of v) out.set(clone(k), clone(x));
        return out;
      } else if (v instanceof Set) {
        out = new Set();
        seen.set(v, out);
        for (const x of v) out.add(clone(x));
        return out;
      } else if (ArrayBuffer.isView(v)) out = v.slice();
      else if (Array.isArray(v)) {
        out = [];
        seen.set(v, out);
        for (let i = 0; i < v.length; i++) out[i] = clone(v[i]);
        return out;
      } else {
        out = {};
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      }
      seen.set(v, out);
      return out;
    }
    return clone(value);
  };

  // ---------------------------------------------------------------- fetch and other host APIs
  G.fetch = function fetch() {
    return SimPromise.reject(NOT_AVAILABLE('fetch()'));
  };
  // Node 22 has a global WebSocket but no XMLHttpRequest (https://nodejs.org/api/globals.html): a stub would
  // make axios pick its browser adapter instead of `http`.
  for (const name of ['WebSocket']) {
    G[name] = function () {
      throw NOT_AVAILABLE(name);
    };
  }
  G.global = G;
  // awslambda: UserFunction.js `_loadUserApp` (unless AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA is '1' or 'true')
  // and HttpResponseStream.js, https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/tree/da5777a/src.
  // A streaming handler runs through src/engine/streaming/guest-response-stream.ts (Runtime.js handleOnceStreaming).
  const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
  const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
  const noGlobalAwsLambda = config.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA === '1' || config.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA === 'true';
  if (!noGlobalAwsLambda) {
    G.awslambda = {
      streamifyResponse: (handler, options) => {
        handler[HANDLER_STREAMING] = 'response';
        if (options && typeof options.highWaterMark === 'number') handler[HANDLER_HIGHWATERMARK] = parseInt(options.highWaterMark);
        return handler;
      },
      HttpResponseStream: class HttpResponseStream {
        static from(underlyingStream, prelude) {
          underlyingStream.setContentType('application/vnd.awslambda.http-integration-response');
          // JSON.stringify is required: no NUL byte may appear in the prelude, 8 NUL bytes end it.
          const metadataPrelude = JSON.stringify(prelude);
          underlyingStream._onBeforeFirstWrite = (write) => {
            write(metadataPrelude);
            write(new Uint8Array(8));
          };
          return underlyingStream;
        }
      },
    };
  }
  let streamModule = null;
  function startStreaming(eventJson, info, state) {
    state.streaming = true;
    streamModule = hostBuiltin('response-stream');
    streamModule.start({
      handler: handlerFn,
      eventJson,
      requestId: info.requestId,
      deadline: info.deadline,
      config,
      v4: isV4,
      state,
      post,
      logError,
      normalise: normaliseError,
      isInterrupt,
      intoError,
      toRapid,
      nowMs,
      keepAlive: (label) => hostTimer(-1, label, () => undefined, true),
      handled: (p) => {
        if (p instanceof SimPromise) markHandled(p);
      },
      isExit: (e) => e === exitSignal,
      warn: (m) => G.console.warn(m),
      Promise: IntrinsicPromise,
      runtimeError,
    });
  }

  // ---------------------------------------------------------------- process
  const exitSignal = { exit: true };
  const process = {
    env: config.env,
    version: config.nodeVersion,
    versions: { node: config.nodeVersion.slice(1) },
    platform: 'linux',
    arch: 'x64',
    pid: 8,
    argv: ['/var/lang/bin/node', RUNTIME_FILE],
    execArgv: [],
    title: 'node',
    cwd: () => TASK_ROOT,
    uptime: () => nowMs() / 1000,
    hrtime: Object.assign(
      (prev) => {
        const ns = Math.round(nowMs() * 1e6);
        let s = Math.floor(ns / 1e9);
        let n = ns % 1e9;
        if (prev) {
          s -= prev[0];
          n -= prev[1];
          if (n < 0) (s -= 1), (n += 1e9);
        }
        return [s, n];
      },
      { bigint: () => BigInt(Math.round(nowMs() * 1e6)) },
    ),
    memoryUsage: Object.assign(() => host.memoryUsage(), { rss: () => host.memoryUsage().rss }),
    nextTick: (fn, ...args) => {
      fn = alsActive ? alsBind(fn) : fn;
      IntrinsicPromise.resolve().then(() => {
        try {
          fn(...args);
        } catch (e) {
          uncaught(e);
        }
      });
    },
    exit: (code) => {
      host.exit(code === undefined ? 0 : Number(code) | 0);
      throw exitSignal;
    },
    on() {
      return process;
    },
    once() {
      return process;
    },
    off() {
      return process;
    },
    emitWarning: (w) => writeLog('WARN', ['(node:8) ' + (w instanceof Error ? w.name + ': ' + w.message : 'Warning: ' + String(w))]),
    stdout: { write: (s) => (writeLog('INFO', [String(s).replace(/\n$/, '')]), true) },
    stderr: { write: (s) => (writeLog('ERROR', [String(s).replace(/\n$/, '')]), true) },
  };
  G.process = process;
  // node v22.23.3: Object.prototype.toString.call(process) is '[object process]' (an own, non-enumerable
  // Symbol.toStringTag); axios chooses its http adapter by it.
  Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: true, enumerable: false, configurable: false });
  G.crypto = {
    randomUUID,
    getRandomValues(arr) {
      for (let i = 0; i < arr.length; i++) arr[i] = Math.floor(random() * 256);
      return arr;
    },
    subtle: new Proxy({}, { get: (_t, k) => () => SimPromise.reject(NOT_AVAILABLE('crypto.subtle.' + String(k))) }),
  };

  // ---------------------------------------------------------------- built-in modules
  function unavailableModule(name, names) {
    // builtins/unavailable.ts: each function throws naming the calling package and the Node runner
    return hostBuiltin('unavailable').module(name, names);
  }
  // path: src/engine/sandbox/builtins/path.ts (loaded on first use; the runtime uses it for module file names)
  const path = {
    dirname: (p) => loadBuiltin('path').dirname(p),
    normalize: (p) => loadBuiltin('path').normalize(p),
  };
  // EventEmitter and the `events` module: src/engine/sandbox/builtins/events.ts
  const utilModule = () => ({
    format: util.format,
    inspect: util.inspect,
    // promisify and types: src/engine/sandbox/builtins/util-extras.ts (added when util is required)
    callbackify: (fn) => (...args) => {
      const cb = args.pop();
      fn(...args).then((v) => cb(null, v), (e) => cb(e));
    },
    isDeepStrictEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    TextEncoder: encodingPart().TextEncoder,
    TextDecoder: encodingPart().TextDecoder,
    inherits(ctor, superCtor) {
      Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
      Object.setPrototypeOf(ctor, superCtor);
    },
  });
  const builtins = {
    util: () => Object.assign(utilModule(), hostBuiltin('util-extras').util),
    // Modules of src/engine/sandbox/builtins/, evaluated on first require (guest-api.ts).
    crypto: () => hostBuiltin('crypto'),
    zlib: () => hostBuiltin('zlib'),
    fs: () => hostBuiltin('fs'),
    'fs/promises': () => hostBuiltin('fs/promises'),
    stream: () => hostBuiltin('stream'),
    'stream/promises': () => hostBuiltin('stream/promises'),
    string_decoder: () => hostBuiltin('string_decoder'),
    async_hooks: () => hostBuiltin('async_hooks'),
    console: () => hostBuiltin('console'),
    buffer: () => ({ Buffer: encodingPart().Buffer, atob: G.atob, btoa: G.btoa }),
    events: () => hostBuiltin('events'),
    path: () => hostBuiltin('path'),
    'path/posix': () => hostBuiltin('path'),
    process: () => process,
    timers: () => ({ setTimeout: G.setTimeout, setInterval: G.setInterval, setImmediate: G.setImmediate, clearTimeout: G.clearTimeout, clearInterval: G.clearInterval, clearImmediate: G.clearImmediate }),
    'timers/promises': () => ({
      setTimeout: (ms, value) => new SimPromise((res) => G.setTimeout(() => res(value), ms)),
      setImmediate: (value) => new SimPromise((res) => G.setImmediate(() => res(value))),
    }),
    url: () => Object.assign({ URL: urlPart().URL, URLSearchParams: urlPart().URLSearchParams }, hostBuiltin('url-extras')),
    querystring: () => hostBuiltin('querystring'),
    assert: () => hostBuiltin('assert'),
    'assert/strict': () => hostBuiltin('assert/strict'),
    os: () => ({ EOL: '\n', platform: () => 'linux', tmpdir: () => '/tmp', hostname: () => '169.254.10.1', cpus: () => [], totalmem: () => config.memoryMB * 1048576, freemem: () => 0 }),
    http: () => hostBuiltin('http'),
    https: () => hostBuiltin('https'),
    tty: () => hostBuiltin('tty'),
    'stream/web': () => hostBuiltin('stream/web'),
    diagnostics_channel: () => hostBuiltin('diagnostics_channel'),
    http2: () => unavailableModule('http2', ['connect', 'createServer']),
    net: () => unavailableModule('net', ['connect', 'createConnection', 'createServer', 'Socket']),
    tls: () => unavailableModule('tls', ['connect', 'createServer']),
    dns: () => unavailableModule('dns', ['lookup', 'resolve']),
    child_process: () => unavailableModule('child_process', ['exec', 'execSync', 'spawn', 'spawnSync', 'fork', 'execFile']),
    worker_threads: () => unavailableModule('worker_threads', ['Worker']),
    vm: () => unavailableModule('vm', ['runInNewContext', 'runInThisContext', 'Script', 'createContext']),
  };
  // The runtime pieces the modules of src/engine/sandbox/builtins/ receive (GuestDeps in guest-api.ts).
  let guestDeps = null;
  // Who called: the packages on the caller's stack (`/node_modules/<pkg>/` frames), innermost first, as
  // "The package 'a' (used by 'b')", or "This code" when no package frame is on the stack.
  function callerText() {
    const pkgs = [];
    const re = /\/node_modules\/((?:@[^/\s:)]+\/)?[^/\s:)]+)\//g;
    const stack = String(new Error().stack || '');
    let m;
    while ((m = re.exec(stack)) !== null) if (!pkgs.includes(m[1])) pkgs.push(m[1]);
    if (pkgs.length === 0) return 'This code';
    return "The package '" + pkgs[0] + "'" + (pkgs.length > 1 ? " (used by '" + pkgs[pkgs.length - 1] + "')" : '');
  }
  function hostBuiltin(name) {
    if (!guestDeps) {
      guestDeps = {
        get Buffer() {
          return encodingPart().Buffer;
        },
        get EventEmitter() {
          return loadBuiltin('events');
        },
        Promise: SimPromise,
        random,
        nodeError,
        receivedText,
        format: util.format,
        inspect: util.inspect,
        console: G.console,
        notAvailable: NOT_AVAILABLE,
        callerText,
        nextTick: process.nextTick,
        setImmediate: G.setImmediate,
        loadBuiltin,
        taskFiles: files,
        asyncContext: {
          get: () => alsFrame,
          set: (frame) => {
            alsFrame = frame;
          },
          activate: () => {
            alsActive = true;
          },
        },
        tmpFs(op, p, arg, data) {
          // the bytes cross as (buffer, offset, length): the host copies them (ArrayBuffer.slice is slow in QuickJS)
          const r = data ? host.tmpFs(op, p, JSON.stringify(arg), data.buffer, data.byteOffset, data.byteLength) : host.tmpFs(op, p, JSON.stringify(arg));
          const answer = JSON.parse(r.json);
          if (r.data !== undefined) answer.data = r.data;
          return answer;
        },
      };
    }
    if (!hostBuiltinCache.has(name)) hostBuiltinCache.set(name, host.builtin(name)(guestDeps));
    return hostBuiltinCache.get(name);
  }
  const hostBuiltinCache = new Map();
  const builtinCache = new Map();
  function builtinName(spec) {
    const n = spec.startsWith('node:') ? spec.slice(5) : spec;
    return Object.prototype.hasOwnProperty.call(builtins, n) ? n : null;
  }
  function loadBuiltin(name) {
    if (!builtinCache.has(name)) builtinCache.set(name, builtins[name]());
    return builtinCache.get(name);
  }

  // ---------------------------------------------------------------- CommonJS
  const files = config.files; // { '/var/task/index.js': source, ... }
  const moduleCache = new Map();
  function fileExists(p) {
    return Object.prototype.hasOwnProperty.call(files, p);
  }
  function moduleNotFound(request, parents) {
    // Node's MODULE_NOT_FOUND message with the require stack — https://github.com/aws-samples/s3-to-lambda-patterns/issues/40
    const stack = parents.concat([RUNTIME_FILE]);
    const e = new Error("Cannot find module '" + request + "'\nRequire stack:\n" + stack.map((s) => '- ' + s).join('\n'));
    e.code = 'MODULE_NOT_FOUND';
    e.requireStack = stack;
    return e;
  }
  // Node's resolution runs on the host (module-resolution.ts); a failure comes back as Node's code and text.
  function packageOf(filename) {
    // the innermost package (module-resolution.ts packageOfPath)
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(filename || '');
    return m ? m[1] : null;
  }
  function nativeAddonError(pkg, what) {
    // The sandbox cannot run compiled code; name the package and the way out (the real-Node runner).
    const e = new Error(
      (pkg ? "The package '" + pkg + "'" : 'This code') + ' needs a native addon (' + what + '), a compiled Node.js module that the Lambda Triage sandbox cannot load. Run the function with the Node runner (--runner node) to use it.',
    );
    e.code = 'ERR_LAMBDA_TRIAGE_NATIVE_ADDON';
    return e;
  }
  const NATIVE_LOADERS = ['bindings', 'node-gyp-build', 'node-pre-gyp', '@mapbox/node-pre-gyp', 'prebuild-install'];
  function resolveRequest(spec, mod) {
    if (NATIVE_LOADERS.includes(spec)) throw nativeAddonError(packageOf(mod.filename), "loaded through '" + spec + "'");
    const r = JSON.parse(host.resolve(spec, mod.filename, 'require'));
    if (r.ok) return r.path;
    if (r.code === 'MODULE_NOT_FOUND' && r.message === "Cannot find module '" + spec + "'") throw moduleNotFound(spec, parentsOf(mod));
    const e = new Error(r.message);
    e.code = r.code;
    throw e;
  }
  function parentsOf(mod) {
    const out = [];
    for (let m = mod; m; m = m.parent) out.push(m.filename);
    return out;
  }
  function makeRequire(mod) {
    const req = function require(spec) {
      spec = String(spec);
      const b = builtinName(spec);
      if (b) return loadBuiltin(b);
      if (host.hasSimModule(spec)) return requireSim(spec);
      return requirePath(resolveRequest(spec, mod), mod);
    };
    req.resolve = (spec) => {
      spec = String(spec);
      const b = builtinName(spec);
      if (b) return spec;
      return resolveRequest(spec, mod);
    };
    req.cache = {};
    return req;
  }
  function requirePath(filename, parent) {
    const cached = moduleCache.get(filename);
    if (cached) return cached.exports;
    if (filename.endsWith('.node')) throw nativeAddonError(packageOf(filename), filename.slice(filename.lastIndexOf('/') + 1));
    if (filename.endsWith('.mjs') || isEsmFile(filename)) {
      // require(esm): Node 22.12+ loads synchronous ES modules; the simulator evaluates it on the host.
      const ns = host.requireEsm(filename);
      return ns;
    }
    const mod = { id: filename, filename, exports: {}, parent: parent || null, loaded: false, children: [], paths: [] };
    mod.require = makeRequire(mod);
    moduleCache.set(filename, mod);
    try {
      if (filename.endsWith('.json')) {
        mod.exports = JSON.parse(files[filename]);
      } else {
        const fn = host.compile(filename, files[filename]);
        fn.call(mod.exports, mod.exports, mod.require, mod, filename, path.dirname(filename));
      }
    } catch (e) {
      moduleCache.delete(filename);
      throw e;
    }
    mod.loaded = true;
    return mod.exports;
  }
  const simCache = new Map();
  function requireSim(spec) {
    if (simCache.has(spec)) return simCache.get(spec);
    const info = host.simModule(spec); // { format, source }
    if (info.format === 'esm') {
      const ns = host.requireEsm('sim:' + spec);
      simCache.set(spec, ns);
      return ns;
    }
    const mod = { id: 'sim:' + spec, filename: '/opt/nodejs/node_modules/' + spec + '/index.js', exports: {}, parent: null, loaded: false };
    mod.require = makeRequire(mod);
    simCache.set(spec, mod.exports);
    const fn = host.compile(mod.filename, info.source);
    fn.call(mod.exports, mod.exports, mod.require, mod, mod.filename, path.dirname(mod.filename));
    simCache.set(spec, mod.exports);
    return mod.exports;
  }
  // The format Node gives a file (nearest package.json "type", then syntax detection; a .ts file by its
  // stripped JavaScript): module-resolution.ts on the host, cached here because stack frames ask often.
  const formatCache = new Map();
  function isEsmFile(filename) {
    if (filename.endsWith('.mjs') || filename.endsWith('.mts')) return true;
    if (filename.endsWith('.cjs') || filename.endsWith('.cts') || filename.endsWith('.json')) return false;
    if (!formatCache.has(filename)) formatCache.set(filename, host.moduleFormat(filename) === 'esm');
    return formatCache.get(filename);
  }

  // ESM glue used by the host's module loader.
  function esmShim(kind, id) {
    // Returns ES module source re-exporting a CommonJS/builtin/simulated module's keys.
    let value;
    if (kind === 'builtin') value = loadBuiltin(id);
    else if (kind === 'sim') value = requireSim(id);
    else value = requirePath(id, null);
    const names = value && (typeof value === 'object' || typeof value === 'function') ? Object.keys(value).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default') : [];
    // A simulated package may answer names it does not list (the AWS SDK packages stub every command, client and
    // exception, so an import of something not simulated links and fails only when called). Export the names the
    // function's files import from it, when the package gives a value for them.
    if (kind === 'sim' && value && typeof value === 'object') {
      for (const n of importedNames(id)) if (!names.includes(n) && value[n] !== undefined) names.push(n);
    }
    const ref = 'globalThis[Symbol.for("lambda-triage.esm")](' + JSON.stringify(kind) + ',' + JSON.stringify(id) + ')';
    return 'const __m = ' + ref + ';\nexport default __m;\n' + names.map((n) => 'export const ' + n + ' = __m[' + JSON.stringify(n) + '];').join('\n');
  }
  Object.defineProperty(G, Symbol.for('lambda-triage.esm'), {
    value: (kind, id) => (kind === 'builtin' ? loadBuiltin(id) : kind === 'sim' ? requireSim(id) : requirePath(id, null)),
    enumerable: false,
  });
  // Names that the function's files import or re-export from `spec` (`import { A, B as C } from 'spec'`,
  // `export { A } from 'spec'`), for esmShim. A textual scan: a name found in a comment or string only adds
  // a harmless export.
  function importedNames(spec) {
    const out = [];
    const quoted = spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const re = new RegExp('\\b(?:import|export)\\s*(?:type\\s+)?(?:[\\w$]+\\s*,\\s*)?\\{([^}]*)\\}\\s*from\\s*[\'"]' + quoted + '[\'"]', 'g');
    for (const f of Object.keys(files)) {
      const text = files[f];
      if (typeof text !== 'string' || !text.includes(spec)) continue;
      re.lastIndex = 0;
      let m;
      while ((m = re.exec(text)) !== null) {
        for (const part of m[1].split(',')) {
          const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
          if (/^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default' && !out.includes(name)) out.push(name);
        }
      }
      // `import * as ns from 'spec'`: the members read as `ns.Name`.
      const star = new RegExp('\\bimport\\s*\\*\\s*as\\s+([A-Za-z_$][\\w$]*)\\s+from\\s*[\'"]' + quoted + '[\'"]', 'g');
      let s;
      while ((s = star.exec(text)) !== null) {
        const member = new RegExp('(?:^|[^\\w$.])' + s[1].replace(/\$/g, '\\$') + '\\s*\\.\\s*([A-Za-z_$][\\w$]*)', 'g');
        let mm;
        while ((mm = member.exec(text)) !== null) if (mm[1] !== 'default' && !out.includes(mm[1])) out.push(mm[1]);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- handler loading (UserFunction.load)
  let handlerFn = null;
  let handlerString = config.handler;
  function splitHandler(full) {
    if (full.includes('..')) {
      throw runtimeError('MalformedHandlerName', "'" + full + "' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
    }
    const base = full.slice(full.lastIndexOf('/') + 1);
    const moduleRoot = full.slice(0, full.indexOf(base));
    const m = /^([^.]*)\.(.*)$/.exec(base);
    if (!m) throw runtimeError('MalformedHandlerName', 'Bad handler');
    return { moduleRoot, module: m[1], handlerPath: m[2] };
  }
  // QuickJS words syntax errors its own way; the host parses the failing file with acorn and names the error
  // as V8 does (v8-syntax-errors.ts, held to Node 22 captures). The failing file is the one QuickJS's stack
  // points at; without one, QuickJS's text stays.
  function v8SyntaxMessage(e) {
    if (typeof host.v8SyntaxError !== 'function') return null;
    const m = /(\/var\/task\/[^:()\s]+):\d+/.exec(String(rawStacks.get(e) || rawStack(e) || ''));
    const found = m ? host.v8SyntaxError(m[1]) : '';
    return found ? JSON.parse(found).message : null;
  }
  function wrapLoadError(e) {
    if (e instanceof SyntaxError || (e && e.name === 'SyntaxError')) {
      const v8Message = v8SyntaxMessage(e);
      if (v8Message) Object.defineProperty(e, 'message', { value: v8Message, writable: true, configurable: true, enumerable: false });
      const w = runtimeError('UserCodeSyntaxError', String(e));
      return w;
    }
    if (e && e.code === 'MODULE_NOT_FOUND') return runtimeError('ImportModuleError', String(e));
    return e;
  }
  // Node's ModuleJob.run adds a hint to a ReferenceError for a CommonJS global thrown while an ES module
  // graph evaluates (only then: the same error inside a later handler call keeps the plain message), and,
  // when the entry file is a `.js` file of a `"type": "module"` package, says why it is an ES module.
  // Wording captured from Node 22.23; source: lib/internal/modules/esm/module_job.js,
  // https://github.com/nodejs/node/blob/v22.x/lib/internal/modules/esm/module_job.js
  let esmEntryPath = null;
  const COMMONJS_GLOBAL_NOT_DEFINED = /^(require|module|exports|__filename|__dirname) is not defined$/;
  function decorateEsmScopeError(e) {
    if (!(e instanceof Error) || e.name !== 'ReferenceError' || typeof e.message !== 'string') return e;
    if (!COMMONJS_GLOBAL_NOT_DEFINED.test(e.message)) return e;
    const plain = e.message;
    let message = plain + ' in ES module scope';
    if (plain.startsWith('require ')) message += ', you can use import instead';
    if (esmEntryPath && esmEntryPath.endsWith('.js')) {
      // The nearest package.json decides (Node's package scope lookup).
      for (let dir = path.dirname(esmEntryPath); ; dir = path.dirname(dir)) {
        const pj = (dir === '/' ? '' : dir) + '/package.json';
        if (typeof files[pj] === 'string') {
          let type = null;
          try {
            type = JSON.parse(files[pj]).type;
          } catch (_e) {
            type = null;
          }
          if (type === 'module')
            message +=
              "\nThis file is being treated as an ES module because it has a '.js' file extension and '" +
              pj +
              '\' contains "type": "module". To treat it as a CommonJS script, rename it to use the \'.cjs\' file extension.';
          break;
        }
        if (dir === '/' || dir === '.') break;
      }
    }
    Object.defineProperty(e, 'message', { value: message, writable: true, configurable: true, enumerable: false });
    if (typeof e.stack === 'string' && e.stack.startsWith('ReferenceError: ' + plain)) {
      const rest = e.stack.slice(('ReferenceError: ' + plain).length);
      Object.defineProperty(e, 'stack', { value: 'ReferenceError: ' + message + rest, writable: true, configurable: true, enumerable: false });
    }
    return e;
  }
  // Returns { kind: 'cjs' } when the app is loaded, or { kind: 'esm', path } for the host to evaluate.
  function beginLoad() {
    const r = beginLoadInner();
    if (r && r.kind === 'esm') esmEntryPath = r.path;
    return r;
  }
  function beginLoadInner() {
    const { moduleRoot, module } = splitHandler(handlerString);
    const base = path.normalize(TASK_ROOT + '/' + moduleRoot + module);
    if (fileExists(base)) return finishCjs(base);
    if (fileExists(base + '.js')) return isEsmFile(base + '.js') ? { kind: 'esm', path: base + '.js' } : finishCjs(base + '.js');
    if (fileExists(base + '.mjs')) return { kind: 'esm', path: base + '.mjs' };
    if (fileExists(base + '.cjs')) return finishCjs(base + '.cjs');
    // TypeScript stands for the JavaScript a build step emits (typescript.ts): app.ts when there is no app.js.
    for (const ext of ['.ts', '.mts', '.cts']) {
      if (fileExists(base + ext)) return isEsmFile(base + ext) ? { kind: 'esm', path: base + ext } : finishCjs(base + ext);
    }
    throw runtimeError('ImportModuleError', String(moduleNotFound(module, [])));
  }
  let userApp = null;
  function finishCjs(p) {
    userApp = requirePath(p, null);
    return { kind: 'cjs' };
  }
  function resolveHandler(app) {
    const { handlerPath } = splitHandler(handlerString);
    const fn = handlerPath.split('.').reduce((n, k) => n && n[k], app);
    if (!fn) throw runtimeError('HandlerNotFound', handlerString + ' is undefined or not exported');
    if (typeof fn !== 'function') throw runtimeError('HandlerNotFound', handlerString + ' is not a function');
    return fn;
  }
  const CALLBACK_WARNING =
    // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/WarningForCallbackHandlers.js (argsNum == 3, non-async, not streaming)
    'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.';
  const CALLBACK_REMOVED =
    // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html (open-telemetry/opentelemetry-js-contrib#3251; H4ad/serverless-adapter#378)
    'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
  // A rewritten async method (user-source.ts) is a plain method whose body calls `__lt_async`.
  const REWRITTEN_ASYNC = /^[^{]*\)\{return __lt_async\(this,arguments,async /;
  function isAsyncFn(fn) {
    if (fn.constructor && fn.constructor.name === 'AsyncFunction') return true;
    try {
      return REWRITTEN_ASYNC.test(intrinsicFnToString.call(fn));
    } catch (_e) {
      return false;
    }
  }
  const intrinsicFnToString = nativeFnToString;
  function finishLoad() {
    handlerFn = resolveHandler(userApp);
    try {
      host.markHandler(intrinsicFnToString.call(wrappedSource.get(handlerFn) || handlerFn), splitHandler(handlerString).handlerPath);
    } catch (_e) {
      // a bound or native handler has no source: its frames keep their plain names
    }
    // nodejs24.x (runtime interface client v4) decides by the parameter count alone: any handler that
    // declares three or more parameters and is not a streaming handler is rejected, an `async` one too
    // (src/function/callback-deprecation.ts `argsNum >= 3 && !streaming`; argsNum is `handler.length`,
    // src/function/user-function-loader.ts), https://github.com/aws/aws-lambda-nodejs-runtime-interface-client
    const streaming = handlerFn[HANDLER_STREAMING] === 'response';
    if (isV4 && handlerFn.length >= 3 && !streaming) {
      throw runtimeError('CallbackHandlerDeprecated', CALLBACK_REMOVED);
    }
    if (!isAsyncFn(handlerFn) && handlerFn.length === 3 && !streaming && config.env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined) {
      console.warn(CALLBACK_WARNING);
    }
  }

  // ---------------------------------------------------------------- invoke protocol (Runtime.js + CallbackContext.js)
  // nodejs24.x runs version 4 of the runtime interface client, whose invoke protocol differs (startInvokeV4);
  // https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/
  const isV4 = config.runtime === 'nodejs24.x';
  // The object whose `handler` property the runtime calls (stack frames name it; prelude-errors.ts says why).
  function handlerReceiver() {
    if (!isV4 && !multiConcurrent) return 'Runtime';
    return handlerFn && handlerFn[HANDLER_STREAMING] === 'response' ? 'StreamingInvokeProcessor' : 'BufferedInvokeProcessor';
  }
  let inv = null; // current invocation state
  // Managed Instances: the invocations in flight, by request id (the runtime keeps one state per invocation).
  const invs = new Map();
  function post(kind, value) {
    postTo(inv, kind, value);
  }
  function postTo(state, kind, value) {
    if (!state || state.posted) return;
    state.posted = true;
    state.outcome = kind;
    state.value = value;
  }
  function serialise(result) {
    // RAPIDClient._trySerializeResponse: JSON.stringify(body === undefined ? null : body)
    try {
      return JSON.stringify(result === undefined ? null : result);
    } catch (_e) {
      throw new Error('Unable to stringify response body');
    }
  }
  function buildCallbacks(state) {
    const postError = (err) => {
      if (isInterrupt(err)) return;
      err = normaliseError(err);
      if (isOom(err)) {
        host.oom();
        return;
      }
      logError('Invoke Error', intoError(err));
      postTo(state, 'error', toRapid(err));
    };
    let completeInvoked = false;
    const complete = (result) => {
      if (completeInvoked) {
        console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
        return;
      }
      completeInvoked = true;
      // Serialised later by `status()` from a top-level host call: JSON.stringify of a multi-MB string
      // inside a promise job leaks a GC object in QuickJS (JS_FreeRuntime assertion), so it must not run there.
      postTo(state, 'success-raw', result);
    };
    state.postError = postError;
    let waitForEmptyEventLoop = true;
    const callback = (err, result) => {
      state.beforeExit = null;
      if (err !== undefined && err !== null) postError(err);
      else if (!waitForEmptyEventLoop) complete(result);
      // The response is serialised inside this setImmediate (RAPIDClient.js postInvocationResponse →
      // _trySerializeResponse): an unserialisable result throws 'Unable to stringify response body' there,
      // outside any handler, so it is an Uncaught Exception that ends the process (index.mjs, exit 129):
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/CallbackContext.js
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/RAPIDClient.js
      else
        state.beforeExit = () =>
          G.setImmediate(() => {
            if (completeInvoked) return complete(result);
            completeInvoked = true;
            postTo(state, 'success', serialise(result));
          });
    };
    const done = (err, result) => {
      state.beforeExit = null;
      if (err !== undefined && err !== null) postError(err);
      else complete(result);
    };
    const succeed = (r) => done(null, r);
    const fail = (err) => (err === undefined || err === null ? done('handled') : done(err, null));
    let finished = false;
    const once = (f) =>
      function () {
        if (!finished) {
          f.apply(null, arguments);
          finished = true;
        }
      };
    return {
      callback: once(callback),
      succeed: once(succeed),
      fail: once(fail),
      done: once(done),
      get waitForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set waitForEmptyEventLoop(v) {
        waitForEmptyEventLoop = v;
      },
      markCompleted: () => {
        completeInvoked = true;
      },
    };
  }
  // Runtime interface client v4 (nodejs24.x), https://github.com/aws/aws-lambda-nodejs-runtime-interface-client
  // (v4.1.0): src/runtime/buffered-invoke-processor.ts awaits `handler(event, context)` (no callback argument),
  // src/runtime/lifecycle-manager.ts answers one setImmediate later (`succeed` / `fail`, the latter logging
  // 'Invoke Error'); there is no beforeExit listener, so the runtime never waits for an empty event loop: timers
  // still pending run when a later invocation thaws the environment. src/context/context-builder.ts builds the
  // context without succeed/fail/done or callbackWaitsForEmptyEventLoop. A result JSON.stringify cannot encode
  // throws Runtime.JSONStringifyError inside `succeed` (src/utils/serialize.ts), which processInvoke catches and
  // reports as an Invoke Error: the process lives on.
  function startInvokeV4(eventJson, info, state) {
    const cb = buildCallbacks(state);
    const context = {
      clientContext: undefined,
      identity: undefined,
      invokedFunctionArn: config.functionArn,
      awsRequestId: info.requestId,
      // Lambda-Runtime-Aws-Tenant-Id and Lambda-Runtime-Trace-Id: undefined unless the headers are sent; the
      // simulator sends neither (no tenant isolation, no X-Ray).
      tenantId: undefined,
      xRayTraceId: undefined,
      getRemainingTimeInMillis: () => Math.max(0, Math.floor(state.deadline - nowMs())),
      functionName: config.functionName,
      functionVersion: config.functionVersion,
      memoryLimitInMB: String(config.memoryMB),
      logGroupName: config.logGroupName,
      logStreamName: config.logStreamName,
    };
    const later = (f) => G.setImmediate(f);
    const fail = (e) => later(() => state.postError(e));
    let r;
    try {
      r = handlerFn(JSON.parse(eventJson), context);
    } catch (e) {
      if (e === exitSignal) return;
      fail(e);
      return;
    }
    state.returnedPromise = true;
    if (r instanceof SimPromise) markHandled(r);
    // Managed Instances: the answer and the `Invoke Error` line stay in this invocation's store.
    const inStore = multiConcurrent ? alsBind : (f) => f;
    IntrinsicPromise.prototype.then.call(
      IntrinsicPromise.resolve(r),
      inStore((v) => later(() => postTo(state, 'success-raw', v))),
      inStore(fail),
    );
  }
  function startInvoke(eventJson, info) {
    if (multiConcurrent) return startConcurrentInvoke(eventJson, info);
    currentRequestId = info.requestId;
    const state = { posted: false, outcome: null, value: null, beforeExit: null, returnedPromise: false, deadline: info.deadline, v4: isV4 };
    inv = state;
    if (handlerFn && handlerFn[HANDLER_STREAMING] === 'response') return startStreaming(eventJson, info, state);
    if (isV4) return startInvokeV4(eventJson, info, state);
    const cb = buildCallbacks(state);
    // Default exit listener (Runtime.js `_setDefaultExitListener`,
    // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/Runtime.js): once the loop
    // drains with no answer, a handler that is not an `async function` succeeds with null, even when it returned
    // a promise that never settled (the RIC decides by `handler.constructor.name === 'AsyncFunction'`,
    // UserFunction.js `_isAsync`, not by the returned value); an async handler fails with Runtime.NodeJsExit,
    // which the executor reports when this listener declines (returns false).
    const handlerIsAsync = isAsyncFn(handlerFn);
    state.beforeExit = () => {
      if (handlerIsAsync) return false;
      cb.markCompleted();
      post('success', 'null');
      return true;
    };
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return cb.waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(v) {
        cb.waitForEmptyEventLoop = v;
      },
      succeed: cb.succeed,
      fail: cb.fail,
      done: cb.done,
      functionVersion: config.functionVersion,
      functionName: config.functionName,
      memoryLimitInMB: String(config.memoryMB),
      logGroupName: config.logGroupName,
      logStreamName: config.logStreamName,
      clientContext: undefined,
      identity: undefined,
      invokedFunctionArn: config.functionArn,
      awsRequestId: info.requestId,
      // InvokeContext.js `_headerData` copies the Lambda-Runtime-Aws-Tenant-Id header; it is absent (undefined)
      // unless the function uses tenant isolation, which the simulator does not model:
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/InvokeContext.js
      tenantId: undefined,
      getRemainingTimeInMillis: () => Math.max(0, Math.floor(state.deadline - nowMs())),
    };
    try {
      const event = JSON.parse(eventJson);
      const r = handlerFn(event, context, cb.callback);
      if (r && typeof r.then === 'function') {
        state.returnedPromise = true;
        // The RIC attaches its handlers at once (`result.then(succeed, fail)`): the handler's own
        // promise is handled, even when it rejects before the job below has run.
        if (r instanceof SimPromise) markHandled(r);
        IntrinsicPromise.prototype.then.call(
          IntrinsicPromise.resolve(r),
          (v) => {
            try {
              cb.succeed(v);
            } catch (e) {
              cb.fail(e);
            }
          },
          (e) => cb.fail(e),
        );
      }
    } catch (e) {
      if (e === exitSignal) return;
      cb.callback(e);
    }
  }

  // Lambda Managed Instances (runtime interface client v4 in multi-concurrent mode, src/runtime/runtime.ts
  // `processMultiConcurrent`): each invocation starts in its own AsyncLocalStorage store and runs beside the others
  // in the same isolate, so module scope is shared and `context`, the request id and the answer are per invocation.
  // The v4 invoke protocol is used on nodejs22.x too: v4 is the only Node.js runtime client with a multi-concurrent
  // mode (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client); which client nodejs22.x uses on
  // Managed Instances is UNVERIFIED.
  function startConcurrentInvoke(eventJson, info) {
    const state = { posted: false, outcome: null, value: null, beforeExit: null, returnedPromise: false, deadline: info.deadline, v4: true, requestId: info.requestId };
    invs.set(info.requestId, state);
    alsActive = true;
    const prev = alsFrame;
    alsFrame = new Map(alsFrame || []);
    alsFrame.set(INVOKE_STORE_KEY, state);
    try {
      return startInvokeV4(eventJson, info, state);
    } finally {
      alsFrame = prev;
    }
  }

  // Called by the host for every macrotask; returns a status string.
  function runNext() {
    const t = nextTimer(false);
    if (!t) return;
    const timer = timers.get(t.id);
    if (timer.kind === 'interval') timer.due = nowMs() + timer.delay;
    else timers.delete(t.id);
    try {
      if (!timer.handle) timer.fn.apply(undefined, timer.args);
      else if (timer.kind === 'immediate') onImmediate(timer);
      else onTimeout(timer);
    } catch (e) {
      uncaught(e);
    }
  }
  let processFailure = null; // set when the runtime process would exit (uncaught error / unhandled rejection)
  function uncaught(e) {
    if (e === exitSignal) return;
    e = normaliseError(e);
    if (isOom(e)) {
      host.oom();
      return;
    }
    if (isV4 || multiConcurrent) return nodeDefaultFatal(e);
    // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/index.mjs: console.error('Uncaught Exception', toFormatted(error)) then exit 129
    logError('Uncaught Exception', e);
    processFailure = { kind: 'uncaught', error: toRapid(e) };
    if (inv) post('error', processFailure.error);
  }
  // Runtime interface client v4 (nodejs24.x, and the multi-concurrent mode of Managed Instances) installs no
  // 'uncaughtException' or 'unhandledRejection' listener: the published v4 client (npm aws-lambda-ric 4.0.2,
  // index.mjs; https://github.com/aws/aws-lambda-nodejs-runtime-interface-client src/worker/ignition.ts,
  // src/utils/runtime-setup.ts) registers neither, so Node's defaults apply. An unhandled rejection is raised as an
  // uncaught exception (https://nodejs.org/api/cli.html#--unhandled-rejectionsmode, default `throw`), which Node
  // prints to stderr and ends the process with exit code 1 (https://nodejs.org/api/process.html#exit-codes). So the
  // lines carry no timestamp, request id or level, as reported for nodejs24.x in
  // https://github.com/aws/aws-lambda-base-images/issues/392. The layout is Node's own, captured with Node 22.23 on
  // the test host: `<file>:<line>`, the source line, a caret under the column of the error's first frame, a blank
  // line, util.inspect(error) (stack, then own properties in braces), a blank line, `Node.js <version>`.
  // In multi-concurrent mode the handler runs in a worker thread, whose uncaught error goes to the main thread instead:
  // src/worker/worker-manager.ts logs `Worker <n> error:` and `Worker <n> exit:` through structuredConsole.logError,
  // which in the JSON format (the only one Managed Instances allow) writes console.error(error) with request id "-".
  function nodeDefaultFatal(err) {
    if (multiConcurrent) {
      const prev = alsFrame;
      alsFrame = null;
      try {
        logError('Worker 0 error:', err);
        logError('Worker 0 exit:', new Error('Worker 0 exited with code 1'));
      } finally {
        alsFrame = prev;
      }
    } else {
      v8ify(err);
      const stack = util.errorStack(err);
      const first = /\n\s+at (?:.*? \()?((?:file:\/\/)?(\/var\/task\/[^:()]+)):(\d+):(\d+)\)?\s*(?:\n|$)/.exec('\n' + stack.split('\n').slice(1, 2).join('\n'));
      const source = first && typeof files[first[2]] === 'string' ? files[first[2]].split(/\r?\n/)[Number(first[3]) - 1] : undefined;
      const lines = [];
      if (first && source !== undefined) lines.push(first[1] + ':' + first[3], source, ' '.repeat(Math.max(0, Number(first[4]) - 1)) + '^', '');
      for (const l of util.inspect(err).split('\n')) lines.push(l);
      lines.push('', 'Node.js ' + config.nodeVersion);
      for (const l of lines) host.emit(l);
    }
    host.exit(1);
  }
  // Node's wrapper for a rejection reason that is not an Error (lib/internal/process/promises.js
  // UnhandledPromiseRejection, code ERR_UNHANDLED_REJECTION; message captured with Node 22.23). Node's own internal
  // frames and source excerpt (node:internal/process/promises) are left out: their line numbers on Node 24 are UNVERIFIED.
  function nodeUnhandledRejection(reason) {
    const e = new Error(
      'This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "' +
        String(reason) +
        '".',
    );
    Object.defineProperty(e, 'name', { value: 'UnhandledPromiseRejection', writable: true, configurable: true, enumerable: false });
    Object.defineProperty(e, 'stack', { value: 'UnhandledPromiseRejection: ' + e.message, writable: true, configurable: true, enumerable: false });
    e.code = 'ERR_UNHANDLED_REJECTION';
    return e;
  }
  function checkRejections() {
    if (unhandled.size === 0) return false;
    const p = unhandled.values().next().value;
    unhandled.clear();
    const reason = normaliseError(reasons.get(p));
    if (isOom(reason)) {
      host.oom();
      return true;
    }
    if (isV4 || multiConcurrent) {
      nodeDefaultFatal(reason instanceof Error ? reason : nodeUnhandledRejection(reason));
      return true;
    }
    // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Errors.js UnhandledPromiseRejection(reason, promise) + index.mjs log line, exit 128
    const err = runtimeError('UnhandledPromiseRejection', reason);
    err.reason = reason;
    err.promise = p;
    logError('Unhandled Promise Rejection', err);
    processFailure = { kind: 'rejection', error: toRapid(err) };
    if (inv) post('error', processFailure.error);
    return true;
  }
  function describePending() {
    const out = [];
    const now = nowMs();
    for (const t of timers.values()) {
      const fname = t.fn.name ? ' ' + t.fn.name : '';
      if (t.kind === 'immediate') out.push('setImmediate callback' + fname + ' not yet run');
      else if (t.kind === 'interval') out.push('setInterval' + fname + ' every ' + t.delay + ' ms (next in ' + Math.max(0, Math.round(t.due - now)) + ' ms)');
      else if (t.label) out.push(t.label);
      else out.push('setTimeout' + fname + ' due in ' + Math.max(0, Math.round(t.due - now)) + ' ms' + (t.ref ? '' : ' (unref)'));
    }
    if (inv && inv.returnedPromise && !inv.posted) out.push("handler's promise has not settled");
    else if (inv && !inv.posted && inv.beforeExit && !inv.streaming) out.push('handler has not called its callback');
    return out;
  }

  // host service bridge for simulated modules (e.g. AWS SDK clients): resolves after virtual latency
  // A call that never answers is a ref'd timer due at NEVER_DUE_MS: it keeps the event loop alive (as an
  // open socket does in Node), so the invocation ends in its timeout and `pending` shows its label.
  const NEVER_DUE_MS = 1e15;
  function hostTimer(ms, label, fn, ref) {
    const never = !(typeof ms === 'number' && ms >= 0 && ms < NEVER_DUE_MS);
    const id = ++timerSeq;
    timers.set(id, { id, kind: 'timeout', fn, args: [], delay: never ? NEVER_DUE_MS : ms, due: never ? NEVER_DUE_MS : nowMs() + ms, ref: ref !== false, label: label ? String(label) : undefined });
    return () => timers.delete(id);
  }
  function callSync(name, payload) {
    return JSON.parse(host.call(String(name), JSON.stringify(payload === undefined ? null : payload)));
  }
  function hostWait(ms, label) {
    let cancel = null;
    const promise = new SimPromise((resolve) => {
      cancel = hostTimer(ms, label, () => resolve(undefined), true);
    });
    return { promise, cancel };
  }
  function hostCall(name, payload) {
    const r = callSync(name, payload);
    return new SimPromise((resolve, reject) => {
      if (r.hang) {
        hostTimer(-1, r.label || 'call ' + name + ' still waiting for a response', () => undefined, true);
        return;
      }
      hostTimer(r.latencyMs, 'call ' + name + ' in flight', () => {
        if (r.error) {
          const e = new Error(r.error.message);
          for (const k of Object.keys(r.error)) if (k !== 'message') e[k] = r.error[k];
          reject(e);
        } else resolve(r.result);
      }, true);
    });
  }
  const hostModule = { call: hostCall, callSync, wait: hostWait, timer: hostTimer, hasServices: () => host.hasServices() };
  builtins['lambda-triage:host'] = () => hostModule;
  // fetch, AbortController, AbortSignal, DOMException, Headers, Response (prelude-web.ts), evaluated the first
  // time one of them is read (lazyGlobals).
  lazyGlobals(['DOMException', 'Event', 'EventTarget', 'AbortController', 'AbortSignal', 'Headers', 'Response', 'fetch'], () =>
    runtimePart('web', { hostModule, Promise: SimPromise, util, Buffer: encodingPart().Buffer, URL: urlPart().URL, notAvailable: NOT_AVAILABLE }),
  );

  const control = {
    beginLoad: () => {
      try {
        return JSON.stringify(beginLoad());
      } catch (e) {
        return JSON.stringify({ kind: 'failed', failure: control.describeInitError(wrapLoadError(normaliseError(e))) });
      }
    },
    finishEsm: (ns) => {
      userApp = ns;
    },
    finishLoad: () => {
      try {
        finishLoad();
        return JSON.stringify({ kind: 'ready' });
      } catch (e) {
        return JSON.stringify({ kind: 'failed', failure: control.describeInitError(normaliseError(e)) });
      }
    },
    esmShim,
    isEsmFile: (p) => isEsmFile(p),
    hasFile: (p) => fileExists(p),
    fileSource: (p) => files[p],
    initFailure: (e) => {
      const err = normaliseError(e);
      // Node's loader errors (ERR_MODULE_NOT_FOUND, …) have one own enumerable key, `code`; name, message
      // and stack are not enumerable, so the JSON log record (LogPatch.js jsonErrorReplacer: Object.assign of
      // the error's own keys) has exactly errorType, errorMessage, stackTrace and code. Captured with Node 22.23:
      // Object.keys(e) of a failed `import "aws-sdk"` is ["code"].
      if (err instanceof Error && typeof err.code === 'string' && err.code.startsWith('ERR_')) {
        for (const k of ['name', 'message', 'stack']) {
          const d0 = Object.getOwnPropertyDescriptor(err, k);
          if (d0 && d0.enumerable) Object.defineProperty(err, k, { value: d0.value, writable: true, configurable: true, enumerable: false });
        }
      }
      const d = control.describeInitError(wrapLoadError(decorateEsmScopeError(v8ify(err))));
      return d === null ? 'null' : JSON.stringify(d);
    },
    describeInitError: (e) => {
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/index.mjs: init errors are logged as 'Uncaught Exception' with request id undefined (https://github.com/aws-samples/s3-to-lambda-patterns/issues/40)
      e = normaliseError(e);
      if (isOom(e)) {
        host.oom();
        return null;
      }
      // Node.js 24 labels it 'Init Error' (https://github.com/H4ad/serverless-adapter/issues/378; exact layout partly UNVERIFIED).
      logError(config.runtime === 'nodejs24.x' ? 'Init Error' : 'Uncaught Exception', e);
      return toRapid(e);
    },
    startInvoke: (eventJson, infoJson) => startInvoke(eventJson, JSON.parse(infoJson)),
    status: () => {
      if (inv && inv.outcome === 'success-raw') {
        try {
          inv.value = serialise(inv.value);
          inv.outcome = 'success';
        } catch (e) {
          // RIC: the stringify error goes to callbackContext.fail → "Invoke Error" + error payload; v4 names it
          // Runtime.JSONStringifyError (src/utils/errors.ts, src/utils/serialize.ts of the v4 client).
          inv.posted = false;
          inv.outcome = null;
          inv.value = null;
          inv.postError(inv.v4 ? runtimeError('JSONStringifyError', 'Unable to stringify response body') : e);
        }
      }
      return control.statusJson();
    },
    statusJson: () => (inv ? JSON.stringify({ posted: inv.posted, outcome: inv.outcome, value: inv.value, returnedPromise: inv.returnedPromise, v4: inv.v4 }) : 'null'),
    // Managed Instances: `status` of one invocation in flight, run in its own store (so a serialisation error's
    // `Invoke Error` line carries its request id).
    statusOf: (id) => {
      const state = invs.get(id);
      if (!state) return 'null';
      const prevInv = inv;
      const prevFrame = alsFrame;
      inv = state;
      alsFrame = new Map(alsFrame || []);
      alsFrame.set(INVOKE_STORE_KEY, state);
      try {
        return control.status();
      } finally {
        inv = prevInv;
        alsFrame = prevFrame;
      }
    },
    endInvokeOf: (id) => {
      const state = invs.get(id);
      invs.delete(id);
      if (inv && inv === state) inv = null;
    },
    nextDue: () => {
      // The loop stays alive while a ref'd timer exists; unref'd timers due earlier still fire meanwhile.
      const t = nextTimer(true);
      if (!t) return -1;
      const any = nextTimer(false);
      return any && any.due < t.due ? any.due : t.due;
    },
    anyDue: () => {
      const t = nextTimer(false);
      return t ? t.due : -1;
    },
    runNext,
    checkRejections,
    beforeExit: () => {
      if (!inv || inv.posted) return false;
      const f = inv.beforeExit;
      if (!f) return false;
      inv.beforeExit = null;
      // A listener set by `callback(null, x)` runs even when the handler also returned a promise: with
      // CallbackContext.js the first of callback and promise to answer wins (`onlyAllowFirstCall`),
      // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/CallbackContext.js
      return f() !== false;
    },
    pending: () => JSON.stringify(describePending()),
    // What a streaming handler wrote since the last call (src/engine/streaming/guest-response-stream.ts), or ''.
    drainStream: () => (streamModule ? streamModule.drain() : ''),
    endInvoke: () => {
      inv = null;
    },
    uncaught: (e) => {
      uncaught(e);
    },
    processFailure: () => (processFailure ? JSON.stringify(processFailure) : 'null'),
    setRequestId: (id) => {
      currentRequestId = id;
    },
  };
  return control;
}
