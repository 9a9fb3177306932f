/**
 * A simulated Lambda function: the Lambda service's side of execution environments (init once, then
 * warm invocations), request checks, deadlines, platform log lines and the InvocationRecord Lambda
 * would report. The function itself runs behind the executor seam (`../executor/types.ts`): the QuickJS
 * sandbox by default, or any other {@link Executor}.
 */
import type { FunctionConfig, InvocationRecord, Outcome } from '../types.ts';
import type { CauseId } from '../vocabulary.ts';
import type { VirtualClock } from '../clock/virtual-clock.ts';
import type { SeededRandom } from '../clock/seeded-random.ts';
import type { ServiceBridge } from '../sandbox/sandbox.ts';
import type { EnvironmentSpec, ErrorDocument, ExecEnvironment, Executor, InitOutcome, InvokeOutcome } from '../executor/types.ts';
import { INIT_TIMEOUT_MS, INVOKE_OVERHEAD_MS, MAX_SYNC_REQUEST_BYTES, MAX_SYNC_RESPONSE_BYTES, RUNTIME_BOOTSTRAP_MS } from './limits.ts';
import { buildLambdaEnvironment, type RoleKeys } from './environment-variables.ts';
import { utf8ByteLength } from '../text/utf8.ts';
import { createInvocationRecord } from '../report/record.ts';
import { createManagedInstancesFunction } from './managed-instances.ts';
import { attachResponseStream, bytesToText, concatChunks, type ResponseStreamCapture } from '../streaming/capture.ts';
import { formatEndLine, formatInitReportLine, formatInitStartLine, formatReportLine, formatResponseTooLargeRuntimeLine, formatStartLine, formatTimeoutLine } from '../report/log-lines.ts';

/** Options for one invocation. */
export interface InvokeOptions {
  /** Exact request body bytes (JSON text). Overrides `event`; used for size and JSON checks. */
  rawPayload?: string;
  /** Request id to use instead of a new one (asynchronous retries keep the event's request id). */
  requestId?: string;
  /**
   * InvokeWithResponseStream (a function URL in RESPONSE_STREAM mode, a REST API in STREAM mode): a streaming
   * handler's response may exceed the 6 MB buffered limit (up to 200 MB, checked by the front door,
   * https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html).
   */
  responseStream?: boolean;
}

/** A simulated function. */
export interface SimFunction {
  readonly config: FunctionConfig;
  /** Invoke synchronously (RequestResponse); reuses the warm environment when there is one. */
  invoke: (event: unknown, opts?: InvokeOptions) => Promise<InvocationRecord>;
  /** Discard the current environment: the next invoke is a cold start. */
  newEnvironment: () => void;
  /** Free all resources. The function cannot be invoked afterwards. */
  dispose: () => void;
}

/** Everything a function needs from its simulator. */
export interface FunctionDeps {
  /** What runs the function's code (the QuickJS sandbox, a Node worker, …). */
  executor: Executor;
  clock: VirtualClock;
  random: SeededRandom;
  services?: ServiceBridge | undefined;
}

/** The environment the service keeps between invocations. */
interface Environment {
  exec: ExecEnvironment;
  logStreamName: string;
}

type InitResult = { ok: true; env: Environment; durationMs: number } | (Extract<InitOutcome, { ok: false }> & { durationMs: number; maxMemoryUsedMB: number });

/** UTF-8 byte length of a string, without host APIs. */
export { utf8ByteLength };

