/**
 * Lambda Managed Instances, the service's side: one execution environment takes up to
 * `concurrencyPerEnvironment` invocations at once ("Instead of handling requests sequentially in each execution
 * environment, Lambda Managed Instances process multiple requests concurrently within each execution environment",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-runtimes.html). For Node.js, concurrent
 * requests on one worker thread "share the same handler object and global state"
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html): module-scope state
 * written by one request can be read by another, a class of bug the default model (one request per environment)
 * never shows.
 *
 * What is modelled, each with its source:
 * - Up to N requests run interleaved in one environment on the virtual clock (the executor's `invokeConcurrent`;
 *   the runtime's multi-concurrent mode is in prelude-runtime.ts `startConcurrentInvoke`).
 * - Logs: JSON only ("Lambda Managed Instances only support JSON log format",
 *   https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html); one stream per
 *   environment in which the lines of concurrent requests interleave, each application line carrying the request
 *   id of the invocation that wrote it (runtime interface client v4 reads it from its per-invocation
 *   AsyncLocalStorage store, @aws/lambda-invoke-store; "-" outside any invocation).
 * - Init: at most max(130 s, the function timeout) ("The timeout is the maximum of 130 seconds or the configured
 *   function timeout", https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-execution-environment.html);
 *   requests that arrive meanwhile start once it is done. A failed init is not retried (UNVERIFIED): every request of
 *   the batch reports it.
 * - Timeouts are per request ("When an individual invocation times out, Lambda returns a timeout error for that
 *   invocation. However, Lambda Managed Instances don't enforce timeouts, and your code continues to run … Other
 *   concurrent invocations in the execution environment continue processing normally", same page): the environment
 *   is kept.
 * - A crash of the runtime (uncaught error, unhandled rejection, process.exit, out of memory) ends every request in
 *   flight; the environment is replaced. ILLUSTRATIVE: the simulator runs one runtime worker per environment, where
 *   Lambda's environment "continues operating with the remaining healthy workers" (same page).
 * Not modelled: several worker threads (`AWS_LAMBDA_NODEJS_WORKER_COUNT`), capacity providers, instance scaling,
 * and back-pressure throttling; a batch larger than N is refused (see {@link ManagedInstancesFunction.invokeConcurrent}).
 */
import type { FunctionConfig, InvocationRecord, Outcome } from '../types.ts';
import type { ConcurrentInvokeBatch, ConcurrentInvokeResult, ConcurrentSession, ErrorDocument, ExecEnvironment, InitOutcome, InvokeOutcome } from '../executor/types.ts';
import type { FunctionDeps, InvokeOptions, SimFunction } from './simulated-function.ts';
import { causesFor, createEnvironmentSpec, roleKeys } from './simulated-function.ts';
import { MAX_SYNC_REQUEST_BYTES, MAX_SYNC_RESPONSE_BYTES, RUNTIME_BOOTSTRAP_MS } from './limits.ts';
import { utf8ByteLength } from '../text/utf8.ts';
import { createInvocationRecord } from '../report/record.ts';
import { formatEndLine, formatInitReportLine, formatInitStartLine, formatReportLine, formatStartLine } from '../report/log-lines.ts';

/**
 * Smallest init limit of a Managed Instances environment, ms ("The timeout is the maximum of 130 seconds or the
 * configured function timeout (up to 900 seconds)").
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-execution-environment.html
 */
export const MANAGED_INSTANCES_MIN_INIT_TIMEOUT_MS = 130_000;

/** One request of a concurrent batch. */
export interface ConcurrentRequest {
  event?: unknown;
  /** Exact request body (JSON text); overrides `event`. */
  rawPayload?: string;
  /** Request id to use instead of a new one. */
  requestId?: string;
  /** When the request arrives, ms after the batch starts (default 0: all at once). */
  offsetMs?: number;
}

/** What a concurrent batch produced. */
export interface ConcurrentRun {
  /** One record per request, in the order of the requests given. */
  records: InvocationRecord[];
  /** The environment's log stream: every line of the batch, interleaved in virtual-time order. */
  logs: string[];
  /** Index of the environment each request ran in (0 for the first one created), null when it never ran. */
  environments: (number | null)[];
}

