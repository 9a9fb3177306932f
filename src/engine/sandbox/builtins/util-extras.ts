import type { GuestDeps } from './guest-api.ts';

/**
 * Guest source: the parts of `util` built here (runs inside QuickJS; see guest-api.ts):
 * `util.promisify` with `util.promisify.custom` (`Symbol.for('nodejs.util.promisify.custom')`, so
 * `promisify(setTimeout)` gives the timers/promises form as in Node), `util.types`, and `util.deprecate` /
 * `formatWithOptions` / `debuglog` (https://nodejs.org/api/util.html#utilpromisifyoriginal,
 * https://nodejs.org/api/util.html#utiltypes).
 */
export function createUtilExtras(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const CUSTOM = Symbol.for('nodejs.util.promisify.custom');
  const tag = (v: unknown): string => Object.prototype.toString.call(v).slice(8, -1);

  function promisify(original: unknown): (...args: unknown[]) => Promise<unknown> {
    if (typeof original !== 'function') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "original" argument must be of type function. Received ' + deps.receivedText(original));
    }
    const custom = (original as unknown as Record<symbol, unknown>)[CUSTOM];
    if (custom !== undefined) {
      if (typeof custom !== 'function') {
        throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "util.promisify.custom" argument must be of type function. Received ' + deps.receivedText(custom));
      }
      return custom as (...args: unknown[]) => Promise<unknown>;
    }
    const fn = original as (...args: unknown[]) => unknown;
    function promisified(this: unknown, ...args: unknown[]): Promise<unknown> {
      return new deps.Promise((resolve, reject) => {
        fn.call(this, ...args, (err: unknown, ...values: unknown[]) => (err ? reject(err) : resolve(values[0])));
      });
    }
    Object.setPrototypeOf(promisified, Object.getPrototypeOf(fn));
    Object.defineProperty(promisified, CUSTOM, { value: promisified, enumerable: false, writable: false, configurable: true });
    const descriptors = Object.getOwnPropertyDescriptors(fn) as Record<string, PropertyDescriptor>;
    delete descriptors['prototype'];
    return Object.defineProperties(promisified, descriptors);
  }
  (promisify as unknown as { custom: symbol }).custom = CUSTOM;
  // Node gives setTimeout and setImmediate a custom promisified form (lib/timers.js): timers/promises.
  const timersPromises = deps.loadBuiltin('timers/promises') as Record<string, unknown>;
  const G = globalThis as unknown as Record<string, Record<symbol, unknown>>;
  for (const name of ['setTimeout', 'setImmediate']) {
    if (typeof G[name] === 'function' && G[name]![CUSTOM] === undefined) {
      Object.defineProperty(G[name], CUSTOM, { value: timersPromises[name], enumerable: false, writable: true, configurable: true });
    }
  }

  const TYPED = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
  const typedArrayTag = (v: unknown): string | undefined => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? tag(v) : undefined);
  const types: Record<string, (v: unknown) => boolean> = {
    isNativeError: (v) => v instanceof Error,
    isPromise: (v) => tag(v) === 'Promise',
    isDate: (v) => tag(v) === 'Date',
    isRegExp: (v) => tag(v) === 'RegExp',
    isMap: (v) => tag(v) === 'Map',
    isSet: (v) => tag(v) === 'Set',
    isWeakMap: (v) => tag(v) === 'WeakMap',
    isWeakSet: (v) => tag(v) === 'WeakSet',
    isMapIterator: (v) => tag(v) === 'Map Iterator',
    isSetIterator: (v) => tag(v) === 'Set Iterator',
    isAsyncFunction: (v) => typeof v === 'function' && (tag(v) === 'AsyncFunction' || tag(v) === 'AsyncGeneratorFunction'),
    isGeneratorFunction: (v) => typeof v === 'function' && (tag(v) === 'GeneratorFunction' || tag(v) === 'AsyncGeneratorFunction'),
    isGeneratorObject: (v) => tag(v) === 'Generator',
    isArrayBuffer: (v) => v instanceof ArrayBuffer,
    isSharedArrayBuffer: (v) => typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer,
    isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer),
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isDataView: (v) => v instanceof DataView,
    isTypedArray: (v) => typedArrayTag(v) !== undefined,
    isBoxedPrimitive: (v) =>
      v instanceof Number || v instanceof String || v instanceof Boolean || (v !== null && typeof v === 'object' && (tag(v) === 'BigInt' || tag(v) === 'Symbol')),
    isProxy: () => false,
  };
  for (const t of TYPED) types['is' + t] = (v) => typedArrayTag(v) === t;

  // util.deprecate (https://nodejs.org/api/util.html#utildeprecatefn-msg-code): the wrapper calls `fn`.
  // Simplified: Node also writes a DeprecationWarning to stderr on the first call; the sandbox does not.
  function deprecate<F extends (...args: any[]) => unknown>(fn: F, msg?: string, code?: string): F {
    if (typeof fn !== 'function') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "fn" argument must be of type function. Received ' + deps.receivedText(fn));
    }
    void msg;
    void code;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
    };
    Object.setPrototypeOf(wrapped, fn);
    if (fn.prototype) wrapped.prototype = fn.prototype;
    return wrapped as unknown as F;
  }
  // util.formatWithOptions (https://nodejs.org/api/util.html#utilformatwithoptionsinspectoptions-format-args):
  // the inspect options (colours, depth) are not applied.
  function formatWithOptions(options: unknown, ...args: unknown[]): string {
    if (options === null || typeof options !== 'object') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "inspectOptions" argument must be of type object. Received ' + deps.receivedText(options));
    }
    return deps.format(...args);
  }
  // util.debuglog (https://nodejs.org/api/util.html#utildebuglogsection-callback): logs only for sections
  // named in NODE_DEBUG, which Lambda does not set, so the logger is a no-op with `enabled` false.
  function debuglog(section: string): ((...args: unknown[]) => void) & { enabled: boolean } {
    void section;
    const log = Object.assign(() => undefined, { enabled: false });
    return log;
  }
  return { promisify, types, util: { promisify, types, deprecate, formatWithOptions, debuglog, debug: debuglog } };
}
