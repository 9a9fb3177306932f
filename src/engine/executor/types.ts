/**
 * The executor seam. An executor runs the user's function: the QuickJS sandbox (browser and CLI), a
 * Node.js worker with the project's real `node_modules` (CLI), and later Python. Everything after the
 * function sits above this seam and never knows which executor ran: the Lambda service model
 * (`lambda/simulated-function.ts`: request checks, init retry, START/END/REPORT, timeouts, payload limits,
 * the InvocationRecord), the front doors, findings, gateway logs and the simulated AWS world.
 *
 * Division of work:
 * - The **executor** plays the runtime *process*: it loads the handler (what the runtime interface client
 *   does: handler lookup, ImportModuleError, HandlerNotFound, UserCodeSyntaxError), runs init and
 *   invocations, writes every line the runtime process writes (console output, `Invoke Error`,
 *   `Uncaught Exception`, `Unhandled Promise Rejection`, `Runtime.NodeJsExit`), serialises the result,
 *   and measures memory.
 * - The **service** (simulated-function) plays the Lambda service: it owns the virtual clock, the
 *   deadlines, the platform lines (`INIT_START`, `START`, `END`, `REPORT`, `INIT_REPORT`, the timeout line),
 *   size limits and the record.
 *
 * Time: every executor reads and advances the shared {@link VirtualClock}: when `init` or `invoke` resolves,
 * the clock stands at the virtual instant the phase ended (for a timeout: at or past the deadline). An
 * executor that runs elsewhere (a worker thread) runs its own fake clock and moves the shared one forward
 * by the virtual time it reports.
 */
import type { VirtualClock } from '../clock/virtual-clock.ts';
import type { FunctionConfig } from '../types.ts';
import type { ServiceBridge, ServiceCallInfo } from '../sandbox/sandbox.ts';
import type { ResponseStreamCapture } from '../streaming/capture.ts';

/** The error document a runtime posts (`{ errorType, errorMessage, trace }` for Node.js). */
export type ErrorDocument = Record<string, unknown>;

/** What one execution environment is made of. Built by the service; identical for every executor. */
export interface EnvironmentSpec {
  config: FunctionConfig;
  /** Deployment package: absolute paths under `/var/task/` → file text. */
  files: Record<string, string>;
  /** The process environment: Lambda's reserved variables plus the function's own. */
  env: Record<string, string>;
  functionArn: string;
  functionVersion: string;
  logGroupName: string;
  logStreamName: string;
  /** Seed for everything random inside the environment (Math.random, randomUUID, randomBytes). */
  seed: number;
}

/** What the service lends an environment for its whole life. */
export interface EnvironmentHost {
  /** The shared virtual clock; the executor advances it as its guest works and waits. */
  clock: VirtualClock;
  /** One line written by the runtime process (console output, runtime error lines), in order. */
  onLog: (line: string) => void;
  /** Simulated AWS services (SDK calls), decided synchronously by the service's world. */
  services?: ServiceBridge | undefined;
  /** Virtual time and request id handed to `services` with each call. */
  serviceInfo: () => ServiceCallInfo;
}

/** Limits of one init phase. */
export interface InitRequest {
  /** Virtual ms (since the simulation epoch) at which the phase is cut off. */
  deadlineMs: number;
  /** `init` for the Init phase, `invoke` for the retry inside the first invocation after a failed init. */
  phase: 'init' | 'invoke';
}

/** Result of an init phase. */
export type InitOutcome =
  | { ok: true }
  | {
      ok: false;
      /** `timeout` when the deadline passed, else `error`. */
      status: 'error' | 'timeout';
      /** Error type for INIT_REPORT and the payload (`Runtime.ImportModuleError`, `Runtime.OutOfMemory`, …). */
      errorType: string;
      /** The error document the runtime posted to `/init/error`, or null when the process died without one. */
      failure: ErrorDocument | null;
      /** The exact text of `failure` as the runtime posted it, when it is not `JSON.stringify(failure)` (Python). */
      failureText?: string;
      /** True when the environment ran out of memory. */
      oom: boolean;
      /** Work still pending at a timeout (plain words), for the record's `pending`. */
      pending: string[];
    };

/** One invocation handed to an environment. */
export interface InvokeRequest {
  requestId: string;
  /** Exact request payload (JSON text, already validated by the service). */
  payload: string;
  /** Virtual ms (since the simulation epoch) at which the function times out. */
  deadlineMs: number;
}