/** Create a simulated function. `files` maps paths relative to /var/task to sources. */
export function createSimFunction(config: FunctionConfig, files: Record<string, string>, deps: FunctionDeps): SimFunction {
  // Lambda Managed Instances: several invocations at once per environment (managed-instances.ts).
  if (config.concurrencyPerEnvironment !== undefined) return createManagedInstancesFunction(config, files, deps);
  const { clock, random, executor } = deps;
  const taskFiles: Record<string, string> = {};
  for (const [name, src] of Object.entries(files)) {
    const clean = name.replace(/^\.?\/+/, '').replace(/^var\/task\//, '');
    taskFiles[`/var/task/${clean}`] = src;
  }
  let env: Environment | null = null;
  let disposed = false;
  let chain: Promise<unknown> = Promise.resolve();
  // Where the runtime's lines go: the current invocation's log list.
  let currentLogs: string[] = [];
  // Request id handed to host services (null during init), so recorded calls belong to an invocation.
  let currentRequestId: string | null = null;

  const isoNow = (): string => new Date(clock.epochNowMs()).toISOString();

  function disposeEnv(): void {
    if (env) {
      env.exec.dispose();
      env = null;
    }
  }

  function createEnvironment(): Environment {
    const spec = createEnvironmentSpec(config, taskFiles, clock.epochNowMs(), random, roleKeys(deps.services, clock.nowMs()));
    const exec = executor.createEnvironment(
      spec,
      {
        clock,
        onLog: (line) => currentLogs.push(line),
        services: deps.services,
        serviceInfo: () => ({ nowMs: clock.nowMs(), requestId: currentRequestId }),
      },
    );
    return { exec, logStreamName: spec.logStreamName };
  }

  /** Run the Init phase in a new environment within `limitMs` of virtual time. */
  async function runInit(logs: string[], limitMs: number, phase: 'init' | 'invoke'): Promise<InitResult> {
    const start = clock.nowMs();
    // INIT_START precedes the init phase; not repeated for the retry inside the invoke (UNVERIFIED).
    // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
    if (phase === 'init') logs.push(formatInitStartLine(config.runtime, config.region, config.logFormat, isoNow()));
    currentLogs = logs;
    currentRequestId = null;
    const e = createEnvironment();
    clock.advanceMicros(RUNTIME_BOOTSTRAP_MS * 1000);
    let outcome: InitOutcome;
    try {
      outcome = await e.exec.init({ deadlineMs: start + limitMs, phase });
    } catch (err) {
      // The executor could not go on (e.g. SimulatorLimitError): no outcome is invented; the environment goes.
      e.exec.dispose();
      throw err;
    }
    const durationMs = clock.nowMs() - start;
    if (outcome.ok) return { ok: true, env: e, durationMs };
    // What the failed environment used, for REPORT's Max Memory Used (never the configured size unless
    // it ran out of memory).
    const maxMemoryUsedMB = outcome.oom ? config.memoryMB : e.exec.maxMemoryUsedMB();
    e.exec.dispose();
    return { ...outcome, durationMs, maxMemoryUsedMB };
  }

  function baseRecord(requestId: string, coldStart: boolean, startedAt: number): InvocationRecord {
    return createInvocationRecord({ requestId, coldStart, startedAt });
  }

  async function invokeNow(event: unknown, opts: InvokeOptions): Promise<InvocationRecord> {
    if (disposed) throw new Error('This simulated function has been disposed.');
    const requestId = opts.requestId ?? random.uuid();
    const startedAt = clock.nowMs();
    const payloadText = opts.rawPayload ?? JSON.stringify(event === undefined ? null : event) ?? 'null';

    // Request checks happen in the Lambda service, before any environment is touched.
    const size = utf8ByteLength(payloadText);
    if (size > MAX_SYNC_REQUEST_BYTES) {
      const rec = baseRecord(requestId, false, startedAt);
      rec.outcome = 'invalid-request';
      // 413 (API reference: RequestTooLargeException; real responses name it RequestEntityTooLargeException,
      // 2018 capture) — https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
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
      // 400 InvalidRequestContentException "Could not parse request body into json: …" (suffix UNVERIFIED)
      // https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
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
        memoryMB?: number | undefined;
        reset?: boolean;
        pending?: string[];
        processExit?: InvocationRecord['processExit'];
      },
    ): InvocationRecord => {
      const durationMs = Math.round((clock.nowMs() - invokeStart) * 1000) / 1000;
      // Billed = ceil(Duration + Init Duration) on cold starts since 2025-08-01:
      // https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/
      const billedDurationMs = Math.ceil(durationMs + (initDurationMs ?? 0));
      const maxMemoryUsedMB = extra.memoryMB ?? (env ? env.exec.maxMemoryUsedMB() : config.memoryMB);
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

    const timeoutRecord = (invokeStart: number, pending: string[]): InvocationRecord => {
      clock.advanceToMs(invokeStart + config.timeoutSeconds * 1000);
      const elapsed = (clock.nowMs() - invokeStart) / 1000;
      logs.push(formatTimeoutLine(isoNow(), requestId, elapsed));
      // Sandbox.Timedout (https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html); the
      // payload names the configured timeout as `<n>.00` (LocalStack recordings validated against AWS, 2025).
      const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${config.timeoutSeconds.toFixed(2)} seconds`;
      // After a timeout Lambda resets the execution environment:
      // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-invoke-with-errors
      return finish('timeout', invokeStart, JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }), {
        errorType: 'Sandbox.Timedout',
        errorMessage,
        status: 'timeout',
        reset: true,
        pending,
      });
    };

    /** Turn what the runtime process reported into the record. */
    const fromOutcome = (invokeStart: number, out: InvokeOutcome): InvocationRecord => {
      switch (out.kind) {
        case 'timeout':
          return timeoutRecord(invokeStart, out.pending);
        case 'out-of-memory': {
          // REPORT `Status: error\tError Type: Runtime.OutOfMemory` with Max Memory Used ≈ Memory Size (public
          // 2024–2026 captures); FunctionError Unhandled covers out-of-memory errors
          // (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html). Payload for current runtimes:
          // UNVERIFIED (older captures: Runtime.ExitError, "signal: killed").
          const errorMessage = `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`;
          return finish('out-of-memory', invokeStart, JSON.stringify({ errorType: 'Runtime.OutOfMemory', errorMessage }), {
            errorType: 'Runtime.OutOfMemory',
            errorMessage,
            status: 'error',
            memoryMB: config.memoryMB,
            reset: true,
          });
        }
        case 'exit': {
          // Runtime.ExitError "Runtime exited with error: exit status N": the message shape of public captures;
          // Node's exit semantics on Lambda beyond it are UNVERIFIED.
          const errorMessage = `RequestId: ${requestId} Error: Runtime exited with error: exit status ${out.code}`;
          return finish('function-error', invokeStart, JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage }), {
            errorType: 'Runtime.ExitError',
            errorMessage,
            reset: true,
          });
        }
        case 'error': {
          const err = out.error;
          return finish('function-error', invokeStart, out.payloadText ?? JSON.stringify(err), {
            errorType: typeof err['errorType'] === 'string' ? err['errorType'] : null,
            errorMessage: typeof err['errorMessage'] === 'string' ? err['errorMessage'] : null,
            reset: out.reset,
            pending: out.pending,
          });
        }
        case 'response': {
          const processDied = out.processExit !== null;
          // A streaming handler's payload is the bytes it streamed; InvokeWithResponseStream lifts the 6 MB limit.
          if (streamed) out = { ...out, payload: bytesToText(concatChunks(streamed.chunks)) };
          if (!(streamed && opts.responseStream) && utf8ByteLength(out.payload) > MAX_SYNC_RESPONSE_BYTES) {
            // 6 MB synchronous response limit (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html);
            // Function.ResponseSizeTooLarge, key order errorMessage then errorType, from public captures.
            const errorMessage = `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_RESPONSE_BYTES} bytes).`;
            // The runtime's own line about the refused response, after the function's output and before END.
            logs.push(formatResponseTooLargeRuntimeLine(clock.epochNowMs(), MAX_SYNC_RESPONSE_BYTES));
            return finish('function-error', invokeStart, JSON.stringify({ errorMessage, errorType: 'Function.ResponseSizeTooLarge' }), {
              errorType: 'Function.ResponseSizeTooLarge',
              errorMessage,
              pending: out.pending,
              reset: processDied,
              processExit: out.processExit,
            });
          }
          // The caller keeps its answer; a rejection or uncaught exception in the same turn still ended
          // the process, so the next request gets a new environment.
          return finish('success', invokeStart, out.payload, { pending: out.pending, reset: processDied, processExit: out.processExit });
        }
      }
    };

    // What a streaming handler (awslambda.streamifyResponse) sent, read after the executor's invoke.
    let streamed: ResponseStreamCapture | null = null;
    const runInvocation = async (invokeStart: number): Promise<InvocationRecord> => {
      const e = env as Environment;
      currentRequestId = requestId;
      clock.advanceMicros(INVOKE_OVERHEAD_MS * 1000);
      let out: InvokeOutcome;
      try {
        out = await e.exec.invoke({ requestId, payload: payloadText, deadlineMs: invokeStart + config.timeoutSeconds * 1000 });
      } catch (err) {
        // The executor could not go on (e.g. SimulatorLimitError): no outcome is invented; the environment goes.
        disposeEnv();
        throw err;
      } finally {
        currentRequestId = null;
      }
      streamed = e.exec.takeResponseStream?.() ?? null;
      const record = fromOutcome(invokeStart, out);
      if (streamed) attachResponseStream(record, streamed);
      return record;
    };

    if (env === null) {
      const init = await runInit(logs, INIT_TIMEOUT_MS, 'init');
      if (init.ok) {
        env = init.env;
        initDurationMs = Math.round(init.durationMs * 1000) / 1000;
      } else {
        logs.push(formatInitReportLine(init.durationMs, 'init', init.status, init.status === 'error' ? init.errorType : null, format, isoNow()));
        // Lambda retries a failed init at the first invoke, under the function timeout:
        // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-init-errors
        // The retried init's own lines (the second `Uncaught Exception`) and its `INIT_REPORT … Phase: invoke`
        // come before `START`, as public CloudWatch captures show for Node.js (ImportModuleError,
        // https://github.com/aws-samples/s3-to-lambda-patterns/issues/40: `Uncaught Exception`, INIT_REPORT Phase:
        // init, INIT_REPORT Phase: invoke), Python and custom runtimes (…, INIT_REPORT Phase: invoke, START, END, REPORT).
        startLogged = true;
        const invokeStart = clock.nowMs();
        const retry = await runInit(logs, config.timeoutSeconds * 1000, 'invoke');
        if (retry.ok) logs.push(formatStartLine(requestId, format, isoNow()));
        if (!retry.ok) {
          logs.push(formatInitReportLine(retry.durationMs, 'invoke', retry.status, retry.status === 'error' ? retry.errorType : null, format, isoNow()));
          logs.push(formatStartLine(requestId, format, isoNow()));
          if (retry.status === 'timeout') {
            return timeoutRecord(invokeStart, ["the function's init code had not finished", ...retry.pending]);
          }
          const failure: ErrorDocument | null = retry.failure;
          const errorType = retry.oom ? 'Runtime.OutOfMemory' : retry.errorType;
          const errorMessage = failure && typeof failure['errorMessage'] === 'string' ? failure['errorMessage'] : initExitMessage(requestId, errorType);
          const payload = failure ? (retry.failureText ?? JSON.stringify(failure)) : JSON.stringify({ errorType, errorMessage });
          // REPORT status for init failures: UNVERIFIED (the docs show timeout and OOM examples only).
          return finish(retry.oom ? 'out-of-memory' : 'init-error', invokeStart, payload, {
            errorType,
            errorMessage,
            status: 'error',
            memoryMB: retry.maxMemoryUsedMB,
          });
        }
        env = retry.env;
        // UNVERIFIED: how REPORT shows a retried init that succeeds; the simulator counts it in Duration.
        return runInvocation(invokeStart);
      }
    }
    if (!startLogged) logs.push(formatStartLine(requestId, format, isoNow()));
    return runInvocation(clock.nowMs());
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
      // Python: the runtime client's marshaller refused the result (Runtime.MarshalError, awslambdaric lambda_runtime_marshaller.py).
      if (errorType === 'Runtime.MarshalError') return ['malformed-response'];
      return ['unhandled-exception'];
  }
}

/**
 * The execution role's keys for a new environment's variables: the attached world's (`aws.credentials`, the same
 * keys its SDK calls are signed with), or none without a world (buildLambdaEnvironment's placeholders).
 */
export function roleKeys(services: ServiceBridge | undefined, nowMs: number): RoleKeys | undefined {
  const r = services?.('aws.credentials', {}, { nowMs, requestId: null });
  if (!r || !('result' in r)) return undefined;
  const c = r.result as Partial<RoleKeys> | null;
  if (!c || typeof c.accessKeyId !== 'string' || typeof c.secretAccessKey !== 'string' || typeof c.sessionToken !== 'string') return undefined;
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
}

/**
 * What a new execution environment is made of: its log stream (`YYYY/MM/DD/[$LATEST]<32 hex>`,
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html), Lambda's environment
 * variables and the seed for everything random inside it. Shared by the one-request-at-a-time service and
 * Managed Instances.
 */
export function createEnvironmentSpec(config: FunctionConfig, files: Record<string, string>, epochNowMs: number, random: SeededRandom, keys?: RoleKeys): EnvironmentSpec {
  const d = new Date(epochNowMs);
  const ymd = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  const logStreamName = `${ymd}/[$LATEST]${random.hex(32)}`;
  return {
    config,
    files,
    env: buildLambdaEnvironment(config, logStreamName, keys),
    functionArn: `arn:aws:lambda:${config.region}:${config.accountId}:function:${config.functionName}`,
    functionVersion: '$LATEST',
    logGroupName: `/aws/lambda/${config.functionName}`,
    logStreamName,
    seed: random.nextUint32(),
  };
}
