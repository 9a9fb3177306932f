import type { GuestDeps } from './guest-api.ts';

/**
 * Guest source: Node's `async_hooks` in the sandbox (runs inside QuickJS; see guest-api.ts), chiefly
 * `AsyncLocalStorage` as Powertools for AWS Lambda and middy use it: `run(store, fn)` makes `store`
 * what `getStore()` returns inside `fn`, across its `await`s, and the previous store afterwards
 * (https://nodejs.org/api/async_context.html#class-asynclocalstorage).
 * QuickJS has no async hooks, so the store is held from the call until the promise `fn` returns settles
 * (then the previous store comes back). That matches Node whenever one `run` is in flight at a time, as
 * in a handler wrapped by middleware. Known difference: when two `run`s of one storage interleave (e.g.
 * `Promise.all` over two `run` calls that await), code after an `await` sees the store of the most
 * recent `run` instead of its own.
 */
export function createAsyncHooksModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  // The intrinsic `then`: restoring the store must not mark the user's promise as handled.
  const intrinsicThen = Object.getPrototypeOf(deps.Promise.prototype).then as Promise<unknown>['then'];
  const isThenable = (v: unknown): v is Promise<unknown> => v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';
  const storages: AsyncLocalStorage[] = [];

  class AsyncLocalStorage {
    declare _store: unknown;
    declare _enabled: boolean;
    constructor() {
      this._store = undefined;
      this._enabled = false;
      storages.push(this);
    }
    getStore(): unknown {
      return this._enabled ? this._store : undefined;
    }
    enterWith(store: unknown): void {
      this._enabled = true;
      this._store = store;
    }
    disable(): void {
      this._enabled = false;
      this._store = undefined;
    }
    run<R>(store: unknown, fn: (...args: unknown[]) => R, ...args: unknown[]): R {
      return withStores([this], [store], fn, undefined, args);
    }
    exit<R>(fn: (...args: unknown[]) => R, ...args: unknown[]): R {
      return withStores([this], [undefined], fn, undefined, args);
    }
    static bind<F extends (...args: unknown[]) => unknown>(fn: F): F {
      return AsyncLocalStorage.snapshot().bind(null, fn) as unknown as F;
    }
    static snapshot(): (fn: (...args: unknown[]) => unknown, ...args: unknown[]) => unknown {
      const list = storages.slice();
      const stores = list.map((s) => s.getStore());
      return function runInAsyncScope(this: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) {
        return withStores(list, stores, fn, this, args);
      };
    }
  }
  // Run `fn` with each storage set to its store; restore the previous stores when `fn` returns, or
  // when the promise it returns settles.
  function withStores<R>(list: AsyncLocalStorage[], stores: unknown[], fn: (...args: unknown[]) => R, self: unknown, args: unknown[]): R {
    const saved = list.map((s) => ({ s, store: s._store, enabled: s._enabled }));
    list.forEach((s, i) => {
      s._store = stores[i];
      s._enabled = stores[i] !== undefined || s._enabled;
    });
    const restore = () => {
      for (const x of saved) {
        x.s._store = x.store;
        x.s._enabled = x.enabled;
      }
    };
    let result: R;
    try {
      result = fn.apply(self, args);
    } catch (e) {
      restore();
      throw e;
    }
    if (isThenable(result)) intrinsicThen.call(result, restore, restore);
    else restore();
    return result;
  }

  class AsyncResource {
    declare type: string;
    declare _snapshot: (fn: (...args: unknown[]) => unknown, ...args: unknown[]) => unknown;
    constructor(type: string) {
      this.type = type;
      this._snapshot = AsyncLocalStorage.snapshot();
    }
    runInAsyncScope(fn: (...args: unknown[]) => unknown, thisArg?: unknown, ...args: unknown[]): unknown {
      return this._snapshot((...a: unknown[]) => fn.apply(thisArg, a), ...args);
    }
    bind<F extends (...args: unknown[]) => unknown>(fn: F): F {
      const self = this;
      return function (this: unknown, ...args: unknown[]) {
        return self.runInAsyncScope(fn, this, ...args);
      } as F;
    }
    emitDestroy(): this {
      return this;
    }
    asyncId(): number {
      return 1;
    }
    triggerAsyncId(): number {
      return 0;
    }
    static bind<F extends (...args: unknown[]) => unknown>(fn: F, type?: string): F {
      return new AsyncResource(type || 'bound-anonymous-fn').bind(fn);
    }
  }
  return {
    AsyncLocalStorage,
    AsyncResource,
    // Async hooks callbacks never fire here (no resource tracking); the hook object still works.
    createHook: () => ({ enable() { return this; }, disable() { return this; } }),
    executionAsyncId: () => 1,
    triggerAsyncId: () => 0,
    executionAsyncResource: () => ({}),
  };
}
