import type { GuestDeps, GuestEmitter } from './guest-api.ts';

/** Options of the stream constructors that this simulation honours. */
interface StreamOptions {
  objectMode?: boolean;
  readableObjectMode?: boolean;
  writableObjectMode?: boolean;
  decodeStrings?: boolean;
  encoding?: string;
  highWaterMark?: number;
  read?: (this: any, size: number) => void;
  write?: (this: any, chunk: unknown, encoding: string, cb: (err?: Error | null) => void) => void;
  final?: (this: any, cb: (err?: Error | null) => void) => void;
  transform?: (this: any, chunk: unknown, encoding: string, cb: (err?: Error | null, data?: unknown) => void) => void;
  flush?: (this: any, cb: (err?: Error | null, data?: unknown) => void) => void;
  destroy?: (this: any, err: Error | null, cb: (err?: Error | null) => void) => void;
}
type Callback = (err?: Error | null) => void;

/**
 * Guest source: Node's `stream` and `stream/promises` (runs inside QuickJS; see guest-api.ts), enough
 * for handler code: Readable (push/read, 'data'/'end', pause/resume, pipe, async iteration,
 * `Readable.from`), Writable (write/end, `_write`/`_final`, 'finish'), Duplex, Transform
 * (`_transform`/`_flush`), PassThrough, `pipeline` (streams, iterables, async-generator stages; callback
 * or promise) and `finished` (https://nodejs.org/api/stream.html). Events fire on later ticks as in
 * Node; a stream destroyed before it ends reports `Error [ERR_STREAM_PREMATURE_CLOSE]: Premature close`
 * to `finished`/`pipeline` (node v22.23.3). Simplified: no back-pressure (`write()` always returns true,
 * `highWaterMark` is ignored), no `cork`, no 'readable' event.
 */
