/**
 * Messages between the Node executor (parent thread, `node-executor.ts`) and the runtime process it
 * plays in a worker thread (`worker-runtime.ts`). Every message carries `type`; requests carry `id`, and
 * the worker answers each with the same `id`. Type-only module: nothing here runs.
 */
import type { MessagePort } from 'node:worker_threads';

/** Everything the worker needs to start (passed as `workerData`). */
export interface WorkerStart {
  /** Handler string, e.g. `index.handler` or `src/app.main`. */
  handler: string;
  runtime: string;
  /** Real directory that plays `/var/task`. */
  taskRoot: string;
  logFormat: 'Text' | 'JSON';
  /** `virtual`: fake timers, Date and performance on the simulated clock; `real`: the machine's clock. */
  clock: 'virtual' | 'real';
  /** Unix ms of the virtual instant at which the process starts. */
  startUnixMs: number;
  memoryMB: number;
  /** Bytes of JS heap plus external memory the process may hold before it is out of memory. */
  memoryLimitBytes: number;
  /** Folder holding the simulated packages as files, or null with `--sdk real`. */
  simulatedDir: string | null;
  /** Bare specifiers resolved to files in `simulatedDir` (`@aws-sdk/client-s3` → `<dir>/…`). */
  simulated: Record<string, { cjs: string; esm: string }>;
  /** True when simulated host services exist (the SDK gets answers, fetch is simulated). */
  hasServices: boolean;
  /** Int32Array view target for the synchronous service-call handshake. */
  signal: SharedArrayBuffer;
  /** Port on which the parent posts service-call answers (read with `receiveMessageOnPort`). */
  answers: MessagePort;
  functionName: string;
  functionVersion: string;
  functionArn: string;
  logGroupName: string;
  logStreamName: string;
  /** Seed for Math.random (virtual clock only). */
  seed: number;
}

/** Parent → worker. */
export type ToWorker =
  | { type: 'init'; id: number; nowUnixMs: number; deadlineUnixMs: number }
  | { type: 'invoke'; id: number; nowUnixMs: number; requestId: string; payload: string; deadlineUnixMs: number };

/** How a phase ended, as the worker saw it. */
export type PhaseEnd =
  /** Init: the handler is loaded. */
  | { kind: 'ready' }
  /** Init: the runtime posted an init error (already logged). */
  | { kind: 'init-error'; error: Record<string, unknown>; errorType: string }
  /** Invoke: the runtime posted a response. `processExit`: the process died after answering. */
  | { kind: 'response'; payload: string; processExit: { errorType: string | null; errorMessage: string | null } | null }
  /** Invoke: the runtime posted an error document. `reset`: the process ended with it. */
  | { kind: 'error'; error: Record<string, unknown>; reset: boolean }
  | { kind: 'timeout' }
  | { kind: 'out-of-memory' }
  /** The event loop emptied with the module still pending (top-level await) or nothing posted. */
  | { kind: 'exit'; code: number };

/** Worker → parent. */
export type FromWorker =
  /** The worker has started and listens (sent once). */
  | { type: 'ready' }
  /** One line the runtime process writes. */
  | { type: 'log'; line: string }
  /** A synchronous host-service call; the worker blocks until the answer is on `answers`. */
  | { type: 'call'; name: string; payload: string; nowUnixMs: number }
  /** Progress of the virtual clock, so the parent's runaway guard can tell a busy loop from progress. */
  | { type: 'tick'; nowUnixMs: number }
  /** The phase with this `id` ended. */
  | { type: 'done'; id: number; end: PhaseEnd; nowUnixMs: number; peakBytes: number; pending: string[] };
