/**
 * Platform log lines Lambda writes around an invocation, in CloudWatch's text format (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html) or
 * as JSON `platform.*` records when the function uses the JSON log format.
 */
import type { LogFormat } from '../types.ts';

/** Metrics of one REPORT line. */
export interface ReportMetrics {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  /** Only on cold starts. */
  initDurationMs: number | null;
  /** `timeout`, `error` or null (success: no status field). */
  status: 'timeout' | 'error' | null;
  errorType: string | null;
}

/** `START RequestId: <id> Version: $LATEST` — https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json test_invocation_with_logs). */
export function formatStartLine(requestId: string, format: LogFormat, isoTime: string): string {
  if (format === 'JSON') {
    // platform.start — https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html
    return JSON.stringify({ time: isoTime, type: 'platform.start', record: { requestId, version: '$LATEST' } });
  }
  return `START RequestId: ${requestId} Version: $LATEST`;
}

/** `END RequestId: <id>` — https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html. */
export function formatEndLine(requestId: string, format: LogFormat, isoTime: string, status: string): string {
  if (format === 'JSON') {
    return JSON.stringify({ time: isoTime, type: 'platform.runtimeDone', record: { requestId, status } });
  }
  return `END RequestId: ${requestId}`;
}

/**
 * REPORT line: tab-separated fields, each followed by a tab (so the success line ends with a
 * trailing tab); Duration with 2 decimals; Init Duration only on cold starts; then
 * `Status: timeout` or `Status: error\tError Type: X` on failures — https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html; https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json; https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
 * (https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json snapshot; 2024–2026 REPORT captures).
 */
export function formatReportLine(m: ReportMetrics, format: LogFormat, isoTime: string): string {
  if (format === 'JSON') {
    const metrics: Record<string, number> = {
      durationMs: m.durationMs,
      billedDurationMs: m.billedDurationMs,
      memorySizeMB: m.memorySizeMB,
      maxMemoryUsedMB: m.maxMemoryUsedMB,
    };
    if (m.initDurationMs !== null) metrics['initDurationMs'] = m.initDurationMs;
    const record: Record<string, unknown> = { requestId: m.requestId, metrics, status: m.status ?? 'success' };
    if (m.errorType !== null) record['errorType'] = m.errorType;
    return JSON.stringify({ time: isoTime, type: 'platform.report', record });
  }
  let line =
    `REPORT RequestId: ${m.requestId}\t` +
    `Duration: ${m.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${m.billedDurationMs} ms\t` +
    `Memory Size: ${m.memorySizeMB} MB\t` +
    `Max Memory Used: ${m.maxMemoryUsedMB} MB\t`;
  if (m.initDurationMs !== null) line += `Init Duration: ${m.initDurationMs.toFixed(2)} ms\t`;
  if (m.status === 'timeout') line += 'Status: timeout';
  else if (m.status === 'error') line += `Status: error\tError Type: ${m.errorType ?? 'Runtime.Unknown'}`;
  return line;
}

/**
 * `INIT_START Runtime Version: <ver> Runtime Version ARN: <arn>` — https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html. The separator shown in
 * the facts is a space; the version and ARN values are ILLUSTRATIVE (UNVERIFIED: real ones change).
 */
export function formatInitStartLine(runtime: string, region: string, format: LogFormat, isoTime: string): string {
  const major = runtime.replace(/^nodejs(\d+)\.x$/, '$1');
  // Python runtimes name themselves `python:3.13.v<n>` (public INIT_START lines; the revision is ILLUSTRATIVE).
  const version = runtime.startsWith('python') ? `python:${runtime.slice('python'.length)}.v0` : `nodejs:${major}.v0`;
  const arn = `arn:aws:lambda:${region}::runtime:${'0'.repeat(64)}`;
  if (format === 'JSON') {
    return JSON.stringify({ time: isoTime, type: 'platform.initStart', record: { initializationType: 'on-demand', phase: 'init', runtimeVersion: version, runtimeVersionArn: arn } });
  }
  return `INIT_START Runtime Version: ${version} Runtime Version ARN: ${arn}`;
}

