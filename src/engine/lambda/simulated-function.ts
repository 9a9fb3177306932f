/**
 * A simulated Lambda function: execution environments (init once, then warm invocations), the
 * invoke loop on the virtual clock, and the InvocationRecord Lambda would report.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { FunctionConfig, InvocationRecord, Outcome } from '../types.ts';
import type { CauseId } from '../vocabulary.ts';
import type { VirtualClock } from '../clock/virtual-clock.ts';
import type { SeededRandom } from '../clock/seeded-random.ts';
import { createSandbox, type ModuleResolver, type Sandbox, type ServiceBridge, type StopReason } from '../sandbox/sandbox.ts';
import {
  INIT_TIMEOUT_MS,
  INVOKE_OVERHEAD_MS,
  MAX_STACK_BYTES,
  MAX_SYNC_REQUEST_BYTES,
  MAX_SYNC_RESPONSE_BYTES,
  RUNTIME_BOOTSTRAP_MS,
  cpuMicrosPerInterrupt,
  quickjsMemoryLimitBytes,
  simulatedMemoryMB,
} from './limits.ts';
import { buildLambdaEnvironment, NODE_VERSIONS } from './environment-variables.ts';
import { utf8ByteLength } from '../text/utf8.ts';
import { createInvocationRecord } from '../report/record.ts';
import {
  formatEndLine,
  formatInitReportLine,
  formatInitStartLine,
  formatReportLine,
  formatRuntimeErrorLine,
  formatStartLine,
  formatTimeoutLine,
  type RuntimeErrorDoc,
} from '../report/log-lines.ts';

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
 * The RIC's answer when the result cannot be serialised: `_trySerializeResponse` catches any error of
 * `JSON.stringify` (a stack overflow in `toJSON` included) and throws this one ([RUNTIME-SRC]
 * RAPIDClient.js `_trySerializeResponse`).
 */
const STRINGIFY_ERROR: RuntimeErrorDoc = {
  errorType: 'Error',
  errorMessage: 'Unable to stringify response body',
  trace: ['Error: Unable to stringify response body'],
};

/** Virtual CPU charged per macrotask the event loop runs (timer, immediate), µs. ILLUSTRATIVE. */
const MACROTASK_COST_US = 5;

/**
 * Guest work (interrupt polls of ≈ 10,000 bytecode steps, plus macrotasks) an init or invocation must
 * have done before the wall-clock guard may end it. ILLUSTRATIVE: ≈ 20 M bytecode steps, far more than
 * ordinary handlers and scenarios do, far less than a runaway loop does within the wall budget.
 */
const MIN_WORK_FOR_WALL_GUARD = 2_000;

/** Options for one invocation. */
export interface InvokeOptions {
  /** Exact request body bytes (JSON text). Overrides `event`; used for size and JSON checks. */
  rawPayload?: string;
  /** Request id to use instead of a new one (asynchronous retries keep the event's request id). */
  requestId?: string;
}

/** A simulated function. */
export interface SimFunction {
  readonly config: FunctionConfig;
  /** Invoke synchronously (RequestResponse); reuses the warm environment when there is one. */
  invoke: (event: unknown, opts?: InvokeOptions) => Promise<InvocationRecord>;
  /** Discard the current environment: the next invoke is a cold start. */
  newEnvironment: () => void;
  /** Free all QuickJS resources. The function cannot be invoked afterwards. */
  dispose: () => void;
}

/** Everything a function needs from its simulator. */
export interface FunctionDeps {
  quickjs: QuickJSWASMModule;
  clock: VirtualClock;
  random: SeededRandom;
  wallClock: () => number;
  wallBudgetMs: number;
  resolveModule: ModuleResolver;
  services?: ServiceBridge | undefined;
}

interface Environment {
  sandbox: Sandbox;
  /** Virtual ms (since the simulation epoch) at which the process started. */
  processStartMs: number;
  baselineBytes: number;
  limitBytes: number;
  peakBytes: number;
  logStreamName: string;
}

type InitResult =
  | { ok: true; env: Environment; durationMs: number }
  | { ok: false; status: 'error' | 'timeout'; errorType: string; failure: Record<string, unknown> | null; durationMs: number; oom: boolean; pending?: string[] };

/** UTF-8 byte length of a string, without host APIs. */
export { utf8ByteLength };

