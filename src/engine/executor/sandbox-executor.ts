/**
 * The QuickJS sandbox behind the executor seam: one QuickJS runtime per execution environment, driven
 * on the shared virtual clock. It plays the runtime process (see `types.ts` for the division of work):
 * the prelude inside QuickJS loads the handler and speaks the runtime interface client's protocol; this
 * file drives its event loop, charges CPU time, enforces the memory limit and the runaway-CPU guard,
 * and turns what the prelude reports into an {@link InitOutcome} or {@link InvokeOutcome}.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { createSandbox, type ModuleResolver, type Sandbox, type SimModule, type StopReason } from '../sandbox/sandbox.ts';
import {
  cpuMicrosPerInterrupt,
  macrotaskMicros,
  DEFAULT_REAL_MEMORY_BUDGET_BYTES,
  DEFAULT_WALL_BUDGET_MS,
  MAX_STACK_BYTES,
  quickjsMemoryLimitBytes,
  simulatedMemoryMB,
  SimulatorLimitError,
  sourceLoadMicros,
} from '../lambda/limits.ts';
import { NODE_VERSIONS } from '../lambda/environment-variables.ts';
import { formatRuntimeErrorLine, type RuntimeErrorDoc } from '../report/log-lines.ts';
import type {
  ConcurrentInvokeBatch,
  ConcurrentInvokeRequest,
  ConcurrentInvokeResult,
  ConcurrentSession,
  EnvironmentHost,
  EnvironmentSpec,
  ErrorDocument,
  ExecEnvironment,
  Executor,
  InitOutcome,
  InitRequest,
  InvokeOutcome,
  InvokeRequest,
  ProcessExit,
} from './types.ts';
import { createStreamCollector } from '../streaming/capture.ts';

/**
 * What Node reports when the stack runs out: V8's RangeError (Node test
 * test/parallel/test-error-reporting / V8 messages.h kStackOverflow "Maximum call stack size exceeded").
 * Used when the host's own stack overflowed inside QuickJS and the sandbox cannot report it itself.
 */
const STACK_OVERFLOW_ERROR: RuntimeErrorDoc = {
  errorType: 'RangeError',
  errorMessage: 'Maximum call stack size exceeded',
  trace: ['RangeError: Maximum call stack size exceeded'],
};

/**
 * The runtime client's answer when the result cannot be serialised: `_trySerializeResponse` catches any
 * error of `JSON.stringify` (a stack overflow in `toJSON` included) and throws this one
 * (https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/RAPIDClient.js).
 */
const STRINGIFY_ERROR: RuntimeErrorDoc = {
  errorType: 'Error',
  errorMessage: 'Unable to stringify response body',
  trace: ['Error: Unable to stringify response body'],
};

/**
 * The runtime client's message when Node exits with the handler's promise still pending
 * (`Runtime.NodeJsExit`, https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/index.mjs).
 */
const NODE_JS_EXIT_MESSAGE =
  'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes';

/**
 * Growth of QuickJS's block counter (8 units per block) below which {@link trackMemory} trusts its last heap walk.
 * ILLUSTRATIVE: 128 blocks, a few KiB of small objects, far below the 1 MB steps "Max Memory Used" is reported in.
 */
const TRACK_MEMORY_SLACK_UNITS = 128 * 8;
/** Most event-loop turns in a row whose heap walk is skipped (the counters miss a large block reusing freed memory). */
const TRACK_MEMORY_SKIPS_MAX = 64;

/**
 * Guest work (interrupt polls of ≈ 10,000 bytecode steps, plus macrotasks) an init or invocation must
 * have done before the wall-clock guard may end it. ILLUSTRATIVE: ≈ 20 M bytecode steps, far more than
 * ordinary handlers and scenarios do, far less than a runaway loop does within the wall budget.
 */
const MIN_WORK_FOR_WALL_GUARD = 2_000;

