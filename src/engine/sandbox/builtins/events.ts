import type { GuestDeps, GuestEmitter } from './guest-api.ts';

type Listener = (...args: any[]) => unknown;
/** A `once` wrapper: the original listener rides along, as in Node (`rawListeners` shows wrappers). */
type OnceWrapper = Listener & { listener: Listener };
/** Node's `_events` layout: one listener is stored as itself, several as an array. */
type EventsTable = Record<string | symbol, Listener | Listener[]>;

/** An emitter's own fields (Node: `_events`, `_eventsCount`, `_maxListeners`, read by some libraries directly). */
interface EmitterFields {
  _events: EventsTable;
  _eventsCount: number;
  _maxListeners: number | undefined;
  _captureRejections?: boolean | undefined;
}

/**
 * Guest source: Node's `events` module (runs inside QuickJS; see guest-api.ts), following
 * https://nodejs.org/api/events.html: the module is the `EventEmitter` class, callable without `new` for
 * pre-class code (`EventEmitter.call(this)`), with `on`/`addListener`, `prependListener`, `once`,
 * `prependOnceListener`, `off`/`removeListener` (the most recently added match), `removeAllListeners`,
 * `emit` (an 'error' without listeners throws the error, or `ERR_UNHANDLED_ERROR` "Unhandled error. (x)",
 * after `errorMonitor` listeners saw it), `listeners`/`rawListeners`, `eventNames`, `listenerCount`,
 * `setMaxListeners`/`getMaxListeners` (`defaultMaxListeners` 10; one `MaxListenersExceededWarning` per event
 * past the limit, worded as node v22.23.3), 'newListener'/'removeListener' events, `captureRejections`
 * (a rejected promise from a listener becomes an 'error' event, or a call of
 * `Symbol.for('nodejs.rejection')`), and the statics `once`, `on`, `getEventListeners`,
 * `getMaxListeners`, `setMaxListeners`, `listenerCount`, `errorMonitor`, `captureRejectionSymbol`, `init`.
 * Not simulated: `AbortSignal` options, `EventEmitterAsyncResource`, `addAbortListener`, domains.
 */
