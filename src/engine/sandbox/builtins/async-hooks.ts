import type { GuestDeps } from './guest-api.ts';

/** The stores current at one moment: storage → store (never mutated; a change makes a new frame). */
type Frame = Map<object, unknown> | null;

/**
 * Guest source: Node's `async_hooks` in the sandbox (runs inside QuickJS; see guest-api.ts), chiefly
 * `AsyncLocalStorage` as Powertools for AWS Lambda and middy use it: `run(store, fn)` makes `store`
 * what `getStore()` returns inside `fn` and in everything `fn` schedules (awaits, promise callbacks,
 * timers), and the previous store once `fn` returns (https://nodejs.org/api/async_context.html).
 * QuickJS has no async hooks: the runtime (prelude-runtime.ts, "AsyncLocalStorage context") carries the
 * current frame across promise reactions, timers, nextTick and the `await`s of the function's own
 * code, once the first storage is created. An `await` inside code the simulator does not rewrite (its
 * own simulated packages) resumes with whatever frame ran last. `createHook` hooks never fire.
 */
export function createAsyncHooksModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const ctx = deps.asyncContext;
  const current = (): Frame => ctx.get() as Frame;
  // Run `fn` with `frame` current, then put the previous frame back (Node's AsyncContextFrame.run).
  function runInFrame<R>(frame: Frame, fn: (...args: unknown[]) => R, self: unknown, args: unknown[]): R {
    const prev = current();
    ctx.set(frame);
    try {
      return fn.apply(self, args);
    } finally {
      ctx.set(prev);
    }
  }
  function withStore(frame: Frame, storage: object, store: unknown): Frame {
    const next = new Map(frame || []);
    next.set(storage, store);
    return next;
  }

  class AsyncLocalStorage {
    declare _enabled: boolean;
    constructor() {
      this._enabled = false;
      ctx.activate();
    }
    getStore(): unknown {
      if (!this._enabled) return undefined;
      const f = current();
      return f ? f.get(this) : undefined;
    }
    enterWith(store: unknown): void {
      this._enabled = true;
      ctx.set(withStore(current(), this, store));
    }
    disable(): void {
      this._enabled = false;
      const f = current();
      if (f && f.has(this)) {
        const next = new Map(f);
        next.delete(this);
        ctx.set(next);
      }
    }
    run<R>(store: unknown, fn: (...args: unknown[]) => R, ...args: unknown[]): R {
      this._enabled = true;
      return runInFrame(withStore(current(), this, store), fn, undefined, args);
    }
    exit<R>(fn: (...args: unknown[]) => R, ...args: unknown[]): R {
      return runInFrame(withStore(current(), this, undefined), fn, undefined, args);
    }
    static bind<F extends (...args: unknown[]) => unknown>(fn: F): F {
      const frame = current();
      return function (this: unknown, ...args: unknown[]) {
        return runInFrame(frame, fn, this, args);
      } as F;
    }
    static snapshot(): (fn: (...args: unknown[]) => unknown, ...args: unknown[]) => unknown {
      const frame = current();
      return function runInAsyncScope(this: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) {
        return runInFrame(frame, fn, this, args);
      };
    }
  }

  class AsyncResource {
    declare type: string;
    declare _frame: Frame;
    constructor(type: string) {
      this.type = type;
      this._frame = current();
      ctx.activate();
    }
    runInAsyncScope(fn: (...args: unknown[]) => unknown, thisArg?: unknown, ...args: unknown[]): unknown {
      return runInFrame(this._frame, fn, thisArg, args);
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