/** Create a simulated function. `files` maps paths relative to /var/task to sources. */
export function createSimFunction(config: FunctionConfig, files: Record<string, string>, deps: FunctionDeps): SimFunction {
  const { clock, random } = deps;
  const taskFiles: Record<string, string> = {};
  for (const [name, src] of Object.entries(files)) {
    const clean = name.replace(/^\.?\/+/, '').replace(/^var\/task\//, '');
    taskFiles[`/var/task/${clean}`] = src;
  }
  const functionArn = `arn:aws:lambda:${config.region}:${config.accountId}:function:${config.functionName}`;
  const logGroupName = `/aws/lambda/${config.functionName}`;
  let env: Environment | null = null;
  let disposed = false;
  let chain: Promise<unknown> = Promise.resolve();
  // Where guest console lines go: the current invocation's log list.
  let currentLogs: string[] = [];
  // Request id handed to host services (null during init), so recorded calls belong to an invocation.
  let currentRequestId: string | null = null;

  const iso = (msSinceEpochStart: number): string => new Date(clock.epochMs + Math.floor(msSinceEpochStart)).toISOString();
  const isoNow = (): string => iso(clock.nowMs());

  // Per-step guard state read by the interrupt handler.
  let deadlineMs = Infinity;
  let wallStart = 0;
  let guardActive = false;
  // Guest work done since the guard started (interrupt polls + macrotasks). The wall-clock guard only
  // ends a run that has also done a lot of work: a host that is merely slow or starved (parallel test
  // workers, a busy laptop) must not turn an ordinary invocation into a timeout, or results would
  // depend on the machine. Below the threshold every outcome is decided by virtual time alone.
  let guestWork = 0;
  const cpuUs = cpuMicrosPerInterrupt(config.memoryMB);

  function onInterrupt(): StopReason | null {
    clock.advanceMicros(cpuUs);
    if (!guardActive) return null;
    guestWork++;
    if (clock.nowMs() >= deadlineMs) return 'timeout';
    if (wallExceeded()) return 'wall-clock';
    return null;
  }

  function wallExceeded(): boolean {
    return guestWork >= MIN_WORK_FOR_WALL_GUARD && deps.wallClock() - wallStart > deps.wallBudgetMs;
  }

  function disposeEnv(): void {
    if (env) {
      env.sandbox.dispose();
      env = null;
    }
  }

  function trackMemory(e: Environment): boolean {
    const used = e.sandbox.memoryUsedBytes();
    if (used > e.peakBytes) e.peakBytes = used;
    // QuickJS fails allocations near the limit; treat ≥ 98 % as exhausted (its count is approximate).
    // The allocator counter is checked too: the sandbox enforces the limit on it (MEMORY_HEADROOM_BYTES).
    return used >= e.limitBytes * 0.98 || e.sandbox.overMemoryLimit();
  }

  function createEnvironment(): Environment {
    const processStartMs = clock.nowMs();
    const d = new Date(clock.epochNowMs());
    const ymd = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
    // YYYY/MM/DD/[$LATEST]<32 hex> — https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
    const logStreamName = `${ymd}/[$LATEST]${random.hex(32)}`;
    const sandbox = createSandbox({
      quickjs: deps.quickjs,
      config: {
        seed: random.nextUint32(),
        epochMs: clock.epochMs + processStartMs,
        env: buildLambdaEnvironment(config, logStreamName),
        files: taskFiles,
        handler: config.handler,
        runtime: config.runtime,
        nodeVersion: NODE_VERSIONS[config.runtime],
        functionName: config.functionName,
        functionVersion: '$LATEST',
        functionArn,
        memoryMB: config.memoryMB,
        logGroupName,
        logStreamName,
        logFormat: config.logFormat,
      },
      memoryLimitBytes: -1,
      maxStackBytes: MAX_STACK_BYTES,
      now: () => clock.nowMs() - processStartMs,
      onInterrupt,
      onLog: (line) => currentLogs.push(line),
      resolveModule: deps.resolveModule,
      services: deps.services,
      serviceInfo: () => ({ nowMs: clock.nowMs(), requestId: currentRequestId }),
    });
    const baselineBytes = sandbox.memoryUsedBytes();
    const limitBytes = quickjsMemoryLimitBytes(config.memoryMB, baselineBytes);
    sandbox.setMemoryLimit(limitBytes);
    return { sandbox, processStartMs, baselineBytes, limitBytes, peakBytes: baselineBytes, logStreamName };
  }

  /** Run the Init phase in a new environment within `limitMs` of virtual time. */
  function runInit(logs: string[], limitMs: number, phase: 'init' | 'invoke'): InitResult {
    const start = clock.nowMs();
    // INIT_START precedes the init phase (facts §4/§9); not repeated for the retry inside the invoke (UNVERIFIED).
    if (phase === 'init') logs.push(formatInitStartLine(config.runtime, config.region, config.logFormat, isoNow()));
    currentLogs = logs;
    currentRequestId = null;
    const e = createEnvironment();
    const sb = e.sandbox;
    deadlineMs = start + limitMs;
    wallStart = deps.wallClock();
    guestWork = 0;
    guardActive = true;
    clock.advanceMicros(RUNTIME_BOOTSTRAP_MS * 1000);
    const fail = (status: 'error' | 'timeout', errorType: string, failure: Record<string, unknown> | null, oom = false): InitResult => {
      guardActive = false;
      // Work still waiting when init timed out (e.g. an SDK call that never answers), for `pending`.
      let pending: string[] = [];
      if (status === 'timeout') {
        clock.advanceToMs(deadlineMs);
        sb.clearStop();
        const p = sb.call('pending');
        try {
          pending = p.ok ? (JSON.parse(String(p.value)) as string[]) : [];
        } catch {
          pending = [];
        }
      }
      const durationMs = clock.nowMs() - start;
      sb.dispose();
      return { ok: false, status, errorType, failure, durationMs, oom, pending };
    };
    const stopped = (): InitResult | null => {
      const s = sb.stopReason();
      if (s === 'timeout' || s === 'wall-clock') return fail('timeout', 'Runtime.Unknown', null);
      if (s === 'out-of-memory') return fail('error', 'Runtime.OutOfMemory', null, true);
      if (s === 'exit') return fail('error', 'Runtime.ExitError', null);
      if (s === 'host-stack-overflow') {
        // Node would throw a RangeError from the module's top level: logged as an init error (facts §4).
        const label = config.runtime === 'nodejs24.x' ? 'Init Error' : 'Uncaught Exception';
        logs.push(formatRuntimeErrorLine(label, null, STACK_OVERFLOW_ERROR, config.logFormat, isoNow()));
        return fail('error', STACK_OVERFLOW_ERROR.errorType, { ...STACK_OVERFLOW_ERROR });
      }
      if (trackMemory(e)) return fail('error', 'Runtime.OutOfMemory', null, true);
      return null;
    };
    const parseFailure = (text: unknown): Record<string, unknown> | null => {
      try {
        const v: unknown = JSON.parse(String(text));
        return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
      } catch {
        return null;
      }
    };
    const failed = (failure: Record<string, unknown> | null): InitResult => {
      const s = stopped();
      if (s) return s;
      const type = failure && typeof failure['errorType'] === 'string' ? failure['errorType'] : 'Runtime.Unknown';
      return fail('error', type, failure);
    };
    // Drive the event loop until `done()` or the limit.
    const drive = (done: () => boolean): InitResult | null => {
      for (;;) {
        const m = sb.runMicrotasks();
        const s = stopped();
        if (s) return s;
        if (!m.ok) return failed(null);
        const pf = sb.call('processFailure');
        if (pf.ok && pf.value !== 'null') return failed((parseFailure(pf.value)?.['error'] as Record<string, unknown>) ?? null);
        sb.call('checkRejections');
        const pf2 = sb.call('processFailure');
        if (pf2.ok && pf2.value !== 'null') return failed((parseFailure(pf2.value)?.['error'] as Record<string, unknown>) ?? null);
        if (done()) return null;
        const next = sb.call('nextDue');
        const nextDue = next.ok && typeof next.value === 'number' ? next.value : -1;
        if (nextDue < 0) return null;
        const abs = e.processStartMs + nextDue;
        if (abs > deadlineMs) return fail('timeout', 'Runtime.Unknown', null);
        clock.advanceToMs(abs);
        clock.advanceMicros(MACROTASK_COST_US);
        guestWork++;
        if (wallExceeded()) return fail('timeout', 'Runtime.Unknown', null);
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
    const loaded = parseFailure(begin.value) ?? {};
    if (loaded['kind'] === 'failed') return failed((loaded['failure'] as Record<string, unknown>) ?? null);
    if (loaded['kind'] === 'esm') {
      const r = sb.evalMainModule(String(loaded['path']));
      const s = stopped();
      if (s) return s;
      if (!r.ok) return failed(parseFailure(r.error));
      let state: ReturnType<Sandbox['mainModuleState']> = { state: 'pending' };
      const res = drive(() => {
        state = sb.mainModuleState();
        return state.state !== 'pending';
      });
      if (res) return res;
      const finalState = state as ReturnType<Sandbox['mainModuleState']>;
      if (finalState.state === 'pending') {
        // Top-level await on a promise that never settles: the process exits during init.
        return fail('error', 'Runtime.NodeJsExit', null);
      }
      if (finalState.state === 'rejected') return failed(parseFailure(finalState.failure));
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
    const finished = fin.ok ? (parseFailure(fin.value) ?? {}) : {};
    if (finished['kind'] !== 'ready') return failed((finished['failure'] as Record<string, unknown>) ?? null);
    const res = drive(() => true);
    if (res) return res;
    guardActive = false;
    trackMemory(e);
    return { ok: true, env: e, durationMs: clock.nowMs() - start };
  }

  function baseRecord(requestId: string, coldStart: boolean, startedAt: number): InvocationRecord {
    return createInvocationRecord({ requestId, coldStart, startedAt });
  }

  function invokeNow(event: unknown, opts: InvokeOptions): InvocationRecord {
    if (disposed) throw new Error('This simulated function has been disposed.');
    const requestId = opts.requestId ?? random.uuid();
    const startedAt = clock.nowMs();
    const payloadText = opts.rawPayload ?? JSON.stringify(event === undefined ? null : event) ?? 'null';

    // Request checks happen in the Lambda service, before any environment is touched.
    const size = utf8ByteLength(payloadText);
    if (size > MAX_SYNC_REQUEST_BYTES) {
      const rec = baseRecord(requestId, false, startedAt);
      rec.outcome = 'invalid-request';
      // facts §7: 413 RequestEntityTooLargeException (2018 capture message)
      rec.errorType = 'RequestEntityTooLargeException';
      rec.errorMessage = `${size} byte payload is too large for the RequestResponse invocation type (limit ${MAX_SYNC_REQUEST_BYTES} bytes)`;
      rec.causes = ['payload-too-large'];
      return rec;
    }
    try {
      JSON.parse(payloadText);
    } catch (err) {
      const rec = baseRecord(requestId, false, startedAt);
      rec.outcome = 'invalid-request';
      // facts §10: InvalidRequestContentException 400 "Could not parse request body into json: …" (suffix UNVERIFIED)
      rec.errorType = 'InvalidRequestContentException';
      rec.errorMessage = `Could not parse request body into json: ${err instanceof Error ? err.message : String(err)}`;
      rec.causes = ['invalid-input'];
      return rec;
    }

    const logs: string[] = [];
    currentLogs = logs;
    const coldStart = env === null;
    let initDurationMs: number | null = null;
    let startLogged = false;
    const rec = baseRecord(requestId, coldStart, startedAt);
    const format = config.logFormat;

    const finish = (
      outcome: Outcome,
      invokeStart: number,
      payload: string,
      extra: {
        errorType?: string | null;
        errorMessage?: string | null;
        status?: 'timeout' | 'error' | null;
        memoryMB?: number;
        reset?: boolean;
        pending?: string[];
        processExit?: InvocationRecord['processExit'];
      },
    ): InvocationRecord => {
      const durationMs = Math.round((clock.nowMs() - invokeStart) * 1000) / 1000;
      // Billed = ceil(Duration + Init Duration) on cold starts since 2025-08-01 (facts §9, D19).
      const billedDurationMs = Math.ceil(durationMs + (initDurationMs ?? 0));
      const maxMemoryUsedMB =
        extra.memoryMB ?? (env ? simulatedMemoryMB(env.peakBytes, env.baselineBytes, config.memoryMB) : config.memoryMB);
      logs.push(formatEndLine(requestId, format, isoNow(), outcome === 'success' ? 'success' : outcome === 'timeout' ? 'timeout' : 'error'));
      logs.push(
        formatReportLine(
          {
            requestId,
            durationMs,
            billedDurationMs,
            memorySizeMB: config.memoryMB,
            maxMemoryUsedMB,
            initDurationMs,
            status: extra.status ?? null,
            errorType: extra.status === 'error' ? (extra.errorType ?? null) : null,
          },
          format,
          isoNow(),
        ),
      );
      rec.outcome = outcome;
      rec.errorType = extra.errorType ?? null;
      rec.errorMessage = extra.errorMessage ?? null;
      rec.functionError = outcome === 'success' ? null : 'Unhandled';
      rec.durationMs = durationMs;
      rec.billedDurationMs = billedDurationMs;
      rec.initDurationMs = initDurationMs;
      rec.maxMemoryUsedMB = maxMemoryUsedMB;
      rec.payload = payload;
      try {
        rec.result = JSON.parse(payload);
      } catch {
        rec.result = payload;
      }
      rec.logs = logs;
      rec.pending = extra.pending ?? [];
      rec.causes = causesFor(outcome, rec.errorType, rec.errorMessage);
      rec.processExit = extra.processExit ?? null;
      if (rec.processExit && !rec.causes.includes('unhandled-exception')) rec.causes.push('unhandled-exception');
      if (extra.reset) disposeEnv();
      return rec;
    };

    if (env === null) {
      const init = runInit(logs, INIT_TIMEOUT_MS, 'init');
      if (init.ok) {
        env = init.env;
        initDurationMs = Math.round(init.durationMs * 1000) / 1000;
      } else {
        logs.push(formatInitReportLine(init.durationMs, 'init', init.status, init.status === 'error' ? init.errorType : null, format, isoNow()));
        // Lambda retries a failed init at the first invoke, under the function timeout (facts §4, D20).
        logs.push(formatStartLine(requestId, format, isoNow()));
        startLogged = true;
        const invokeStart = clock.nowMs();
        const retry = runInit(logs, config.timeoutSeconds * 1000, 'invoke');
        if (!retry.ok) {
          logs.push(formatInitReportLine(retry.durationMs, 'invoke', retry.status, retry.status === 'error' ? retry.errorType : null, format, isoNow()));
          if (retry.status === 'timeout') {
            return timeoutRecord(invokeStart, ["the function's init code had not finished", ...(retry.pending ?? [])]);
          }
          const failure = retry.failure;
          const errorType = retry.oom ? 'Runtime.OutOfMemory' : retry.errorType;
          const errorMessage = failure && typeof failure['errorMessage'] === 'string' ? failure['errorMessage'] : initExitMessage(requestId, errorType);
          const payload = failure ? JSON.stringify(failure) : JSON.stringify({ errorType, errorMessage });
          // REPORT status for init failures: UNVERIFIED (facts §9 only shows timeout / OOM examples).
          return finish(retry.oom ? 'out-of-memory' : 'init-error', invokeStart, payload, {
            errorType,
            errorMessage,
            status: 'error',
            memoryMB: retry.oom ? config.memoryMB : undefined,
          } as never);
        }
        env = retry.env;
        // UNVERIFIED: how REPORT shows a retried init that succeeds; the simulator counts it in Duration.
        return runInvocation(invokeStart);
      }
    }
    if (!startLogged) logs.push(formatStartLine(requestId, format, isoNow()));
    return runInvocation(clock.nowMs());

    function timeoutRecord(invokeStart: number, pending: string[]): InvocationRecord {
      clock.advanceToMs(invokeStart + config.timeoutSeconds * 1000);
      const elapsed = (clock.nowMs() - invokeStart) / 1000;
      logs.push(formatTimeoutLine(isoNow(), requestId, elapsed));
      // facts §2: payload uses the configured timeout as `<int>.00`
      const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${config.timeoutSeconds.toFixed(2)} seconds`;
      // After a timeout Lambda resets the execution environment (D20 "Failures during the invoke phase").
      return finish('timeout', invokeStart, JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }), {
        errorType: 'Sandbox.Timedout',
        errorMessage,
        status: 'timeout',
        reset: true,
        pending,
      });
    }

    function runInvocation(invokeStart: number): InvocationRecord {
      const e = env as Environment;
      const sb = e.sandbox;
      currentRequestId = requestId;
      deadlineMs = invokeStart + config.timeoutSeconds * 1000;
      wallStart = deps.wallClock();
      guestWork = 0;
      guardActive = true;
      clock.advanceMicros(INVOKE_OVERHEAD_MS * 1000);
      const readPending = (): string[] => {
        guardActive = false;
        sb.clearStop();
        const p = sb.call('pending');
        try {
          return p.ok ? (JSON.parse(String(p.value)) as string[]) : [];
        } catch {
          return [];
        }
      };
      const oomRecord = (): InvocationRecord => {
        guardActive = false;
        // facts §3: REPORT `Status: error\tError Type: Runtime.OutOfMemory`, Max Memory Used ≈ Memory Size.
        // Payload errorType/message for current runtimes: UNVERIFIED (≤2023 captures: Runtime.ExitError, "signal: killed").
        const errorMessage = `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`;
        return finish('out-of-memory', invokeStart, JSON.stringify({ errorType: 'Runtime.OutOfMemory', errorMessage }), {
          errorType: 'Runtime.OutOfMemory',
          errorMessage,
          status: 'error',
          memoryMB: config.memoryMB,
          reset: true,
        });
      };
      const stopped = (): InvocationRecord | null => {
        const s = sb.stopReason();
        if (s === 'timeout' || s === 'wall-clock') return timeoutRecord(invokeStart, readPending());
        if (s === 'out-of-memory') return oomRecord();
        if (s === 'exit') {
          guardActive = false;
          const code = sb.exitCode() ?? 0;
          // Node exit semantics on Lambda: UNVERIFIED beyond facts §4 (Runtime.ExitError messages).
          const errorMessage = `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}`;
          return finish('function-error', invokeStart, JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage }), {
            errorType: 'Runtime.ExitError',
            errorMessage,
            reset: true,
          });
        }
        if (s === 'host-stack-overflow') return hostStackRecord(STACK_OVERFLOW_ERROR);
        if (trackMemory(e)) return oomRecord();
        return null;
      };
      // The host's stack ran out inside QuickJS (see StopReason): the sandbox cannot log or report,
      // so the host writes what the runtime would have. Node survives a RangeError it catches; here
      // the environment is discarded (documented in SIMULATION.md).
      const hostStackRecord = (err: RuntimeErrorDoc): InvocationRecord => {
        guardActive = false;
        logs.push(formatRuntimeErrorLine('Invoke Error', requestId, err, format, isoNow()));
        return finish('function-error', invokeStart, JSON.stringify(err), {
          errorType: err.errorType,
          errorMessage: err.errorMessage,
          reset: true,
        });
      };
      const info = JSON.stringify({ requestId, deadline: deadlineMs - e.processStartMs });
      sb.call('startInvoke', payloadText, info);
      for (;;) {
        const st = stopped();
        if (st) return st;
        const m = sb.runMicrotasks();
        const st2 = stopped();
        if (st2) return st2;
        if (!m.ok && /out of memory/.test(m.error)) return oomRecord();
        sb.call('checkRejections');
        const st3 = stopped();
        if (st3) return st3;
        // `status` serialises the result (JSON.stringify, getters, toJSON): user code runs there too.
        const status = sb.call('status');
        if (!status.ok && sb.stopReason() === 'host-stack-overflow') return hostStackRecord(STRINGIFY_ERROR);
        const st4 = stopped();
        if (st4) return st4;
        const parsed = status.ok ? (JSON.parse(String(status.value)) as { posted: boolean; outcome: string; value: unknown; returnedPromise: boolean } | null) : null;
        if (parsed && parsed.posted) {
          guardActive = false;
          const pf = sb.call('processFailure');
          const processDied = pf.ok && pf.value !== 'null';
          let processExit: InvocationRecord['processExit'] = null;
          if (processDied) {
            try {
              const err = (JSON.parse(String(pf.value)) as { error?: { errorType?: unknown; errorMessage?: unknown } }).error ?? {};
              processExit = {
                errorType: typeof err.errorType === 'string' ? err.errorType : null,
                errorMessage: typeof err.errorMessage === 'string' ? err.errorMessage : null,
              };
            } catch {
              processExit = { errorType: null, errorMessage: null };
            }
          }
          const pending = readPending();
          sb.call('endInvoke');
          if (parsed.outcome === 'success') {
            const body = String(parsed.value);
            if (utf8ByteLength(body) > MAX_SYNC_RESPONSE_BYTES) {
              // facts §7: Function.ResponseSizeTooLarge, key order errorMessage then errorType
              const payload = JSON.stringify({
                errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_RESPONSE_BYTES} bytes).`,
                errorType: 'Function.ResponseSizeTooLarge',
              });
              return finish('function-error', invokeStart, payload, {
                errorType: 'Function.ResponseSizeTooLarge',
                errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_RESPONSE_BYTES} bytes).`,
                pending,
                reset: processDied,
                processExit,
              });
            }
            // The caller keeps its answer, but a rejection or uncaught exception in the same turn still
            // ends the process ([RUNTIME-SRC] Runtime.js _setErrorCallbacks: postInvocationError, then
            // process.exit(128/129)): the next request gets a new environment.
            return finish('success', invokeStart, body, { pending, reset: processDied, processExit });
          }
          const err = parsed.value as { errorType?: string; errorMessage?: string };
          // Uncaught exceptions and unhandled rejections exit the runtime process (exit 129 / 128,
          // [RUNTIME-SRC] Runtime.js _setErrorCallbacks): the environment is reset (D20).
          return finish('function-error', invokeStart, JSON.stringify(parsed.value), {
            errorType: err.errorType ?? null,
            errorMessage: err.errorMessage ?? null,
            reset: processDied,
            pending,
          });
        }
        const next = sb.call('nextDue');
        const nextDue = next.ok && typeof next.value === 'number' ? next.value : -1;
        if (nextDue < 0) {
          const be = sb.call('beforeExit');
          if (be.ok && be.value === true) continue;
          if (parsed && parsed.returnedPromise) {
            // facts §1: promise never settled → Runtime.NodeJsExit (RIC ≥ 3.x; managed-runtime versions UNVERIFIED)
            guardActive = false;
            const errorMessage =
              'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes';
            const trace = [`Runtime.NodeJsExit: ${errorMessage}`];
            logs.push(`${isoNow()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: 'Runtime.NodeJsExit', errorMessage, stack: trace })}`);
            const pending = readPending();
            return finish('function-error', invokeStart, JSON.stringify({ errorType: 'Runtime.NodeJsExit', errorMessage, trace }), {
              errorType: 'Runtime.NodeJsExit',
              errorMessage,
              reset: true,
              pending,
            });
          }
          // Nothing left to run and nothing posted (should not happen): report as runtime exit.
          guardActive = false;
          return finish('function-error', invokeStart, 'null', { errorType: 'Runtime.Unknown', errorMessage: 'Runtime exited without providing a reason', reset: true });
        }
        const abs = e.processStartMs + nextDue;
        if (abs >= deadlineMs) return timeoutRecord(invokeStart, readPending());
        clock.advanceToMs(abs);
        clock.advanceMicros(MACROTASK_COST_US);
        guestWork++;
        if (clock.nowMs() >= deadlineMs || wallExceeded()) return timeoutRecord(invokeStart, readPending());
        sb.call('runNext');
      }
    }
  }

  return {
    config,
    invoke(event, opts = {}) {
      // Invocations of one function are sequential (one environment, one request at a time).
      const run = chain.then(() => invokeNow(event, opts));
      chain = run.catch(() => undefined);
      return run;
    },
    newEnvironment() {
      disposeEnv();
    },
    dispose() {
      disposed = true;
      disposeEnv();
    },
  };
}

function initExitMessage(requestId: string, errorType: string): string {
  if (errorType === 'Runtime.OutOfMemory') return `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`;
  return `RequestId: ${requestId} Error: Runtime exited without providing a reason`;
}

/**
 * Cause ids for an outcome. Decisions: a result that cannot be serialised ("Unable to stringify
 * response body") is a malformed response; an oversized response or request is payload-too-large;
 * a promise that never settles is an unhandled exception of the runtime.
 */
export function causesFor(outcome: Outcome, errorType: string | null, errorMessage: string | null): CauseId[] {
  switch (outcome) {
    case 'success':
      return [];
    case 'timeout':
      return ['timeout'];
    case 'out-of-memory':
      return ['out-of-memory'];
    case 'init-error':
      return ['init-failure'];
    case 'throttled':
      return ['throttling'];
    case 'invalid-request':
      return errorType === 'RequestEntityTooLargeException' ? ['payload-too-large'] : ['invalid-input'];
    case 'function-error':
      if (errorType === 'Function.ResponseSizeTooLarge') return ['payload-too-large'];
      if (errorMessage === 'Unable to stringify response body') return ['malformed-response'];
      return ['unhandled-exception'];
  }
}
