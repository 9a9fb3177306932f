/**
 * Where a Node.js function's log lines are read: in CloudWatch Logs (what Lambda stores, the default view of
 * every record) or on the standard output of a local emulator (the runtime interface emulator, `sam local`, a
 * container image run on a laptop).
 *
 * The difference comes from the Node.js runtime interface client, which picks its log writer once at start:
 * - On Lambda the platform sets `_LAMBDA_TELEMETRY_LOG_FD`, and the client writes each console call as one framed
 *   event to that file descriptor (frame type, length, timestamp, message). A message's `\n` stay inside the
 *   frame, so CloudWatch shows one multi-line event.
 *   https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js (`logTextToFd`,
 *   `logJsonToFd`, `_patchConsole`); v4 (nodejs24.x):
 *   https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/90b5b5b/src/logging/telemetry-logger.ts
 * - Without that variable the client writes to stdout, one line per
 *   console call, after `line.replace(/\n/g, '\r')`: the only line break left is the one that ends the call, so a
 *   stack trace arrives as one line joined by carriage returns (a terminal shows only its last part).
 *   https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js (`logTextToStdout`,
 *   `logJsonToStdout`); v4:
 *   https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/90b5b5b/src/logging/stdout-logger.ts
 *   The runtime interface emulator (which `sam local` and a container image run locally use) never creates that
 *   variable for the default runtime; it only lets one set in the container's environment through
 *   (https://github.com/aws/aws-lambda-runtime-interface-emulator/blob/4fa2157/internal/lambda/rapidcore/env/customer.go),
 *   so a local run uses the stdout writer.
 *
 * The JSON log format is unchanged in practice: `JSON.stringify` already escapes a message's line breaks, so the
 * replacement finds none. The platform lines (START, END, REPORT, INIT_START, INIT_REPORT, the timeout line) hold
 * no line break and are kept as they are; a real emulator writes its own variants of them (the runtime interface
 * emulator puts `Init Duration` first), which this view does not imitate.
 */
import { isPythonRuntime } from '../lambda/runtime-ids.ts';

/** The views a record's log lines can be shown in. */
export const LOG_VIEWS = ['cloudwatch', 'emulator'] as const;

/** `cloudwatch`: as Lambda stores them (default). `emulator`: as a local emulator's stdout prints them. */
export type LogView = (typeof LOG_VIEWS)[number];

/** Result of {@link parseLogView}. */
export type ParsedLogView = { ok: true; value: LogView } | { ok: false; error: string };

/** Read a log view name (any case); a message naming both views for anything else. */
export function parseLogView(raw: string): ParsedLogView {
  const v = raw.trim().toLowerCase();
  if ((LOG_VIEWS as readonly string[]).includes(v)) return { ok: true, value: v as LogView };
  return { ok: false, error: `log view must be ${LOG_VIEWS.join(' or ')}; got "${raw}"` };
}

/**
 * Can this runtime's logs be shown in `view`? Null when they can, otherwise the reason. The emulator view
 * models the Node.js runtime interface client only; the Python client's stdout writer is not modelled.
 */
export function checkLogView(view: LogView, runtime: string): string | null {
  if (view === 'emulator' && isPythonRuntime(runtime)) {
    return `the emulator log view models the Node.js runtime interface client; ${runtime} logs are shown as CloudWatch stores them`;
  }
  return null;
}

/**
 * One log entry (one console call, or one platform line) as `view` shows it. In the emulator view every `\n`
 * inside the entry becomes `\r`, as the runtime client's stdout writer does before it adds the one `\n` that
 * ends the line (LogPatch.js `logTextToStdout`, link above).
 */
export function toLogView(entry: string, view: LogView): string {
  return view === 'emulator' ? entry.replace(/\n/g, '\r') : entry;
}

/** Every entry of a record's log stream in `view` (a new array; the record keeps its CloudWatch lines). */
export function createLogView(entries: readonly string[], view: LogView): string[] {
  return entries.map((e) => toLogView(e, view));
}