/** A function whose environments take several invocations at once (Lambda Managed Instances). */
export interface ManagedInstancesFunction extends SimFunction {
  /** How many invocations one environment takes at once. */
  readonly concurrencyPerEnvironment: number;
  /**
   * Send several requests to one environment at once (each at its `offsetMs`) and wait for all of them. At most
   * `concurrencyPerEnvironment` requests: Lambda would spread more over other environments, which this call does
   * not model (it throws; a load run models several environments).
   */
  invokeConcurrent: (requests: ConcurrentRequest[]) => Promise<ConcurrentRun>;
  /**
   * Take requests as they arrive, up to `concurrencyPerEnvironment` at once (the caller keeps count with
   * `inFlight`). A load run uses one session per environment. Records keep their own lines; no environment-wide
   * stream is kept.
   */
  openSession: () => ManagedInstancesSession;
}

/** A Managed Instances function taking requests over time (load runs), from {@link ManagedInstancesFunction.openSession}. */
export interface ManagedInstancesSession {
  /**
   * Send a request that arrives now (the function's clock). Resolves once the request is in the environment (after
   * the init of a cold start), with the promise of its record, which settles as {@link runUntil} runs.
   */
  submit: (request: ConcurrentRequest) => Promise<{ record: Promise<InvocationRecord> }>;
  /** Run the environment up to `atMs` (virtual ms since the epoch start; Infinity: until every request has ended). */
  runUntil: (atMs: number) => Promise<void>;
  /** Requests sent and not yet ended. */
  inFlight: () => number;
}

/** True when `fn` models Lambda Managed Instances. */
export function isManagedInstancesFunction(fn: SimFunction): fn is ManagedInstancesFunction {
  return typeof (fn as Partial<ManagedInstancesFunction>).invokeConcurrent === 'function';
}

interface MiEnvironment {
  exec: ExecEnvironment;
  index: number;
}

/** A line of the environment's stream, with the virtual instant it was written and its place among equals. */
interface StreamLine {
  atMs: number;
  /** 0 START, 1 runtime line, 2 END/REPORT: the order of lines written at the same instant. */
  rank: number;
  seq: number;
  line: string;
}