export function createStreamModule(deps: GuestDeps): Record<string, unknown> {
  'use strict';
  const Buffer = deps.Buffer;
  const tick = (fn: () => void) => deps.nextTick(fn);
  const Base = deps.EventEmitter as unknown as new () => GuestEmitter;

  function prematureClose(): Error {
    return deps.nodeError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close');
  }

  class Stream extends Base {
    pipe(dest: any, opts?: { end?: boolean }): any {
      const src = this as any;
      src.on('data', (chunk: unknown) => dest.write(chunk));
      if (!opts || opts.end !== false) src.on('end', () => dest.end());
      return dest;
    }
  }

  class Readable extends Stream {
    declare _buffer: unknown[];
    declare _flowing: boolean | null;
    declare _ended: boolean;
    declare _endEmitted: boolean;
    declare _reading: boolean;
    declare _scheduled: boolean;
    declare _encoding: string | null;
    declare destroyed: boolean;
    declare readableObjectMode: boolean;
    declare _readImpl: ((size: number) => void) | null;
    declare _destroyImpl: ((err: Error | null, cb: Callback) => void) | null;
    constructor(opts?: StreamOptions) {
      super();
      const o = opts || {};
      this._buffer = [];
      this._flowing = null;
      this._ended = false;
      this._endEmitted = false;
      this._reading = false;
      this._scheduled = false;
      this._encoding = o.encoding || null;
      this.destroyed = false;
      this.readableObjectMode = !!(o.objectMode || o.readableObjectMode);
      // kept unbound and called with the stream as `this`, so a stream set up by `Readable.call(obj)` works
      this._readImpl = o.read || null;
      this._destroyImpl = o.destroy || null;
    }
    get readable(): boolean {
      return !this.destroyed && !this._endEmitted;
    }
    get readableEnded(): boolean {
      return this._endEmitted;
    }
    get readableLength(): number {
      return this._buffer.length;
    }
    get readableFlowing(): boolean | null {
      return this._flowing;
    }
    _read(size: number): void {
      if (this._readImpl) this._readImpl.call(this, size);
      else throw deps.nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented');
    }
    push(chunk: unknown, encoding?: string): boolean {
      this._reading = false;
      if (chunk === null) {
        this._ended = true;
      } else if (!this._ended && !this.destroyed) {
        if (typeof chunk === 'string' && !this.readableObjectMode) chunk = Buffer.from(chunk, encoding || 'utf8');
        if (this._encoding && chunk instanceof Uint8Array) chunk = Buffer.from(chunk).toString(this._encoding);
        this._buffer.push(chunk);
      }
      this._schedule();
      return !this._ended;
    }
    unshift(chunk: unknown): void {
      this._buffer.unshift(chunk);
    }
    setEncoding(enc: string): this {
      this._encoding = enc;
      return this;
    }
    read(): unknown {
      if (this._buffer.length === 0) {
        this._pull();
        return null;
      }
      const chunk = this._buffer.shift();
      this._schedule();
      return chunk;
    }
    override on(event: string | symbol, fn: (...args: any[]) => void): this {
      super.on(event, fn);
      if (event === 'data' && this._flowing !== false) this.resume();
      if (event === 'end' || event === 'readable') this._schedule();
      return this;
    }
    resume(): this {
      this._flowing = true;
      this._schedule();
      return this;
    }
    pause(): this {
      this._flowing = false;
      return this;
    }
    isPaused(): boolean {
      return this._flowing === false;
    }
    _pull(): void {
      if (this._reading || this._ended || this.destroyed) return;
      this._reading = true;
      try {
        this._read(16384);
      } catch (e) {
        this.destroy(e as Error);
      }
    }
    _schedule(): void {
      if (this._scheduled) return;
      this._scheduled = true;
      tick(() => {
        this._scheduled = false;
        this._flow();
      });
    }
    _flow(): void {
      if (this.destroyed) return;
      while (this._flowing && this._buffer.length > 0 && !this.destroyed) this.emit('data', this._buffer.shift());
      if (this._buffer.length === 0) {
        // 'end' fires once the data has been consumed by a flowing reader (never for an unread stream)
        if (this._ended && !this._endEmitted && this._flowing === true) {
          this._endEmitted = true;
          this.emit('end');
          this._close();
        } else if (!this._ended && this._flowing) this._pull();
      }
    }
    _close(): void {
      if ((this as any)._closeEmitted) return;
      (this as any)._closeEmitted = true;
      tick(() => this.emit('close'));
    }
    destroy(err?: Error | null): this {
      if (this.destroyed) return this;
      this.destroyed = true;
      const finish = (e?: Error | null) => {
        tick(() => {
          if (e) this.emit('error', e);
          this._close();
        });
      };
      if (this._destroyImpl) this._destroyImpl.call(this, err || null, (e: Error | null | undefined) => finish(e || err));
      else finish(err);
      return this;
    }
    [Symbol.asyncIterator](): AsyncIterator<unknown> {
      const queue: unknown[] = [];
      let error: Error | null = null;
      let done = false;
      let wake: (() => void) | null = null;
      const poke = () => {
        if (wake) {
          const w = wake;
          wake = null;
          w();
        }
      };
      this.on('data', (chunk: unknown) => {
        queue.push(chunk);
        poke();
      });
      this.on('end', () => {
        done = true;
        poke();
      });
      this.on('error', (e: Error) => {
        error = e;
        poke();
      });
      this.on('close', () => {
        if (!done && !error) error = prematureClose();
        poke();
      });
      const next = (): Promise<IteratorResult<unknown>> => {
        if (queue.length > 0) return deps.Promise.resolve({ value: queue.shift(), done: false });
        if (error) return deps.Promise.reject(error);
        if (done) return deps.Promise.resolve({ value: undefined, done: true });
        return new deps.Promise<void>((resolve) => {
          wake = resolve;
        }).then(next);
      };
      const iterator = {
        next,
        return: (): Promise<IteratorResult<unknown>> => {
          done = true;
          this.destroy();
          return deps.Promise.resolve({ value: undefined, done: true });
        },
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    }
    static from(iterable: unknown, opts?: StreamOptions): Readable {
      if (typeof iterable === 'string' || iterable instanceof Uint8Array) {
        const r = new Readable(Object.assign({ objectMode: true, read() {} }, opts || {}));
        r.push(iterable);
        r.push(null);
        return r;
      }
      const it = iterable as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown>; [Symbol.iterator]?: () => Iterator<unknown> };
      const iter = typeof it[Symbol.asyncIterator] === 'function' ? it[Symbol.asyncIterator]!() : typeof it[Symbol.iterator] === 'function' ? it[Symbol.iterator]!() : null;
      if (!iter) {
        throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "iterable" argument must be an instance of Iterable. Received ' + deps.receivedText(iterable));
      }
      const r = new Readable(
        Object.assign({ objectMode: true }, opts || {}, {
          read(this: Readable) {
            deps.Promise.resolve(iter.next()).then(
              (res: IteratorResult<unknown>) => (res.done ? this.push(null) : deps.Promise.resolve(res.value).then((v) => this.push(v))),
              (e: Error) => this.destroy(e),
            );
          },
        }),
      );
      return r;
    }
  }

  // Writable behaviour, shared by Writable and Duplex (a Duplex is a Readable that also writes).
  interface WritableState {
    queue: Array<{ chunk: unknown; encoding: string; cb: Callback }>;
    writing: boolean;
    ending: boolean;
    finished: boolean;
    objectMode: boolean;
    decodeStrings: boolean;
    writeImpl: StreamOptions['write'] | null;
    finalImpl: StreamOptions['final'] | null;
    endCallbacks: Callback[];
  }
  function writableState(o: StreamOptions, objectMode: boolean): WritableState {
    return { queue: [], writing: false, ending: false, finished: false, objectMode, decodeStrings: o.decodeStrings !== false, writeImpl: o.write || null, finalImpl: o.final || null, endCallbacks: [] };
  }
  const writableMethods = {
    write(this: any, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
      const st: WritableState = this._w;
      if (typeof encoding === 'function') {
        cb = encoding;
        encoding = undefined;
      }
      const done = (typeof cb === 'function' ? cb : () => {}) as Callback;
      if (st.ending) {
        const e = deps.nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
        tick(() => {
          done(e);
          this.emit('error', e);
        });
        return false;
      }
      if (chunk === null) throw deps.nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
      let enc = typeof encoding === 'string' ? encoding : 'utf8';
      if (!st.objectMode) {
        if (typeof chunk === 'string') {
          if (st.decodeStrings) {
            chunk = Buffer.from(chunk, enc);
            enc = 'buffer';
          }
        } else if (chunk instanceof Uint8Array) enc = 'buffer';
        else {
          throw deps.nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ' + deps.receivedText(chunk));
        }
      }
      st.queue.push({ chunk, encoding: enc, cb: done });
      this._drainQueue();
      return true;
    },
    _drainQueue(this: any): void {
      const st: WritableState = this._w;
      if (st.writing || this.destroyed) return;
      const item = st.queue.shift();
      if (!item) {
        if (st.ending && !st.finished) this._finish();
        return;
      }
      st.writing = true;
      let called = false;
      this._write(item.chunk, item.encoding, (err?: Error | null) => {
        if (called) return;
        called = true;
        st.writing = false;
        tick(() => {
          item.cb(err || null);
          if (err) {
            this.destroy(err);
            return;
          }
          this._drainQueue();
        });
      });
    },
    _write(this: any, chunk: unknown, encoding: string, cb: Callback): void {
      const st: WritableState = this._w;
      if (st.writeImpl) st.writeImpl.call(this, chunk, encoding, cb);
      else throw deps.nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
    },
    _final(this: any, cb: Callback): void {
      const st: WritableState = this._w;
      if (st.finalImpl) st.finalImpl.call(this, cb);
      else cb();
    },
    _finish(this: any): void {
      const st: WritableState = this._w;
      st.finished = true;
      this._final((err?: Error | null) => {
        tick(() => {
          if (err) {
            this.destroy(err);
            return;
          }
          this.emit('finish');
          for (const cb of st.endCallbacks) cb();
          if (this._afterFinish) this._afterFinish();
          else this._closeWritable();
        });
      });
    },
    _closeWritable(this: any): void {
      if (this._closeEmitted) return;
      this._closeEmitted = true;
      tick(() => this.emit('close'));
    },
    end(this: any, chunk?: unknown, encoding?: unknown, cb?: unknown): any {
      const st: WritableState = this._w;
      if (typeof chunk === 'function') {
        cb = chunk;
        chunk = undefined;
      } else if (typeof encoding === 'function') {
        cb = encoding;
        encoding = undefined;
      }
      if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
      if (typeof cb === 'function') st.endCallbacks.push(cb as Callback);
      if (!st.ending) {
        st.ending = true;
        this._drainQueue();
      }
      return this;
    },
    cork(): void {},
    uncork(): void {},
    setDefaultEncoding(this: any): any {
      return this;
    },
  };
  const writableGetters: Record<string, (this: any) => unknown> = {
    writable(this: any) {
      return !this.destroyed && !this._w.ending;
    },
    writableEnded(this: any) {
      return this._w.ending;
    },
    writableFinished(this: any) {
      return this._w.finished && this._w.queue.length === 0;
    },
    writableObjectMode(this: any) {
      return this._w.objectMode;
    },
    writableLength(this: any) {
      return this._w.queue.length;
    },
  };
  function mixWritable(proto: object): void {
    for (const k of Object.keys(writableMethods)) {
      Object.defineProperty(proto, k, { value: (writableMethods as Record<string, unknown>)[k], writable: true, configurable: true });
    }
    for (const k of Object.keys(writableGetters)) Object.defineProperty(proto, k, { get: writableGetters[k]!, configurable: true });
  }

  class Writable extends Stream {
    declare _w: WritableState;
    declare destroyed: boolean;
    declare _destroyImpl: ((err: Error | null, cb: Callback) => void) | null;
    constructor(opts?: StreamOptions) {
      super();
      const o = opts || {};
      this._w = writableState(o, !!(o.objectMode || o.writableObjectMode));
      this.destroyed = false;
      this._destroyImpl = o.destroy || null;
    }
    destroy(err?: Error | null): this {
      if (this.destroyed) return this;
      this.destroyed = true;
      const finish = (e?: Error | null) =>
        tick(() => {
          if (e) this.emit('error', e);
          (this as any)._closeWritable();
        });
      if (this._destroyImpl) this._destroyImpl.call(this, err || null, (e: Error | null | undefined) => finish(e || err));
      else finish(err);
      return this;
    }
  }
  mixWritable(Writable.prototype);

  class Duplex extends Readable {
    declare _w: WritableState;
    constructor(opts?: StreamOptions) {
      super(opts);
      const o = opts || {};
      this._w = writableState(o, !!(o.objectMode || o.writableObjectMode));
    }
    _closeWritable(): void {
      // a Duplex closes once, when its readable side has ended too
    }
  }
  mixWritable(Duplex.prototype);
  Object.defineProperty(Duplex.prototype, '_closeWritable', { value: function () {}, writable: true, configurable: true });

  class Transform extends Duplex {
    declare _transformImpl: StreamOptions['transform'] | null;
    declare _flushImpl: StreamOptions['flush'] | null;
    constructor(opts?: StreamOptions) {
      super(Object.assign({}, opts || {}, { read() {} }));
      const o = opts || {};
      this._transformImpl = o.transform || null;
      this._flushImpl = o.flush || null;
      this._w.writeImpl = null;
      this._w.finalImpl = null;
    }
    _transform(chunk: unknown, encoding: string, cb: (err?: Error | null, data?: unknown) => void): void {
      if (this._transformImpl) this._transformImpl.call(this, chunk, encoding, cb);
      else throw deps.nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented');
    }
    _flush(cb: (err?: Error | null, data?: unknown) => void): void {
      if (this._flushImpl) this._flushImpl.call(this, cb);
      else cb();
    }
    _write(chunk: unknown, encoding: string, cb: Callback): void {
      this._transform(chunk, encoding, (err?: Error | null, data?: unknown) => {
        if (!err && data !== undefined && data !== null) this.push(data);
        cb(err);
      });
    }
    _final(cb: Callback): void {
      this._flush((err?: Error | null, data?: unknown) => {
        if (!err && data !== undefined && data !== null) this.push(data);
        if (!err) this.push(null);
        cb(err);
      });
    }
    override _read(): void {}
  }

  class PassThrough extends Transform {
    constructor(opts?: StreamOptions) {
      super(Object.assign({}, opts || {}, { transform: (chunk: unknown, _e: string, cb: (err: null, d: unknown) => void) => cb(null, chunk) }));
    }
  }

  function isReadable(s: any): boolean {
    return s instanceof Readable;
  }
  function isWritable(s: any): boolean {
    return s instanceof Writable || s instanceof Duplex;
  }

  function finished(stream: any, opts?: unknown, callback?: unknown): () => void {
    const cb = (typeof opts === 'function' ? opts : callback) as Callback;
    let done = false;
    const o = (opts && typeof opts === 'object' ? opts : {}) as { readable?: boolean; writable?: boolean };
    const readable = isReadable(stream) && o.readable !== false;
    const writable = isWritable(stream) && o.writable !== false;
    let ended = !readable || stream._endEmitted;
    let finishedW = !writable || (stream._w && stream._w.finished);
    const call = (err?: Error | null) => {
      if (done) return;
      done = true;
      cb(err || undefined);
    };
    const check = () => {
      if (ended && finishedW) call();
    };
    const onEnd = () => {
      ended = true;
      check();
    };
    const onFinish = () => {
      finishedW = true;
      check();
    };
    const onError = (e: Error) => call(e);
    const onClose = () => {
      if (!(ended && finishedW)) call(prematureClose());
    };
    stream.on('end', onEnd);
    stream.on('finish', onFinish);
    stream.on('error', onError);
    stream.on('close', onClose);
    return () => {
      stream.off('end', onEnd);
      stream.off('finish', onFinish);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
  }

  function pipeline(...args: unknown[]): any {
    // the callback form: Node requires the callback as the last argument
    const cb = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : null;
    return runPipeline(args, cb || ((e?: Error | null) => {
      if (e) throw e;
    }));
  }
  function runPipeline(stages: unknown[], cb: Callback): any {
    const streams: any[] = [];
    let done = false;
    const finish = (err?: Error | null) => {
      if (done) return;
      done = true;
      if (err) for (const s of streams) if (s && typeof s.destroy === 'function' && !s.destroyed) s.destroy();
      cb(err || undefined);
    };
    let prev: any = null;
    let lastPromise: Promise<unknown> | null = null;
    stages.forEach((stage, i) => {
      let s: any = stage;
      if (typeof stage === 'function') {
        const out = (stage as (src: unknown) => unknown)(prev);
        if (i === stages.length - 1 && out && typeof (out as any).then === 'function') {
          lastPromise = out as Promise<unknown>;
          s = null;
        } else s = Readable.from(out as Iterable<unknown>, { objectMode: true });
      } else if (i === 0 && !(stage instanceof Stream)) s = Readable.from(stage);
      if (s) {
        streams.push(s);
        s.on('error', (e: Error) => finish(e));
        if (prev && typeof stage !== 'function') prev.pipe(s);
      }
      if (s) prev = s;
    });
    if (lastPromise) (lastPromise as Promise<unknown>).then(() => finish(), (e: Error) => finish(e));
    // the last stream counts as done when its writable side finishes (Node's pipeline: eos with readable false)
    else if (prev) finished(prev, { readable: !isWritable(prev) }, (e?: Error | null) => finish(e));
    return prev;
  }
  const promises = {
    pipeline: (...stages: unknown[]) =>
      new deps.Promise<void>((resolve, reject) => {
        const last = stages[stages.length - 1];
        if (last && typeof last === 'object' && !(last instanceof Stream) && 'signal' in (last as object)) stages.pop();
        runPipeline(stages, (e?: Error | null) => (e ? reject(e) : resolve()));
      }),
    finished: (stream: unknown, opts?: unknown) =>
      new deps.Promise<void>((resolve, reject) => {
        finished(stream, opts, (e?: Error | null) => (e ? reject(e) : resolve()));
      }),
  };
  // Node's stream constructors are plain functions, so pre-class code sets a stream up with
  // `Readable.call(this, opts)` after `X.prototype = Object.create(Readable.prototype)` (follow-redirects,
  // form-data, …). A call (no `new`) gives `self` the fields of a fresh instance.
  function callable<T extends abstract new (...args: any[]) => object>(Cls: T): T {
    return new Proxy(Cls, {
      apply(target, self, args) {
        if (self !== null && typeof self === 'object') Object.assign(self, Reflect.construct(target, args));
        return undefined;
      },
    });
  }
  const mod = callable(Stream) as unknown as Record<string, unknown>;
  Object.assign(mod, {
    Stream: mod,
    Readable: callable(Readable),
    Writable: callable(Writable),
    Duplex: callable(Duplex),
    Transform: callable(Transform),
    PassThrough: callable(PassThrough),
    pipeline,
    finished,
    promises,
    isReadable: (s: unknown) => isReadable(s),
    isErrored: (s: any) => !!(s && s.destroyed),
  });
  return mod;
}