/** What the sandbox executor needs from its simulator. */
export interface SandboxExecutorOptions {
  /** The QuickJS wasm module (a SYNC variant), injected by the caller. */
  quickjs: QuickJSWASMModule;
  /** Wall clock for the runaway-CPU guard only. Never used for simulated time. */
  wallClock: () => number;
  /** Wall-clock budget per init or invocation before the guard ends it as a timeout, ms. */
  wallBudgetMs: number;
  /** Simulated packages (AWS SDK clients) by bare specifier. */
  resolveModule: ModuleResolver;
  /** Most real QuickJS heap one environment may use, bytes (default {@link DEFAULT_REAL_MEMORY_BUDGET_BYTES}). */
  realMemoryBudgetBytes?: number | undefined;
}

/** Create the QuickJS executor. */
export function createSandboxExecutor(options: SandboxExecutorOptions): Executor {
  return {
    kind: 'sandbox',
    createEnvironment: (spec, host) => createSandboxEnvironment(options, spec, host),
  };
}

/** Parse a JSON object the prelude returned, or null. */
function parseObject(text: unknown): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(String(text));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

type Step<T> = T | null;

function createSandboxEnvironment(options: SandboxExecutorOptions, spec: EnvironmentSpec, host: EnvironmentHost): ExecEnvironment {
  const { clock } = host;
  const { config } = spec;
  const processStartMs = clock.nowMs();
  const cpuUs = cpuMicrosPerInterrupt(config.memoryMB);
  // Virtual CPU per macrotask the event loop runs (timer, immediate), scaled by the CPU share like cpuUs.
  const macrotaskUs = macrotaskMicros(config.memoryMB);
  const isoNow = (): string => new Date(clock.epochNowMs()).toISOString();

  // Per-phase guard state read by the interrupt handler.
  let deadlineMs = Infinity;
  let wallStart = 0;
  let guardActive = false;
  // Guest work done since the guard started (interrupt polls + macrotasks). The wall-clock guard only
  // ends a run that has also done a lot of work: a host that is merely slow or starved (parallel test
  // workers, a busy laptop) must not turn an ordinary invocation into a timeout, or results would
  // depend on the machine. Below the threshold every outcome is decided by virtual time alone.
  let guestWork = 0;
  let disposed = false;

  const wallExceeded = (): boolean =>
    guestWork >= MIN_WORK_FOR_WALL_GUARD && options.wallClock() - wallStart > options.wallBudgetMs;

  const sb: Sandbox = createSandbox({
    quickjs: options.quickjs,
    config: {
      seed: spec.seed,
      epochMs: clock.epochMs + processStartMs,
      env: spec.env,
      files: spec.files,
      handler: config.handler,
      runtime: config.runtime,
      nodeVersion: NODE_VERSIONS[config.runtime],
      functionName: config.functionName,
      functionVersion: spec.functionVersion,
      functionArn: spec.functionArn,
      memoryMB: config.memoryMB,
      ephemeralStorageMB: config.ephemeralStorageMB,
      logGroupName: spec.logGroupName,
      logStreamName: spec.logStreamName,
      logFormat: config.logFormat,
    },
    memoryLimitBytes: -1,
    maxStackBytes: MAX_STACK_BYTES,
    now: () => clock.nowMs() - processStartMs,
    onInterrupt(): StopReason | null {
      clock.advanceMicros(cpuUs);
      if (!guardActive) return null;
      guestWork++;
      if (clock.nowMs() >= deadlineMs) return 'timeout';
      if (wallExceeded()) return 'wall-clock';
      return null;
    },
    onSourceLoaded: (chars) => clock.advanceMicros(sourceLoadMicros(chars, config.memoryMB)),
    onLog: host.onLog,
    resolveModule: options.resolveModule,
    services: host.services,
    serviceInfo: host.serviceInfo,
  });
  const baselineBytes = sb.memoryUsedBytes();
  // The function's memory size, in QuickJS bytes, unless that is more real memory than the budget allows.
  const mappedLimitBytes = quickjsMemoryLimitBytes(config.memoryMB, baselineBytes);
  const budgetLimitBytes = baselineBytes + (options.realMemoryBudgetBytes ?? DEFAULT_REAL_MEMORY_BUDGET_BYTES);
  const limitBytes = Math.min(mappedLimitBytes, budgetLimitBytes);
  sb.setMemoryLimit(limitBytes);
  let peakBytes = baselineBytes;
  // Whether a timer callback ever ran in this environment (see trackMemory).
  let ranTimers = false;

  /**
   * An out-of-memory stop is the function's own only when the limit in force stands for its memory size;
   * when it was the simulator's real-memory budget, Lambda would still be running the program.
   */
  function memoryStop(): never | void {
    if (limitBytes < mappedLimitBytes) {
      guardActive = false;
      const simulated = simulatedMemoryMB(Math.max(peakBytes, limitBytes), baselineBytes, config.memoryMB);
      throw new SimulatorLimitError(limitBytes - baselineBytes, simulated, config.memoryMB);
    }
  }

  // The last heap walk of trackMemory: its result, QuickJS's allocation counters then, and the walks skipped since.
  let lastWalk: { used: number; counters: { units: number; wasmBytes: number } | null; skipped: number } | null = null;

  /**
   * Record the heap's peak; true when the environment is out of memory. Called at every turn of the event loop, so
   * the heap walk is skipped while QuickJS's allocation counters show no growth since the last one (at most
   * {@link TRACK_MEMORY_SKIPS_MAX} times in a row): a setImmediate storm spent nine tenths of its time in walks.
   */
  function trackMemory(): boolean {
    const counters = sb.allocationCounters();
    const unchanged =
      counters !== null &&
      lastWalk?.counters != null &&
      lastWalk.skipped < TRACK_MEMORY_SKIPS_MAX &&
      counters.wasmBytes === lastWalk.counters.wasmBytes &&
      counters.units <= lastWalk.counters.units + TRACK_MEMORY_SLACK_UNITS;
    let used: number;
    if (unchanged && lastWalk) {
      lastWalk.skipped++;
      used = lastWalk.used;
    } else {
      used = walkHeap(counters);
    }
    // QuickJS fails allocations near the limit; treat ≥ 98 % as exhausted (its count is approximate).
    // The sandbox's own check (exact measurements scheduled at interrupt polls) is consulted too.
    const out = used >= limitBytes * 0.98 || sb.overMemoryLimit();
    // A full heap that timer callbacks built is not freed (see Sandbox.quarantine): disposing such a heap
    // aborted the wasm module (orders-report-oom scenario). ILLUSTRATIVE heuristic: without timers the
    // runtime is freed, since each quarantined heap stays in wasm memory (≈ 51 MiB at 128 MB).
    if (out && ranTimers) sb.quarantine();
    return out;
  }

  /** Measure the heap exactly (`counters`: the allocation counters read just before), record the walk and the peak. */
  function walkHeap(counters: { units: number; wasmBytes: number } | null): number {
    const used = sb.memoryUsedBytes();
    lastWalk = { used, counters, skipped: 0 };
    if (used > peakBytes) peakBytes = used;
    return used;
  }

  /**
   * The peak as a report shows it: when trackMemory skipped walks since its last one, one more walk, so a large block
   * the counters did not show (one string in reused memory) still counts.
   */
  function settledPeakBytes(): number {
    if (!disposed && lastWalk && lastWalk.skipped > 0) walkHeap(sb.allocationCounters());
    return peakBytes;
  }

  function startGuard(deadline: number): void {
    deadlineMs = deadline;
    wallStart = options.wallClock();
    guestWork = 0;
    guardActive = true;
  }

  // What a streaming handler wrote (awslambda.streamifyResponse), taken out of the guest as the loop turns.
  const stream = createStreamCollector((guestMs) => processStartMs + guestMs);
  function drainStream(): void {
    const d = sb.call('drainStream');
    if (d.ok && typeof d.value === 'string') stream.absorb(d.value);
  }

  /** Work still waiting (timers, promises, SDK calls), in plain words. */
  function readPending(): string[] {
    guardActive = false;
    sb.clearStop();
    drainStream();
    const p = sb.call('pending');
    try {
      return p.ok ? (JSON.parse(String(p.value)) as string[]) : [];
    } catch {
      return [];
    }
  }

  /** The prelude's record of a process-level failure (uncaught exception, unhandled rejection), if any. */
  function processFailure(): ErrorDocument | null | undefined {
    const pf = sb.call('processFailure');
    if (!pf.ok || pf.value === 'null') return undefined;
    return (parseObject(pf.value)?.['error'] as ErrorDocument | undefined) ?? null;
  }

  // ---------------------------------------------------------------- init

  async function init(request: InitRequest): Promise<InitOutcome> {
    startGuard(request.deadlineMs);
    const fail = (status: 'error' | 'timeout', errorType: string, failure: ErrorDocument | null, oom = false): InitOutcome => {
      guardActive = false;
      let pending: string[] = [];
      if (status === 'timeout') {
        clock.advanceToMs(deadlineMs);
        pending = readPending();
      }
      return { ok: false, status, errorType, failure, oom, pending };
    };
    const stopped = (): Step<InitOutcome> => {
      const s = sb.stopReason();
      if (s === 'timeout' || s === 'wall-clock') return fail('timeout', 'Runtime.Unknown', null);
      if (s === 'out-of-memory') {
        memoryStop();
        return fail('error', 'Runtime.OutOfMemory', null, true);
      }
      if (s === 'exit') return fail('error', 'Runtime.ExitError', null);
      if (s === 'host-stack-overflow') {
        // Node would throw a RangeError from the module's top level, logged as an init error
        // (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html).
        const label = config.runtime === 'nodejs24.x' ? 'Init Error' : 'Uncaught Exception';
        host.onLog(formatRuntimeErrorLine(label, null, STACK_OVERFLOW_ERROR, config.logFormat, isoNow()));
        return fail('error', STACK_OVERFLOW_ERROR.errorType, { ...STACK_OVERFLOW_ERROR });
      }
      if (trackMemory()) {
        memoryStop();
        return fail('error', 'Runtime.OutOfMemory', null, true);
      }
      return null;
    };
    const failed = (failure: ErrorDocument | null): InitOutcome => {
      const s = stopped();
      if (s) return s;
      const type = failure && typeof failure['errorType'] === 'string' ? failure['errorType'] : 'Runtime.Unknown';
      return fail('error', type, failure);
    };
    // Drive the event loop until `done()` or the deadline.
    const drive = (done: () => boolean): Step<InitOutcome> => {
      for (;;) {
        const m = sb.runMicrotasks();
        const s = stopped();
        if (s) return s;
        if (!m.ok) return failed(null);
        const pf = processFailure();
        if (pf !== undefined) return failed(pf);
        sb.call('checkRejections');
        const pf2 = processFailure();
        if (pf2 !== undefined) return failed(pf2);
        if (done()) return null;
        const next = sb.call('nextDue');
        const nextDue = next.ok && typeof next.value === 'number' ? next.value : -1;
        if (nextDue < 0) return null;
        const abs = processStartMs + nextDue;
        if (abs > deadlineMs) return fail('timeout', 'Runtime.Unknown', null);
        clock.advanceToMs(abs);
        clock.advanceMicros(macrotaskUs);
        guestWork++;
        if (wallExceeded()) return fail('timeout', 'Runtime.Unknown', null);
        ranTimers = true;
        sb.call('runNext');
        const s2 = stopped();
        if (s2) return s2;
      }
    };

    const begin = sb.call('beginLoad');
    {
      const s = stopped();
      if (s) return s;
    }
    if (!begin.ok) return failed(null);
    const loaded = parseObject(begin.value) ?? {};
    if (loaded['kind'] === 'failed') return failed((loaded['failure'] as ErrorDocument) ?? null);
    if (loaded['kind'] === 'esm') {
      const r = sb.evalMainModule(String(loaded['path']));
      const s = stopped();
      if (s) return s;
      if (!r.ok) return failed(parseObject(r.error));
      let state: ReturnType<Sandbox['mainModuleState']> = { state: 'pending' };
      const res = drive(() => {
        state = sb.mainModuleState();
        return state.state !== 'pending';
      });
      if (res) return res;
      const finalState = state as ReturnType<Sandbox['mainModuleState']>;
      // Top-level await on a promise that never settles: the process exits during init.
      if (finalState.state === 'pending') return fail('error', 'Runtime.NodeJsExit', null);
      if (finalState.state === 'rejected') return failed(parseObject(finalState.failure));
    } else {
      // Top-level timers and promises of CommonJS code run before the runtime asks for the first event.
      const res = drive(() => true);
      if (res) return res;
    }
    const fin = sb.call('finishLoad');
    {
      const s = stopped();
      if (s) return s;
    }
    const finished = fin.ok ? (parseObject(fin.value) ?? {}) : {};
    if (finished['kind'] !== 'ready') return failed((finished['failure'] as ErrorDocument) ?? null);
    const res = drive(() => true);
    if (res) return res;
    guardActive = false;
    trackMemory();
    return { ok: true };
  }

  // ---------------------------------------------------------------- invoke

  async function invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    startGuard(request.deadlineMs);
    const timeout = (): InvokeOutcome => ({ kind: 'timeout', pending: readPending() });
    const oom = (): InvokeOutcome => {
      memoryStop();
      guardActive = false;
      return { kind: 'out-of-memory' };
    };
    // The host's stack ran out inside QuickJS (see StopReason): the sandbox cannot log or report, so the
    // executor writes what the runtime would have. Node survives a RangeError it catches; here the
    // environment is discarded (documented in SIMULATION.md).
    const hostStack = (err: RuntimeErrorDoc): InvokeOutcome => {
      guardActive = false;
      host.onLog(formatRuntimeErrorLine('Invoke Error', request.requestId, err, config.logFormat, isoNow()));
      return { kind: 'error', error: { ...err }, reset: true, pending: [] };
    };
    const stopped = (): Step<InvokeOutcome> => {
      const s = sb.stopReason();
      if (s === 'timeout' || s === 'wall-clock') return timeout();
      if (s === 'out-of-memory') return oom();
      if (s === 'exit') {
        guardActive = false;
        return { kind: 'exit', code: sb.exitCode() ?? 0 };
      }
      if (s === 'host-stack-overflow') return hostStack(STACK_OVERFLOW_ERROR);
      if (trackMemory()) return oom();
      return null;
    };

    const info = JSON.stringify({ requestId: request.requestId, deadline: deadlineMs - processStartMs });
    sb.call('startInvoke', request.payload, info);
    for (;;) {
      const st = stopped();
      if (st) return st;
      drainStream();
      const m = sb.runMicrotasks();
      const st2 = stopped();
      if (st2) return st2;
      if (!m.ok && /out of memory/.test(m.error)) return oom();
      sb.call('checkRejections');
      const st3 = stopped();
      if (st3) return st3;
      // `status` serialises the result (JSON.stringify, getters, toJSON): user code runs there too.
      const status = sb.call('status');
      if (!status.ok && sb.stopReason() === 'host-stack-overflow') return hostStack(STRINGIFY_ERROR);
      const st4 = stopped();
      if (st4) return st4;
      const parsed = status.ok
        ? (JSON.parse(String(status.value)) as { posted: boolean; outcome: string; value: unknown; returnedPromise: boolean; v4?: boolean } | null)
        : null;
      if (parsed && parsed.posted) {
        guardActive = false;
        const failure = processFailure();
        const processDied = failure !== undefined;
        let processExit: ProcessExit | null = null;
        if (processDied) {
          processExit = {
            errorType: typeof failure?.['errorType'] === 'string' ? failure['errorType'] : null,
            errorMessage: typeof failure?.['errorMessage'] === 'string' ? failure['errorMessage'] : null,
          };
        }
        const pending = readPending();
        sb.call('endInvoke');
        // A rejection or uncaught exception in the same turn as the answer still ends the process
        // (Runtime.js `_setErrorCallbacks`: postInvocationError, then process.exit(128/129),
        // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/Runtime.js).
        if (parsed.outcome === 'success') return { kind: 'response', payload: String(parsed.value), processExit, pending };
        return { kind: 'error', error: (parsed.value ?? {}) as ErrorDocument, reset: processDied, pending };
      }
      const next = sb.call('nextDue');
      const nextDue = next.ok && typeof next.value === 'number' ? next.value : -1;
      if (nextDue < 0) {
        const be = sb.call('beforeExit');
        if (be.ok && be.value === true) continue;
        guardActive = false;
        if (parsed && parsed.v4) {
          // nodejs24.x: runtime interface client v4 has no beforeExit listener (it awaits the handler's promise in
          // src/runtime/buffered-invoke-processor.ts and asks for the next event only afterwards), so with the
          // promise unsettled and the loop empty Node exits, code 0, without answering:
          // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client (v4.1.0, src/runtime/runtime.ts).
          // Lambda's text for a runtime that exits without an answer: "Error: Runtime exited without providing a
          // reason" / Runtime.ExitError (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html,
          // "Failures during the invoke phase"); UNVERIFIED by a Node.js 24 capture.
          const pending = readPending();
          sb.call('endInvoke');
          const errorMessage = `RequestId: ${request.requestId} Error: Runtime exited without providing a reason`;
          return { kind: 'error', error: { errorType: 'Runtime.ExitError', errorMessage }, reset: true, pending };
        }
        if (parsed && parsed.returnedPromise) {
          // An async handler's promise never settled and the loop is empty: the runtime client's default
          // beforeExit listener posts Runtime.NodeJsExit as an Invoke Error and schedules the next invoke
          // (Runtime.js `_setDefaultExitListener`): the process does not exit, so the environment is kept.
          // https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/main/src/Runtime.js
          const trace = [`Runtime.NodeJsExit: ${NODE_JS_EXIT_MESSAGE}`];
          const doc = { errorType: 'Runtime.NodeJsExit', errorMessage: NODE_JS_EXIT_MESSAGE, trace };
          host.onLog(`${isoNow()}\t${request.requestId}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, stack: trace })}`);
          const pending = readPending();
          sb.call('endInvoke');
          return { kind: 'error', error: doc, reset: false, pending };
        }
        // Nothing left to run and nothing posted (should not happen): the process ends without a reason.
        return { kind: 'error', error: { errorType: 'Runtime.Unknown', errorMessage: 'Runtime exited without providing a reason' }, reset: true, pending: [] };
      }
      const abs = processStartMs + nextDue;
      if (abs >= deadlineMs) return timeout();
      clock.advanceToMs(abs);
      clock.advanceMicros(macrotaskUs);
      guestWork++;
      if (clock.nowMs() >= deadlineMs || wallExceeded()) return timeout();
      ranTimers = true;
      sb.call('runNext');
    }
  }

  // ---------------------------------------------------------------- Lambda Managed Instances

  /**
   * Several invocations in this one environment at once (the runtime interface client's multi-concurrent mode,
   * see `startConcurrentInvoke` in prelude-runtime.ts): each starts at its arrival, all share the event loop and
   * module scope, and each ends on its own. As the Managed Instances docs describe
   * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-execution-environment.html, "Independent
   * timeouts"): a request that passes its timeout fails alone, the other requests and the environment go on, and its
   * code keeps running (its late answer is dropped). A crash of the runtime (Node's default exit on an uncaught
   * error, process.exit, out of memory) ends every request in flight and the environment; the simulator models one
   * runtime worker per environment, so no healthy worker is left to carry on (ILLUSTRATIVE: Lambda runs several
   * workers, and "the execution environment continues operating with the remaining healthy workers").
   */
  function openConcurrent(): ConcurrentSession {
    const queue: ConcurrentInvokeRequest[] = [];
    const active = new Map<string, { req: ConcurrentInvokeRequest; startMs: number }>();
    let results: ConcurrentInvokeResult[] = [];
    let ended = false;
    const end = (id: string, outcome: InvokeOutcome, endMs = clock.nowMs()): void => {
      const a = active.get(id);
      if (!a) return;
      active.delete(id);
      results.push({ requestId: id, startMs: a.startMs, endMs, outcome });
    };
    const take = (): ConcurrentInvokeBatch => {
      guardActive = false;
      const out = { results, notStarted: ended ? queue.splice(0).map((r) => r.requestId) : [], ended };
      results = [];
      return out;
    };
    // The runtime process is gone: every request in flight ends with it.
    const crash = (outcome: () => InvokeOutcome, atDeadline = false): ConcurrentInvokeBatch => {
      for (const [id, a] of [...active]) end(id, outcome(), atDeadline ? Math.max(clock.nowMs(), a.req.deadlineMs) : clock.nowMs());
      ended = true;
      return take();
    };
    const unsettled = ["handler's promise has not settled"];
    const stopped = (): ConcurrentInvokeBatch | null => {
      const s = sb.stopReason();
      // A thread that never yields blocks every request on it (one JavaScript thread): all of them time out.
      if (s === 'timeout' || s === 'wall-clock') return crash(() => ({ kind: 'timeout', pending: unsettled }), true);
      if (s === 'out-of-memory') {
        memoryStop();
        return crash(() => ({ kind: 'out-of-memory' }));
      }
      if (s === 'exit') {
        const code = sb.exitCode() ?? 0;
        return crash(() => ({ kind: 'exit', code }));
      }
      if (s === 'host-stack-overflow') return crash(() => ({ kind: 'error', error: { ...STACK_OVERFLOW_ERROR }, reset: true, pending: [] }));
      if (trackMemory()) {
        memoryStop();
        return crash(() => ({ kind: 'out-of-memory' }));
      }
      return null;
    };
    async function runUntil(limitMs: number): Promise<ConcurrentInvokeBatch> {
      if (ended) return take();
      queue.sort((a, b) => a.arrivalMs - b.arrivalMs);
      // The interrupt guard stops only a thread that never yields, past the last deadline it knows of.
      startGuard(Math.max(clock.nowMs(), ...queue.map((r) => r.deadlineMs), ...[...active.values()].map((a) => a.req.deadlineMs)));
      for (;;) {
        while (queue.length > 0 && (queue[0] as ConcurrentInvokeRequest).arrivalMs <= clock.nowMs()) {
          const r = queue.shift() as ConcurrentInvokeRequest;
          active.set(r.requestId, { req: r, startMs: clock.nowMs() });
          sb.call('startInvoke', r.payload, JSON.stringify({ requestId: r.requestId, deadline: r.deadlineMs - processStartMs }));
          const st = stopped();
          if (st) return st;
        }
        const m = sb.runMicrotasks();
        const st1 = stopped();
        if (st1) return st1;
        if (!m.ok && /out of memory/.test(m.error)) {
          memoryStop();
          return crash(() => ({ kind: 'out-of-memory' }));
        }
        sb.call('checkRejections');
        const st2 = stopped();
        if (st2) return st2;
        const pf = processFailure();
        if (pf !== undefined) return crash(() => ({ kind: 'error', error: pf ?? {}, reset: true, pending: [] }));
        for (const id of [...active.keys()]) {
          // `statusOf` serialises the result (JSON.stringify, getters, toJSON): user code runs there too.
          const status = sb.call('statusOf', id);
          const st3 = stopped();
          if (st3) return st3;
          const parsed = status.ok ? (JSON.parse(String(status.value)) as { posted: boolean; outcome: string; value: unknown } | null) : null;
          if (parsed && parsed.posted) {
            sb.call('endInvokeOf', id);
            if (parsed.outcome === 'success') end(id, { kind: 'response', payload: String(parsed.value), processExit: null, pending: [] });
            else end(id, { kind: 'error', error: (parsed.value ?? {}) as ErrorDocument, reset: false, pending: [] });
          }
        }
        const nd = sb.call('nextDue');
        const nextDue = active.size === 0 && queue.length === 0 ? Infinity : nd.ok && typeof nd.value === 'number' && nd.value >= 0 ? processStartMs + nd.value : Infinity;
        const arrival = queue.length > 0 ? (queue[0] as ConcurrentInvokeRequest).arrivalMs : Infinity;
        let deadline = Infinity;
        for (const a of active.values()) deadline = Math.min(deadline, a.req.deadlineMs);
        const next = Math.min(nextDue, arrival, deadline);
        if (next > limitMs || next === Infinity) {
          // Nothing more before the limit: the environment waits (virtual time passes) for the next request.
          if (Number.isFinite(limitMs) && limitMs > clock.nowMs()) clock.advanceToMs(limitMs);
          return take();
        }
        if (deadline <= nextDue && deadline <= arrival) {
          // While the runtime waits for its next event the process stays up (processMultiConcurrent loops on
          // `lifecycle.next()`), so a promise that never settles ends in the request's own timeout.
          clock.advanceToMs(deadline);
          for (const [id, a] of [...active]) {
            if (a.req.deadlineMs <= clock.nowMs()) {
              sb.call('endInvokeOf', id);
              end(id, { kind: 'timeout', pending: unsettled });
            }
          }
          continue;
        }
        if (arrival <= nextDue) {
          clock.advanceToMs(arrival);
          continue;
        }
        clock.advanceToMs(nextDue);
        clock.advanceMicros(macrotaskUs);
        guestWork++;
        if (wallExceeded()) return crash(() => ({ kind: 'timeout', pending: unsettled }), true);
        ranTimers = true;
        sb.call('runNext');
      }
    }
    return {
      submit(req) {
        if (ended) throw new Error('The environment has ended; open a new one.');
        queue.push(req);
      },
      runUntil,
      inFlight: () => active.size + queue.length,
    };
  }

  async function invokeConcurrent(requests: ConcurrentInvokeRequest[]): Promise<ConcurrentInvokeBatch> {
    const session = openConcurrent();
    for (const r of requests) session.submit(r);
    return session.runUntil(Infinity);
  }

  return {
    init,
    invoke,
    invokeConcurrent,
    openConcurrent,
    maxMemoryUsedMB: () => simulatedMemoryMB(settledPeakBytes(), baselineBytes, config.memoryMB),
    takeResponseStream: () => stream.take(),
    dispose() {
      if (disposed) return;
      disposed = true;
      guardActive = false;
      sb.dispose();
    },
  };
}