/** `INIT_REPORT Init Duration: <d> ms\tPhase: init|invoke\tStatus: error|timeout[\tError Type: X]` — https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html (init retried in the invoke); line layout from public CloudWatch logs. */
export function formatInitReportLine(
  durationMs: number,
  phase: 'init' | 'invoke',
  status: 'error' | 'timeout',
  errorType: string | null,
  format: LogFormat,
  isoTime: string,
): string {
  if (format === 'JSON') {
    const record: Record<string, unknown> = { initializationType: 'on-demand', phase, status, metrics: { durationMs } };
    if (errorType !== null) record['errorType'] = errorType;
    return JSON.stringify({ time: isoTime, type: 'platform.initReport', record });
  }
  let line = `INIT_REPORT Init Duration: ${durationMs.toFixed(2)} ms\tPhase: ${phase}\tStatus: ${status}`;
  if (status === 'error' && errorType !== null) line += `\tError Type: ${errorType}`;
  return line;
}

/** `<ISO ts> <requestId> Task timed out after N.NN seconds` (spaces, elapsed seconds) — https://github.com/localstack/localstack/blob/8b9a79f/tests/aws/services/lambda_/test_lambda.snapshot.json. */
export function formatTimeoutLine(isoTime: string, requestId: string, elapsedSeconds: number): string {
  return `${isoTime} ${requestId} Task timed out after ${elapsedSeconds.toFixed(2)} seconds`;
}

/**
 * The line the runtime interface client's C++ layer (aws-lambda-cpp) prints to stdout when Lambda refuses the
 * function's response with HTTP 413 (a result over the 6 MB synchronous limit), followed by Lambda's answer body:
 * `[ERROR] [<epoch ms>] LAMBDA_RUNTIME Failed to post handler success response. Http response code: 413. {…}`
 * - prefix and message: aws-lambda-cpp `src/logging.cpp` (`"%s [%lld] %s %s\n"`: `[ERROR]`, milliseconds since the
 *   epoch, tag `LAMBDA_RUNTIME`) and `src/runtime.cpp` `do_post`; `log_error` is always compiled in
 *   (https://github.com/awslabs/aws-lambda-cpp/blob/b83d8fa/src/runtime.cpp). A capture with the prefix (Python):
 *   https://github.com/awslabs/landing-zone-accelerator-on-aws/issues/145;
 * - the body after the message: the Python client's patch appends it
 *   (https://github.com/aws/aws-lambda-python-runtime-interface-client/blob/46e4c6a/deps/patches/aws-lambda-cpp-logging-error.patch);
 *   a Node.js capture shows the same body (https://github.com/anomalyco/console/issues/63), so both runtimes print
 *   it here; its text `{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":
 *   "RequestEntityTooLarge"}` is from those captures and https://github.com/heyito/ito/issues/454.
 * UNVERIFIED: whether the Node.js line carries the `[ERROR] [ms] LAMBDA_RUNTIME` prefix (the Node capture shows the
 * message only, as a log tool displayed it). Printed as is (plain text) in both log formats: it does not go through
 * the runtime's console patch.
 */
export function formatResponseTooLargeRuntimeLine(epochMs: number, limitBytes: number): string {
  const body = JSON.stringify({ errorMessage: `Exceeded maximum allowed payload size (${limitBytes} bytes).`, errorType: 'RequestEntityTooLarge' });
  return `[ERROR] [${Math.floor(epochMs)}] LAMBDA_RUNTIME Failed to post handler success response. Http response code: 413. ${body}`;
}

/** An error as the runtime reports it: Invoke payload fields plus the stack lines. */
export interface RuntimeErrorDoc {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/**
 * The runtime's error log line, written by the host when the sandbox can no longer write it itself.
 * Text: `<ts>\t<id>\tERROR\t<label> \t{"errorType","errorMessage","stack":[…]}` (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html;
 * https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js `textErrorLogger`, https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/Errors.js `toFormatted`); JSON: an ERROR record whose `message` holds
 * `errorType`, `errorMessage`, `stackTrace` (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html). `requestId` null prints `undefined` (init, https://github.com/aws-samples/s3-to-lambda-patterns/issues/40).
 */
export function formatRuntimeErrorLine(
  label: 'Invoke Error' | 'Uncaught Exception' | 'Init Error',
  requestId: string | null,
  err: RuntimeErrorDoc,
  format: LogFormat,
  isoTime: string,
): string {
  if (format === 'JSON') {
    const message = { errorType: err.errorType, errorMessage: err.errorMessage, stackTrace: err.trace };
    return JSON.stringify({ timestamp: isoTime, level: 'ERROR', requestId: requestId ?? undefined, message });
  }
  const body = JSON.stringify({ errorType: err.errorType, errorMessage: err.errorMessage, stack: err.trace });
  return `${isoTime}\t${requestId ?? 'undefined'}\tERROR\t${label} \t${body}`;
}