export function createEventsModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  // https://nodejs.org/api/events.html#eventsdefaultmaxlisteners
  const DEFAULT_MAX_LISTENERS = 10;
  let defaultMaxListeners = DEFAULT_MAX_LISTENERS;
  let captureRejectionsDefault = false;
  const errorMonitor = Symbol('events.errorMonitor');
  const captureRejectionSymbol = Symbol.for('nodejs.rejection');

  function checkListener(listener: unknown): void {
    if (typeof listener !== 'function') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "listener" argument must be of type function. Received ' + deps.receivedText(listener));
    }
  }
  function checkCount(n: unknown, name: string): number {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      if (typeof n !== 'number') {
        throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be of type number. Received ' + deps.receivedText(n));
      }
      throw deps.nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be >= 0. Received ' + deps.inspect(n));
    }
    return n;
  }
  function fields(e: unknown): EmitterFields {
    const f = e as EmitterFields;
    if (!f._events || f._events === Object.getPrototypeOf(f)._events) {
      f._events = Object.create(null) as EventsTable;
      f._eventsCount = 0;
    }
    return f;
  }
  function listOf(e: EmitterFields, type: string | symbol): Listener[] {
    const l = e._events[type];
    return l === undefined ? [] : typeof l === 'function' ? [l] : l;
  }
  function store(e: EmitterFields, type: string | symbol, list: Listener[]): void {
    if (list.length === 0) {
      if (e._events[type] !== undefined) {
        delete e._events[type];
        e._eventsCount--;
      }
      return;
    }
    if (e._events[type] === undefined) e._eventsCount++;
    e._events[type] = list.length === 1 ? list[0]! : list;
  }
  const unwrap = (l: Listener): Listener => (l as OnceWrapper).listener || l;
  const warned = new WeakMap<object, Set<string | symbol>>();

  function addListener(target: EventEmitter, type: string | symbol, listener: Listener, prepend: boolean): EventEmitter {
    checkListener(listener);
    const e = fields(target);
    if (e._events['newListener'] !== undefined) target.emit('newListener', type, unwrap(listener));
    const list = listOf(e, type).slice();
    if (prepend) list.unshift(listener);
    else list.push(listener);
    store(e, type, list);
    const max = target.getMaxListeners();
    if (max > 0 && list.length > max) {
      let seen = warned.get(target);
      if (!seen) warned.set(target, (seen = new Set()));
      if (!seen.has(type)) {
        seen.add(type);
        const name = (target.constructor && target.constructor.name) || 'EventEmitter';
        const w = new Error(
          'Possible EventEmitter memory leak detected. ' + list.length + ' ' + String(type) + ' listeners added to [' + name + ']. MaxListeners is ' + max + '. Use emitter.setMaxListeners() to increase limit',
        );
        w.name = 'MaxListenersExceededWarning';
        const proc = (globalThis as unknown as { process?: { emitWarning?: (w: Error) => void } }).process;
        if (proc && typeof proc.emitWarning === 'function') proc.emitWarning(w);
      }
    }
    return target;
  }
  function onceWrapper(target: EventEmitter, type: string | symbol, listener: Listener): OnceWrapper {
    let fired = false;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      if (fired) return undefined;
      fired = true;
      target.removeListener(type, wrapped);
      return listener.apply(target, args);
    } as OnceWrapper;
    wrapped.listener = listener;
    return wrapped;
  }
  function handleRejection(target: EventEmitter, type: string | symbol, result: unknown): void {
    if (!(target as unknown as EmitterFields)._captureRejections || result === undefined || result === null) return;
    const then = (result as { then?: unknown }).then;
    if (typeof then !== 'function') return;
    then.call(
      result,
      undefined,
      (err: unknown) => {
        deps.nextTick(() => {
          const handler = (target as unknown as Record<symbol, unknown>)[captureRejectionSymbol];
          if (typeof handler === 'function') handler.call(target, err, type);
          else {
            const prev = (target as unknown as EmitterFields)._captureRejections;
            (target as unknown as EmitterFields)._captureRejections = false;
            try {
              target.emit('error', err);
            } finally {
              (target as unknown as EmitterFields)._captureRejections = prev;
            }
          }
        });
      },
    );
  }

  class EventEmitter {
    constructor(opts?: { captureRejections?: boolean }) {
      EventEmitter.init.call(this, opts);
    }
    static init(this: unknown, opts?: { captureRejections?: boolean }): void {
      const self = this as EmitterFields;
      if (self._events === undefined || self._events === Object.getPrototypeOf(self)._events) {
        self._events = Object.create(null) as EventsTable;
        self._eventsCount = 0;
      }
      self._maxListeners = self._maxListeners || undefined;
      if (opts && opts.captureRejections !== undefined) {
        if (typeof opts.captureRejections !== 'boolean') {
          throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options.captureRejections" property must be of type boolean. Received ' + deps.receivedText(opts.captureRejections));
        }
        self._captureRejections = opts.captureRejections;
      } else if (captureRejectionsDefault) self._captureRejections = true;
    }
    static get defaultMaxListeners(): number {
      return defaultMaxListeners;
    }
    static set defaultMaxListeners(n: number) {
      defaultMaxListeners = checkCount(n, 'defaultMaxListeners');
    }
    static get captureRejections(): boolean {
      return captureRejectionsDefault;
    }
    static set captureRejections(v: boolean) {
      if (typeof v !== 'boolean') throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "EventEmitter.captureRejections" property must be of type boolean. Received ' + deps.receivedText(v));
      captureRejectionsDefault = v;
    }
    on(type: string | symbol, listener: Listener): this {
      return addListener(this, type, listener, false) as this;
    }
    addListener(type: string | symbol, listener: Listener): this {
      return addListener(this, type, listener, false) as this;
    }
    prependListener(type: string | symbol, listener: Listener): this {
      return addListener(this, type, listener, true) as this;
    }
    once(type: string | symbol, listener: Listener): this {
      checkListener(listener);
      return addListener(this, type, onceWrapper(this, type, listener), false) as this;
    }
    prependOnceListener(type: string | symbol, listener: Listener): this {
      checkListener(listener);
      return addListener(this, type, onceWrapper(this, type, listener), true) as this;
    }
    removeListener(type: string | symbol, listener: Listener): this {
      checkListener(listener);
      const e = fields(this);
      const list = listOf(e, type).slice();
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || (list[i] as OnceWrapper).listener === listener) {
          const [removed] = list.splice(i, 1);
          store(e, type, list);
          if (e._events['removeListener'] !== undefined) this.emit('removeListener', type, unwrap(removed!));
          break;
        }
      }
      return this;
    }
    off(type: string | symbol, listener: Listener): this {
      return this.removeListener(type, listener);
    }
    removeAllListeners(type?: string | symbol): this {
      const e = fields(this);
      const types = type === undefined ? Reflect.ownKeys(e._events).filter((k) => k !== 'removeListener').concat(e._events['removeListener'] !== undefined ? ['removeListener'] : []) : [type];
      for (const t of types) {
        const list = listOf(e, t);
        if (e._events['removeListener'] !== undefined && t !== 'removeListener') {
          for (let i = list.length - 1; i >= 0; i--) this.removeListener(t, list[i]!);
        } else store(e, t, []);
      }
      return this;
    }
    emit(type: string | symbol, ...args: unknown[]): boolean {
      const e = fields(this);
      if (type === 'error') {
        if (e._events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
        if (e._events['error'] === undefined) {
          const er = args[0];
          if (er instanceof Error) throw er;
          const err = deps.nodeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + deps.inspect(er) + ')') as Error & { context?: unknown };
          err.context = er;
          throw err;
        }
      }
      const list = listOf(e, type);
      if (list.length === 0) return false;
      for (const fn of list.slice()) {
        const result = fn.apply(this, args);
        handleRejection(this, type, result);
      }
      return true;
    }
    listenerCount(type: string | symbol, listener?: Listener): number {
      const list = listOf(fields(this), type);
      return listener === undefined ? list.length : list.filter((l) => l === listener || (l as OnceWrapper).listener === listener).length;
    }
    listeners(type: string | symbol): Listener[] {
      return listOf(fields(this), type).map(unwrap);
    }
    rawListeners(type: string | symbol): Listener[] {
      return listOf(fields(this), type).slice();
    }
    eventNames(): Array<string | symbol> {
      return Reflect.ownKeys(fields(this)._events);
    }
    setMaxListeners(n: number): this {
      (this as unknown as EmitterFields)._maxListeners = checkCount(n, 'setMaxListeners');
      return this;
    }
    getMaxListeners(): number {
      const m = (this as unknown as EmitterFields)._maxListeners;
      return m === undefined ? defaultMaxListeners : m;
    }
  }

  // events.once: the arguments of the next `name` event; an 'error' event first rejects.
  function once(emitter: GuestEmitter, name: string | symbol): Promise<unknown[]> {
    return new deps.Promise((resolve, reject) => {
      const onEvent = (...args: unknown[]) => {
        if (name !== 'error') emitter.removeListener('error', onError);
        resolve(args);
      };
      const onError = (err: unknown) => {
        emitter.removeListener(name, onEvent);
        reject(err);
      };
      emitter.once(name, onEvent);
      if (name !== 'error') emitter.once('error', onError);
    });
  }
  // events.on: an async iterator of each event's arguments; 'error' ends it by throwing.
  function on(emitter: GuestEmitter, name: string | symbol): AsyncIterableIterator<unknown[]> {
    const queue: unknown[][] = [];
    const waiting: Array<{ resolve: (r: IteratorResult<unknown[]>) => void; reject: (e: unknown) => void }> = [];
    let error: unknown = null;
    let finished = false;
    const onEvent = (...args: unknown[]) => {
      const w = waiting.shift();
      if (w) w.resolve({ value: args, done: false });
      else queue.push(args);
    };
    const onError = (err: unknown) => {
      finished = true;
      const w = waiting.shift();
      if (w) w.reject(err);
      else error = err;
      cleanup();
    };
    const cleanup = () => {
      emitter.removeListener(name, onEvent);
      emitter.removeListener('error', onError);
    };
    emitter.on(name, onEvent);
    if (name !== 'error') emitter.on('error', onError);
    const iterator: AsyncIterableIterator<unknown[]> = {
      next(): Promise<IteratorResult<unknown[]>> {
        const value = queue.shift();
        if (value) return deps.Promise.resolve({ value, done: false });
        if (error) {
          const e = error;
          error = null;
          return deps.Promise.reject(e);
        }
        if (finished) return deps.Promise.resolve({ value: undefined, done: true });
        return new deps.Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return(): Promise<IteratorResult<unknown[]>> {
        finished = true;
        cleanup();
        for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
        return deps.Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  function getEventListeners(emitter: unknown, type: string | symbol): Listener[] {
    const t = emitter as { listeners?: (t: string | symbol) => Listener[] };
    return t && typeof t.listeners === 'function' ? t.listeners(type) : [];
  }
  // As Node's events.js, the module is the class; a call without `new` (`EventEmitter.call(this)`) sets
  // `this` up like the constructor does.
  const Emitter = new Proxy(EventEmitter, {
    apply(target, self, args) {
      target.init.call(self, args[0]);
      return undefined;
    },
  });
  const statics: Record<string, unknown> = {
    once,
    on,
    getEventListeners,
    getMaxListeners: (emitter: unknown) => (emitter as EventEmitter).getMaxListeners(),
    EventEmitter: Emitter,
    usingDomains: false,
    captureRejectionSymbol,
    errorMonitor,
    setMaxListeners: (n: number = DEFAULT_MAX_LISTENERS, ...targets: unknown[]) => {
      checkCount(n, 'n');
      if (targets.length === 0) defaultMaxListeners = n;
      for (const t of targets) (t as EventEmitter).setMaxListeners(n);
    },
    listenerCount: (emitter: unknown, type: string | symbol) => (emitter as EventEmitter).listenerCount(type),
  };
  for (const k of Object.keys(statics)) Object.defineProperty(EventEmitter, k, { value: statics[k], writable: true, enumerable: true, configurable: true });
  for (const k of ['captureRejections', 'defaultMaxListeners']) {
    const d = Object.getOwnPropertyDescriptor(EventEmitter, k)!;
    Object.defineProperty(EventEmitter, k, { get: d.get as () => unknown, set: d.set as (v: unknown) => void, enumerable: true, configurable: true });
  }
  return Emitter as unknown as Record<string, unknown>;
}
