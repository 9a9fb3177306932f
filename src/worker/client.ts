/**
 * The page's proxy for one engine worker (after the svelte.dev REPL's proxy classes): it owns the
 * worker, numbers every request, lets the newest request win, and runs a watchdog that terminates
 * and restarts a worker that stops answering, with a reason in plain words.
 */
import type { ResultPayload, WorkerRequest, WorkerResponse } from './protocol.ts';
import { isWorkerResponse } from './protocol.ts';

/** The part of `Worker` the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage: (message: WorkerRequest) => void;
  terminate: () => void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

/** A request without its id: the client assigns one. */
export type OutgoingRequest = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** How a request ended, from the page's point of view. */
export type ClientOutcome =
  | { ok: true; payload: ResultPayload; wallMs: number }
  | { ok: false; reason: 'superseded' | 'hung' | 'crashed' | 'error' | 'disposed'; message: string };

/** Options of {@link EngineClient}. */
export interface EngineClientOptions {
  /** Creates the worker; called lazily on the first request and after each restart. */
  createWorker: () => WorkerLike;
  /** Silence after which the worker counts as hung, ms. Any message (progress included) restarts the count. */
  watchdogMs?: number;
  /** Timer functions (injected in tests). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Default watchdog: the engine's own runaway guard (3 s per invocation) plus room for the worker to answer. */
export const DEFAULT_WATCHDOG_MS = 8_000;

/**
 * Watchdog for a Python run: a new Python environment starts with seconds of synchronous work in the worker
 * (Pyodide restoring an interpreter, the runtime's bootstrap and boto3 imported before the handler; the worker
 * cannot send a heartbeat meanwhile), which on a busy two-core machine overran 8 s in the browser tests. Once the
 * environment has started, the worker shortens the allowance while the handler runs (a `watchdog` message;
 * engine-host.ts PYTHON_HANDLER_WATCHDOG_MS), so a C-level runaway in the handler (`sum(range(10**11))`, which
 * CPython's own polls never interrupt) is stopped after 8 s; one in module code, after this long.
 */
export const PYTHON_WATCHDOG_MS = 25_000;

interface Pending {
  id: number;
  resolve: (outcome: ClientOutcome) => void;
  onProgress: ((message: string) => void) | undefined;
  /** The silence allowed now. */
  watchdogMs: number;
  /** The silence the request was sent with (a `watchdog` message with `ms: null` returns to it). */
  requestWatchdogMs: number;
}

/** Longest silence a `watchdog` message may ask for, ms (a longer one is ignored). */
const MAX_WORKER_WATCHDOG_MS = 10 * 60_000;

/** A proxy for the engine worker. */
export class EngineClient {
  #options: EngineClientOptions;
  #worker: WorkerLike | null = null;
  #nextId = 1;
  /** Only the newest request is awaited; older ones were resolved as superseded when it was sent. */
  #current: Pending | null = null;
  #timer: unknown = null;
  #restarts = 0;
  #disposed = false;

  constructor(options: EngineClientOptions) {
    this.#options = options;
  }

  /** How many times the worker was restarted (hung or crashed). */
  get restarts(): number {
    return this.#restarts;
  }

  /**
   * Send a request; the promise never rejects. A newer request resolves this one as superseded.
   * `watchdogMs` overrides the silence allowed for this request (long load runs send no progress).
   */
  send(request: OutgoingRequest, onProgress?: (message: string) => void, options: { watchdogMs?: number } = {}): Promise<ClientOutcome> {
    if (this.#disposed) return Promise.resolve({ ok: false, reason: 'disposed', message: 'The playground was closed.' });
    const id = this.#nextId++;
    const previous = this.#current;
    if (previous) previous.resolve({ ok: false, reason: 'superseded', message: 'A newer run replaced this one.' });
    return new Promise<ClientOutcome>((resolve) => {
      const watchdogMs = options.watchdogMs ?? this.#options.watchdogMs ?? DEFAULT_WATCHDOG_MS;
      this.#current = { id, resolve, onProgress, watchdogMs, requestWatchdogMs: watchdogMs };
      let worker: WorkerLike;
      try {
        worker = this.#ensureWorker();
        worker.postMessage({ ...request, id } as WorkerRequest);
      } catch (error) {
        this.#current = null;
        resolve({ ok: false, reason: 'crashed', message: `The engine could not start: ${error instanceof Error ? error.message : String(error)}.` });
        return;
      }
      this.#arm();
    });
  }

  /** Terminate the worker and resolve the pending request. */
  dispose(): void {
    this.#disposed = true;
    this.#finish({ ok: false, reason: 'disposed', message: 'The playground was closed.' });
    this.#kill();
  }

  #ensureWorker(): WorkerLike {
    if (this.#worker) return this.#worker;
    const worker = this.#options.createWorker();
    worker.onmessage = (event) => this.#onMessage(worker, event.data);
    worker.onerror = (event) => this.#onCrash(worker, event.message);
    this.#worker = worker;
    return worker;
  }

  #onMessage(worker: WorkerLike, data: unknown): void {
    if (worker !== this.#worker || !isWorkerResponse(data)) return;
    const current = this.#current;
    if (!current) return;
    if (data.type === 'watchdog' && data.id === current.id) {
      const ms = data.ms;
      if (ms === null) current.watchdogMs = current.requestWatchdogMs;
      else if (typeof ms === 'number' && ms > 0 && ms <= MAX_WORKER_WATCHDOG_MS) current.watchdogMs = ms;
    }
    // Any message proves the worker is alive, even one for a superseded request.
    this.#arm();
    if (data.id !== current.id) return;
    this.#handle(current, data);
  }

  #handle(current: Pending, data: WorkerResponse): void {
    if (data.type === 'progress') {
      current.onProgress?.(data.message);
      return;
    }
    if (data.type === 'watchdog') return;
    if (data.type === 'result') this.#finish({ ok: true, payload: data.payload, wallMs: data.wallMs });
    else this.#finish({ ok: false, reason: 'error', message: data.message });
  }

  #onCrash(worker: WorkerLike, detail: string | undefined): void {
    if (worker !== this.#worker) return;
    this.#kill();
    this.#restarts += 1;
    this.#finish({
      ok: false,
      reason: 'crashed',
      message: `The engine crashed${detail ? ` (${detail})` : ''} and was restarted. Your code is kept; run again.`,
    });
  }

  #arm(): void {
    const { setTimer = (fn, ms) => setTimeout(fn, ms), clearTimer = (h) => clearTimeout(h as ReturnType<typeof setTimeout>) } = this.#options;
    if (this.#timer !== null) clearTimer(this.#timer);
    const ms = this.#current?.watchdogMs ?? this.#options.watchdogMs ?? DEFAULT_WATCHDOG_MS;
    this.#timer = setTimer(() => {
      this.#timer = null;
      if (!this.#current) return;
      this.#kill();
      this.#restarts += 1;
      const seconds = (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
      this.#finish({
        ok: false,
        reason: 'hung',
        message: `The engine did not answer for ${seconds} seconds, so it was stopped and restarted. Your code is kept; the warm environment is gone.`,
      });
    }, ms);
  }

  #finish(outcome: ClientOutcome): void {
    const current = this.#current;
    this.#current = null;
    if (this.#timer !== null) {
      (this.#options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(this.#timer);
      this.#timer = null;
    }
    current?.resolve(outcome);
  }

  #kill(): void {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
    }
  }
}