/** Set when the process died after the invocation had answered (the caller keeps its answer). */
export interface ProcessExit {
  errorType: string | null;
  errorMessage: string | null;
}

/** How an invocation ended, from the runtime process's side. */
export type InvokeOutcome =
  /** The runtime posted a response: `payload` is the serialised result (JSON text). */
  | { kind: 'response'; payload: string; processExit: ProcessExit | null; pending: string[] }
  /**
   * The runtime posted an error document (already logged by the runtime, e.g. `Invoke Error`). `reset`: the
   * process ended with it (uncaught exception, unhandled rejection, a promise that never settled), so the
   * next request is a cold start.
   */
  | {
      kind: 'error';
      error: ErrorDocument;
      reset: boolean;
      pending: string[];
      /** The exact text the runtime posted, when it is not `JSON.stringify(error)` (Python's client writes `", "` separators). */
      payloadText?: string;
    }
  /** The deadline passed (virtual clock, or the runaway-CPU guard). */
  | { kind: 'timeout'; pending: string[] }
  /** The environment ran out of memory. */
  | { kind: 'out-of-memory' }
  /** The process exited (`process.exit(code)`) before answering. */
  | { kind: 'exit'; code: number };

/** One invocation handed to a Managed Instances environment, with the virtual instant it arrives. */
export interface ConcurrentInvokeRequest extends InvokeRequest {
  /** Virtual ms (since the simulation epoch) at which the request reaches the environment. */
  arrivalMs: number;
}

/** How one of several concurrent invocations ended. */
export interface ConcurrentInvokeResult {
  requestId: string;
  /** Virtual ms at which the request started (its arrival) and ended (answer, timeout or crash). */
  startMs: number;
  endMs: number;
  outcome: InvokeOutcome;
}

/** What a Managed Instances environment did with a batch of concurrent requests. */
export interface ConcurrentInvokeBatch {
  /** Requests that ran, in the order they ended. */
  results: ConcurrentInvokeResult[];
  /** Requests that never started because the environment ended first (they need a new environment). */
  notStarted: string[];
  /** True when the environment ended (crash, out of memory, exit): it must be discarded. */
  ended: boolean;
}

/**
 * A Managed Instances environment taking requests over time (load runs): requests are queued with their arrival
 * instants, and the environment runs up to a given instant, reporting the requests that ended meanwhile.
 */
export interface ConcurrentSession {
  /** Queue a request; its `arrivalMs` must not be before the environment's clock. */
  submit: (request: ConcurrentInvokeRequest) => void;
  /** Run every event up to `limitMs` (Infinity: until no request is left); the clock then stands at `limitMs`. */
  runUntil: (limitMs: number) => Promise<ConcurrentInvokeBatch>;
  /** Requests queued or running. */
  inFlight: () => number;
}

/** One execution environment: one runtime process. */
export interface ExecEnvironment {
  /** Load the handler and run module-scope code. Called once, again only as the retry after a failure. */
  init: (request: InitRequest) => Promise<InitOutcome>;
  /** Run one invocation. Only called after a successful init. */
  invoke: (request: InvokeRequest) => Promise<InvokeOutcome>;
  /**
   * Lambda Managed Instances: run several invocations in this one environment at once, each starting at its
   * arrival instant, interleaved on the virtual clock (module scope shared, context per request). Only executors
   * that model the runtime's multi-concurrent mode have it.
   */
  invokeConcurrent?: (requests: ConcurrentInvokeRequest[]) => Promise<ConcurrentInvokeBatch>;
  /** Lambda Managed Instances, over time: a session that takes requests as they arrive (load runs). */
  openConcurrent?: () => ConcurrentSession;
  /** Peak memory of the environment so far, in simulated MB (what REPORT's `Max Memory Used` shows). */
  maxMemoryUsedMB: () => number;
  /**
   * What the last invocation's handler streamed (`awslambda.streamifyResponse`), or null when it did not
   * stream; the call resets it. Optional: an executor that cannot stream leaves it out.
   */
  takeResponseStream?: () => ResponseStreamCapture | null;
  /** Free the environment. Called exactly once. */
  dispose: () => void;
}

/** Something that can run a function. */
export interface Executor {
  /** `sandbox` (QuickJS), `node` (a Node.js worker), `python`. */
  readonly kind: string;
  /** Start a new environment (a new process). No user code runs until `init`. */
  createEnvironment: (spec: EnvironmentSpec, host: EnvironmentHost) => ExecEnvironment;
}
