import type { GuestDeps } from './guest-api.ts';

type Subscriber = (message: unknown, name: string | symbol) => void;

/**
 * Guest source: Node's `diagnostics_channel` (runs inside QuickJS; see guest-api.ts), the in-process
 * publish/subscribe that frameworks use for tracing (express's router, undici, fastify):
 * `channel(name)` (one Channel per name), `subscribe`/`unsubscribe`/`hasSubscribers`, `Channel#publish`,
 * `bindStore`/`runStores`, and `tracingChannel(name)` with its five channels
 * `tracing:<name>:start|end|asyncStart|asyncEnd|error` and `traceSync`/`tracePromise`/`traceCallback`
 * (https://nodejs.org/api/diagnostics_channel.html). A subscriber that throws does not stop the publisher:
 * Node reports the error on the next tick as uncaught, and so does this module.
 * Simplified: `bindStore` runs `runStores` with the store's `run`, without a transform's error handling.
 */
export function createDiagnosticsChannelModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const channels = new Map<string | symbol, Channel>();
  class Channel {
    declare name: string | symbol;
    declare _subscribers: Subscriber[];
    declare _stores: Map<{ run: (store: unknown, fn: () => unknown) => unknown }, ((m: unknown) => unknown) | undefined>;
    constructor(name: string | symbol) {
      this.name = name;
      this._subscribers = [];
      this._stores = new Map();
    }
    get hasSubscribers(): boolean {
      return this._subscribers.length > 0 || this._stores.size > 0;
    }
    subscribe(fn: Subscriber): void {
      if (typeof fn !== 'function') {
        throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "subscription" argument must be of type function. Received ' + deps.receivedText(fn));
      }
      this._subscribers.push(fn);
    }
    unsubscribe(fn: Subscriber): boolean {
      const i = this._subscribers.indexOf(fn);
      if (i < 0) return false;
      this._subscribers.splice(i, 1);
      return true;
    }
    publish(message: unknown): void {
      for (const fn of this._subscribers.slice()) {
        try {
          fn(message, this.name);
        } catch (err) {
          deps.nextTick(() => {
            throw err;
          });
        }
      }
    }
    bindStore(store: { run: (s: unknown, fn: () => unknown) => unknown }, transform?: (m: unknown) => unknown): void {
      this._stores.set(store, transform);
    }
    unbindStore(store: { run: (s: unknown, fn: () => unknown) => unknown }): boolean {
      return this._stores.delete(store);
    }
    runStores<R>(data: unknown, fn: (...args: unknown[]) => R, thisArg?: unknown, ...args: unknown[]): R {
      let run = (): R => {
        this.publish(data);
        return fn.apply(thisArg, args);
      };
      for (const [store, transform] of this._stores) {
        const inner = run;
        run = () => store.run(transform ? transform(data) : data, inner) as R;
      }
      return run();
    }
  }
  function channel(name: string | symbol): Channel {
    if (typeof name !== 'string' && typeof name !== 'symbol') {
      throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "channel" argument must be one of type string or symbol. Received ' + deps.receivedText(name));
    }
    let ch = channels.get(name);
    if (!ch) {
      ch = new Channel(name);
      channels.set(name, ch);
    }
    return ch;
  }
  const EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'] as const;
  type TracingEvent = (typeof EVENTS)[number];
  /**
   * The synchronous part of every `trace*` method: run `body` in the stores of `start` (publishing `context` on
   * it), publish a synchronous throw on `error`, and publish `end` once `body` returned or threw. A function of
   * the module, not a method, so that TracingChannel.prototype keeps Node's members only.
   */
  function traceStart<R>(tracing: TracingChannel, context: Record<string, unknown>, body: () => R): R {
    return tracing.start.runStores(context, () => {
      try {
        return body();
      } catch (err) {
        context['error'] = err;
        tracing.error.publish(context);
        throw err;
      } finally {
        tracing.end.publish(context);
      }
    });
  }
  class TracingChannel {
    declare start: Channel;
    declare end: Channel;
    declare asyncStart: Channel;
    declare asyncEnd: Channel;
    declare error: Channel;
    constructor(nameOrChannels: string | Record<TracingEvent, Channel>) {
      for (const e of EVENTS) {
        this[e] = typeof nameOrChannels === 'string' ? channel('tracing:' + nameOrChannels + ':' + e) : nameOrChannels[e];
      }
    }
    get hasSubscribers(): boolean {
      return EVENTS.some((e) => this[e].hasSubscribers);
    }
    subscribe(handlers: Partial<Record<TracingEvent, Subscriber>>): void {
      for (const e of EVENTS) if (handlers[e]) this[e].subscribe(handlers[e]!);
    }
    unsubscribe(handlers: Partial<Record<TracingEvent, Subscriber>>): boolean {
      let done = true;
      for (const e of EVENTS) if (handlers[e] && !this[e].unsubscribe(handlers[e]!)) done = false;
      return done;
    }
    traceSync<R>(fn: (...args: unknown[]) => R, context: Record<string, unknown> = {}, thisArg?: unknown, ...args: unknown[]): R {
      if (!this.hasSubscribers) return fn.apply(thisArg, args);
      return traceStart(this, context, () => {
        const result = fn.apply(thisArg, args);
        context['result'] = result;
        return result;
      });
    }
    tracePromise(fn: (...args: unknown[]) => unknown, context: Record<string, unknown> = {}, thisArg?: unknown, ...args: unknown[]): unknown {
      if (!this.hasSubscribers) return fn.apply(thisArg, args);
      return traceStart(this, context, () => {
        const p = deps.Promise.resolve(fn.apply(thisArg, args));
        return p.then(
          (result) => {
            context['result'] = result;
            this.asyncStart.publish(context);
            this.asyncEnd.publish(context);
            return result;
          },
          (err) => {
            context['error'] = err;
            this.error.publish(context);
            this.asyncStart.publish(context);
            this.asyncEnd.publish(context);
            throw err;
          },
        );
      });
    }
    traceCallback(fn: (...args: unknown[]) => unknown, position = -1, context: Record<string, unknown> = {}, thisArg?: unknown, ...args: unknown[]): unknown {
      if (!this.hasSubscribers) return fn.apply(thisArg, args);
      const at = position < 0 ? args.length + position : position;
      const callback = args[at] as (err: unknown, result?: unknown) => unknown;
      args[at] = (err: unknown, result?: unknown) => {
        if (err) {
          context['error'] = err;
          this.error.publish(context);
        } else context['result'] = result;
        return this.asyncStart.runStores(context, () => {
          try {
            return callback.call(thisArg, err, result);
          } finally {
            this.asyncEnd.publish(context);
          }
        });
      };
      return traceStart(this, context, () => fn.apply(thisArg, args));
    }
  }
  return {
    channel,
    hasSubscribers: (name: string | symbol) => {
      const ch = channels.get(name);
      return ch ? ch.hasSubscribers : false;
    },
    subscribe: (name: string | symbol, fn: Subscriber) => channel(name).subscribe(fn),
    unsubscribe: (name: string | symbol, fn: Subscriber) => channel(name).unsubscribe(fn),
    tracingChannel: (nameOrChannels: string | Record<TracingEvent, Channel>) => new TracingChannel(nameOrChannels),
    Channel,
  };
}