/** The options a simulator or environment pool accepts to pick its executor. */
export interface ExecutorChoice {
  /** Runs the function; default: the QuickJS sandbox built from `quickjs`. */
  executor?: Executor | undefined;
  /** The QuickJS wasm module (a SYNC variant), needed when no `executor` is given. */
  quickjs?: QuickJSWASMModule | undefined;
  wallClock?: (() => number) | undefined;
  wallBudgetMs?: number | undefined;
  /** Simulated packages by bare specifier (sandbox only). */
  modules?: Record<string, SimModule> | undefined;
  /** Resolver consulted after `modules` for bare specifiers (sandbox only). */
  resolveModule?: ModuleResolver | undefined;
  /** Most real QuickJS heap one sandbox environment may use, bytes. */
  realMemoryBudgetBytes?: number | undefined;
}

/** The executor `choice` asks for: its own, or the QuickJS sandbox. Throws when neither can be had. */
export function chooseExecutor(choice: ExecutorChoice): Executor {
  if (choice.executor) return choice.executor;
  if (!choice.quickjs) throw new Error('createSimulator needs either `executor` or `quickjs` (the QuickJS wasm module).');
  const modules = choice.modules ?? {};
  return createSandboxExecutor({
    quickjs: choice.quickjs,
    wallClock: choice.wallClock ?? (() => Date.now()),
    wallBudgetMs: choice.wallBudgetMs ?? DEFAULT_WALL_BUDGET_MS,
    resolveModule: (spec) => (Object.prototype.hasOwnProperty.call(modules, spec) ? modules[spec] : choice.resolveModule?.(spec)),
    realMemoryBudgetBytes: choice.realMemoryBudgetBytes,
  });
}