/** Create a Managed Instances function. `config.concurrencyPerEnvironment` must be set (parseFunctionConfig checks it). */
export function createManagedInstancesFunction(config: FunctionConfig, files: Record<string, string>, deps: FunctionDeps): ManagedInstancesFunction {
  const { clock, random, executor } = deps;
  const limit = config.concurrencyPerEnvironment ?? 1;
  const taskFiles: Record<string, string> = {};
  for (const [name, src] of Object.entries(files)) {
    const clean = name.replace(/^\.?\/+/, '').replace(/^var\/task\//, '');
    taskFiles[`/var/task/${clean}`] = src;
  }
  const format = config.logFormat;
  let env: MiEnvironment | null = null;
  let created = 0;
  let disposed = false;
  let chain: Promise<unknown> = Promise.resolve();
  let stream: StreamLine[] = [];
  let seq = 0;
  let currentRequestId: string | null = null;

  const iso = (ms: number): string => new Date(clock.epochMs + ms).toISOString();
  // Lines by request id, so each record gets its own lines without scanning the whole stream.
  let byRequest = new Map<string, StreamLine[]>();
  // A load run's session keeps no environment-wide stream (it would grow with every request).
  let keepStream = true;
  const push = (atMs: number, rank: number, line: string): void => {
    const l = { atMs, rank, seq: seq++, line };
    if (keepStream) stream.push(l);
    const id = lineRequestId(line);
    if (id !== null) {
      let own = byRequest.get(id);
      if (!own) byRequest.set(id, (own = []));
      own.push(l);
    }
  };
  const ordered = (lines: StreamLine[]): string[] => [...lines].sort((a, b) => a.atMs - b.atMs || a.rank - b.rank || a.seq - b.seq).map((l) => l.line);
  /** The lines of one request, in order; forgets them. */
  const takeLines = (id: string): string[] => {
    const own = byRequest.get(id) ?? [];
    byRequest.delete(id);
    return ordered(own);
  };

  function disposeEnv(): void {
    if (env) {
      env.exec.dispose();
      env = null;
    }
  }

  function createEnvironment(): MiEnvironment {
    const exec = executor.createEnvironment(
      createEnvironmentSpec(config, taskFiles, clock.epochNowMs(), random, roleKeys(deps.services, clock.nowMs())),
      {
        clock,
        onLog: (line) => push(clock.nowMs(), 1, line),
        services: deps.services,
        serviceInfo: () => ({ nowMs: clock.nowMs(), requestId: currentRequestId }),
      },
    );
    return { exec, index: created++ };
  }

  /** A record for a request Lambda refused before any environment (size, JSON). */
  function checkRequest(requestId: string, payloadText: string): InvocationRecord | null {
    const size = utf8ByteLength(payloadText);
    if (size > MAX_SYNC_REQUEST_BYTES) {
      // 413 RequestEntityTooLargeException, https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
      return createInvocationRecord({
        requestId,
        startedAt: clock.nowMs(),
        outcome: 'invalid-request',
        errorType: 'RequestEntityTooLargeException',
        errorMessage: `${size} byte payload is too large for the RequestResponse invocation type (limit ${MAX_SYNC_REQUEST_BYTES} bytes)`,
        causes: ['payload-too-large'],
      });
    }
    try {
      JSON.parse(payloadText);
    } catch (err) {
      // 400 InvalidRequestContentException, https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
      return createInvocationRecord({
        requestId,
        startedAt: clock.nowMs(),
        outcome: 'invalid-request',
        errorType: 'InvalidRequestContentException',
        errorMessage: `Could not parse request body into json: ${err instanceof Error ? err.message : String(err)}`,
        causes: ['invalid-input'],
      });
    }
    return null;
  }

  /** What the caller gets for one request that ran: payload, error fields, REPORT status. */
  function describeOutcome(requestId: string, out: InvokeOutcome): { outcome: Outcome; payload: string; errorType: string | null; errorMessage: string | null; status: 'timeout' | 'error' | null; pending: string[] } {
    switch (out.kind) {
      case 'timeout': {
        // Sandbox.Timedout, https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html; the message
        // shape of the default model (the Managed Instances text is UNVERIFIED).
        const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${config.timeoutSeconds.toFixed(2)} seconds`;
        return { outcome: 'timeout', payload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }), errorType: 'Sandbox.Timedout', errorMessage, status: 'timeout', pending: out.pending };
      }
      case 'out-of-memory': {
        // As the default model (payload UNVERIFIED for current runtimes), https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
        const errorMessage = `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`;
        return { outcome: 'out-of-memory', payload: JSON.stringify({ errorType: 'Runtime.OutOfMemory', errorMessage }), errorType: 'Runtime.OutOfMemory', errorMessage, status: 'error', pending: [] };
      }
      case 'exit': {
        // Runtime.ExitError "Runtime exited with error: exit status N" (message shape of public captures; for the
        // requests of a crashed Managed Instances worker it is ILLUSTRATIVE).
        const errorMessage = `RequestId: ${requestId} Error: Runtime exited with error: exit status ${out.code}`;
        return { outcome: 'function-error', payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage }), errorType: 'Runtime.ExitError', errorMessage, status: 'error', pending: [] };
      }
      case 'error': {
        const err: ErrorDocument = out.error;
        const errorType = typeof err['errorType'] === 'string' ? err['errorType'] : null;
        const errorMessage = typeof err['errorMessage'] === 'string' ? err['errorMessage'] : null;
        return { outcome: 'function-error', payload: JSON.stringify(err), errorType, errorMessage, status: null, pending: out.pending };
      }
      case 'response': {
        if (utf8ByteLength(out.payload) > MAX_SYNC_RESPONSE_BYTES) {
          // 6 MB synchronous response limit, https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
          const errorMessage = `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_RESPONSE_BYTES} bytes).`;
          return { outcome: 'function-error', payload: JSON.stringify({ errorMessage, errorType: 'Function.ResponseSizeTooLarge' }), errorType: 'Function.ResponseSizeTooLarge', errorMessage, status: null, pending: out.pending };
        }
        return { outcome: 'success', payload: out.payload, errorType: null, errorMessage: null, status: null, pending: out.pending };
      }
    }
  }

  type Started = { ok: true; initDurationMs: number } | { ok: false; init: Extract<InitOutcome, { ok: false }>; usedMB: number };

  /** Init a new environment (cold start): at most max(130 s, the function timeout). */
  async function startEnvironment(): Promise<Started> {
    const start = clock.nowMs();
    push(start, 0, formatInitStartLine(config.runtime, config.region, format, iso(start)));
    const e = createEnvironment();
    clock.advanceMicros(RUNTIME_BOOTSTRAP_MS * 1000);
    const limitMs = Math.max(MANAGED_INSTANCES_MIN_INIT_TIMEOUT_MS, config.timeoutSeconds * 1000);
    currentRequestId = null;
    let init: InitOutcome;
    try {
      init = await e.exec.init({ deadlineMs: start + limitMs, phase: 'init' });
    } catch (err) {
      e.exec.dispose();
      throw err;
    }
    const durationMs = Math.round((clock.nowMs() - start) * 1000) / 1000;
    if (!init.ok) {
      push(clock.nowMs(), 1, formatInitReportLine(durationMs, 'init', init.status, init.status === 'error' ? init.errorType : null, format, iso(clock.nowMs())));
      const usedMB = init.oom ? config.memoryMB : e.exec.maxMemoryUsedMB();
      e.exec.dispose();
      return { ok: false, init, usedMB };
    }
    env = e;
    return { ok: true, initDurationMs: durationMs };
  }

  /** The record of a request whose environment failed to init (not retried: UNVERIFIED for Managed Instances). */
  function initFailureRecord(requestId: string, started: Extract<Started, { ok: false }>, startedAt: number): InvocationRecord {
    const { init } = started;
    const errorType = init.status === 'timeout' ? 'Runtime.Unknown' : init.errorType;
    const errorMessage =
      init.failure && typeof init.failure['errorMessage'] === 'string' ? init.failure['errorMessage'] : `RequestId: ${requestId} Error: Runtime exited without providing a reason`;
    return createInvocationRecord({
      requestId,
      startedAt,
      coldStart: true,
      outcome: 'init-error',
      errorType,
      errorMessage,
      functionError: 'Unhandled',
      maxMemoryUsedMB: started.usedMB,
      payload: init.failure ? JSON.stringify(init.failure) : JSON.stringify({ errorType, errorMessage }),
      causes: causesFor('init-error', errorType, errorMessage),
    });
  }

  async function runBatch(requests: ConcurrentRequest[]): Promise<ConcurrentRun> {
    if (disposed) throw new Error('This simulated function has been disposed.');
    if (requests.length === 0) throw new Error('Send at least one request.');
    if (requests.length > limit) {
      throw new Error(
        `${requests.length} requests at once exceed the concurrency per environment (${limit}): Lambda would spread them over more environments, which one concurrent batch does not model. Send at most ${limit}, or use a load run.`,
      );
    }
    stream = [];
    byRequest = new Map();
    const batchStart = clock.nowMs();
    const records: (InvocationRecord | null)[] = requests.map(() => null);
    const environments: (number | null)[] = requests.map(() => null);
    const ids = requests.map((r) => r.requestId ?? random.uuid());
    const payloads = requests.map((r) => r.rawPayload ?? JSON.stringify(r.event === undefined ? null : r.event) ?? 'null');
    const toRun: number[] = [];
    requests.forEach((_r, i) => {
      const refused = checkRequest(ids[i] as string, payloads[i] as string);
      if (refused) records[i] = refused;
      else toRun.push(i);
    });

    let initDurationMs: number | null = null;
    let readyAt = batchStart;
    if (toRun.length > 0 && env === null) {
      const started = await startEnvironment();
      if (!started.ok) {
        for (const i of toRun) records[i] = initFailureRecord(ids[i] as string, started, batchStart);
        return finishRun(records, environments);
      }
      initDurationMs = started.initDurationMs;
      readyAt = clock.nowMs();
    }
    const live = env as MiEnvironment | null;
    if (!live || !live.exec.invokeConcurrent) {
      throw new Error('This executor cannot run several invocations in one environment (Lambda Managed Instances need the QuickJS sandbox).');
    }
    const concurrent = live.exec.invokeConcurrent;
    const coldStart = initDurationMs !== null;
    const indexOf = new Map(toRun.map((i) => [ids[i] as string, i]));
    let batch: ConcurrentInvokeBatch;
    try {
      batch = await concurrent(
        toRun.map((i) => {
          const arrivalMs = Math.max(readyAt, batchStart + Math.max(0, requests[i]?.offsetMs ?? 0));
          return { requestId: ids[i] as string, payload: payloads[i] as string, arrivalMs, deadlineMs: arrivalMs + config.timeoutSeconds * 1000 };
        }),
      );
    } catch (err) {
      disposeEnv();
      throw err;
    }
    const memory = live.exec.maxMemoryUsedMB();
    for (const r of batch.results) {
      const i = indexOf.get(r.requestId) as number;
      environments[i] = live.index;
      records[i] = recordOf(r, coldStart ? initDurationMs : null, memory, batchStart);
    }
    for (const id of batch.notStarted) {
      const i = indexOf.get(id) as number;
      records[i] = notStartedRecord(id, batchStart);
    }
    if (batch.ended) disposeEnv();
    return finishRun(records, environments);
  }

  function recordOf(r: ConcurrentInvokeResult, initDurationMs: number | null, memoryMB: number, batchStart: number): InvocationRecord {
    const d = describeOutcome(r.requestId, r.outcome);
    push(r.startMs, 0, formatStartLine(r.requestId, format, iso(r.startMs)));
    const durationMs = Math.round((r.endMs - r.startMs) * 1000) / 1000;
    // Billed = ceil(Duration + Init Duration) on cold starts since 2025-08-01 (the default model's rule;
    // Managed Instances are billed by instance, https://aws.amazon.com/lambda/pricing/: the figure is ILLUSTRATIVE here).
    const billedDurationMs = Math.ceil(durationMs + (initDurationMs ?? 0));
    const maxMemoryUsedMB = r.outcome.kind === 'out-of-memory' ? config.memoryMB : memoryMB;
    const status = d.outcome === 'success' ? 'success' : d.outcome === 'timeout' ? 'timeout' : 'error';
    push(r.endMs, 2, formatEndLine(r.requestId, format, iso(r.endMs), status));
    push(
      r.endMs,
      2,
      formatReportLine(
        {
          requestId: r.requestId,
          durationMs,
          billedDurationMs,
          memorySizeMB: config.memoryMB,
          maxMemoryUsedMB,
          initDurationMs,
          status: d.status,
          errorType: d.status === 'error' ? d.errorType : null,
        },
        format,
        iso(r.endMs),
      ),
    );
    const rec = createInvocationRecord({
      requestId: r.requestId,
      startedAt: batchStart,
      coldStart: initDurationMs !== null,
      outcome: d.outcome,
      errorType: d.errorType,
      errorMessage: d.errorMessage,
      functionError: d.outcome === 'success' ? null : 'Unhandled',
      durationMs,
      billedDurationMs,
      initDurationMs,
      maxMemoryUsedMB,
      payload: d.payload,
      pending: d.pending,
      causes: causesFor(d.outcome, d.errorType, d.errorMessage),
    });
    try {
      rec.result = JSON.parse(d.payload);
    } catch {
      rec.result = d.payload;
    }
    return rec;
  }

  function finishRun(records: (InvocationRecord | null)[], environments: (number | null)[]): ConcurrentRun {
    const done = records as InvocationRecord[];
    for (const rec of done) rec.logs = takeLines(rec.requestId);
    return { records: done, logs: ordered(stream), environments };
  }

  function openSession(): ManagedInstancesSession {
    keepStream = false;
    let exec: ConcurrentSession | null = null;
    const waiting = new Map<string, { resolve: (r: InvocationRecord) => void; startedAt: number; initDurationMs: number | null }>();
    const settle = (batch: ConcurrentInvokeBatch, live: MiEnvironment): void => {
      const memory = live.exec.maxMemoryUsedMB();
      for (const r of batch.results) {
        const w = waiting.get(r.requestId);
        if (!w) continue;
        waiting.delete(r.requestId);
        const rec = recordOf(r, w.initDurationMs, memory, w.startedAt);
        rec.logs = takeLines(r.requestId);
        w.resolve(rec);
      }
      for (const id of batch.notStarted) {
        const w = waiting.get(id);
        if (!w) continue;
        waiting.delete(id);
        w.resolve(notStartedRecord(id, w.startedAt));
      }
      if (batch.ended) {
        disposeEnv();
        exec = null;
      }
    };
    return {
      async submit(request) {
        if (disposed) throw new Error('This simulated function has been disposed.');
        const requestId = request.requestId ?? random.uuid();
        const payload = request.rawPayload ?? JSON.stringify(request.event === undefined ? null : request.event) ?? 'null';
        const startedAt = clock.nowMs();
        const refused = checkRequest(requestId, payload);
        if (refused) return { record: Promise.resolve(refused) };
        let initDurationMs: number | null = null;
        if (env === null) {
          exec = null;
          const started = await startEnvironment();
          if (!started.ok) return { record: Promise.resolve(initFailureRecord(requestId, started, startedAt)) };
          initDurationMs = started.initDurationMs;
        }
        const live = env as MiEnvironment | null;
        if (!live || !live.exec.openConcurrent) {
          throw new Error('This executor cannot run several invocations in one environment (Lambda Managed Instances need the QuickJS sandbox).');
        }
        if (!exec) exec = live.exec.openConcurrent();
        const arrivalMs = clock.nowMs();
        exec.submit({ requestId, payload, arrivalMs, deadlineMs: arrivalMs + config.timeoutSeconds * 1000 });
        const record = new Promise<InvocationRecord>((resolve) => waiting.set(requestId, { resolve, startedAt, initDurationMs }));
        return { record };
      },
      async runUntil(atMs) {
        const live = env;
        if (!exec || !live) {
          if (Number.isFinite(atMs) && atMs > clock.nowMs()) clock.advanceToMs(atMs);
          return;
        }
        let batch: ConcurrentInvokeBatch;
        try {
          batch = await exec.runUntil(atMs);
        } catch (err) {
          disposeEnv();
          exec = null;
          throw err;
        }
        settle(batch, live);
      },
      inFlight: () => waiting.size,
    };
  }

  /** A request the environment never started because it ended first. */
  function notStartedRecord(id: string, startedAt: number): InvocationRecord {
    // The environment ended before this request arrived: Lambda routes it to another environment (UNVERIFIED how);
    // the simulator reports it as not run, with the crash's cause.
    return createInvocationRecord({
      requestId: id,
      startedAt,
      outcome: 'function-error',
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${id} Error: the execution environment ended before this request started (Lambda would send it to another environment)`,
      functionError: 'Unhandled',
      causes: ['unhandled-exception'],
    });
  }

  return {
    config,
    concurrencyPerEnvironment: limit,
    openSession,
    invokeConcurrent(requests) {
      const run = chain.then(() => runBatch(requests));
      chain = run.catch(() => undefined);
      return run;
    },
    invoke(event: unknown, opts: InvokeOptions = {}) {
      const request: ConcurrentRequest = { event };
      if (opts.rawPayload !== undefined) request.rawPayload = opts.rawPayload;
      if (opts.requestId !== undefined) request.requestId = opts.requestId;
      const run = chain.then(() => runBatch([request]));
      chain = run.catch(() => undefined);
      return run.then((r) => r.records[0] as InvocationRecord);
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

/**
 * The request id a log line belongs to: `requestId` of a JSON application line, `record.requestId` of a JSON
 * platform line; null for lines outside any invocation (init, `-`, Node's raw stderr output).
 */
export function lineRequestId(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const v = JSON.parse(line) as { requestId?: unknown; record?: { requestId?: unknown } };
    const id = typeof v.requestId === 'string' ? v.requestId : typeof v.record?.requestId === 'string' ? v.record.requestId : null;
    return id === '-' ? null : id;
  } catch {
    return null;
  }
}
