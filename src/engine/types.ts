/**
 * Public data shapes of the engine. The JSON report (`InvocationReport`) is a contract shared by the
 * CLI (`--json`), the playground and the tests: keep these fields, add freely.
 */
import type { CauseId, FrontDoor, RuntimeId } from './vocabulary.ts';

/** How one invocation ended, as the Lambda service sees it. */
export type Outcome =
  | 'success'
  | 'function-error'
  | 'timeout'
  | 'out-of-memory'
  | 'init-error'
  | 'throttled'
  | 'invalid-request';

/** Log output format of the function (`AWS_LAMBDA_LOG_FORMAT` / LoggingConfig.LogFormat). */
export type LogFormat = 'Text' | 'JSON';

/**
 * Application log level (LoggingConfig.ApplicationLogLevel, JSON log format only): Lambda passes it to
 * the runtime as `AWS_LAMBDA_LOG_LEVEL` and the runtime drops console output below it.
 * https://docs.aws.amazon.com/lambda/latest/api/API_LoggingConfig.html
 */
export type ApplicationLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/** The configuration of a simulated function. */
export interface FunctionConfig {
  /** Function name; also the role session name in AccessDenied messages. */
  functionName: string;
  /** Handler string `file.export`, default `index.handler`. */
  handler: string;
  runtime: RuntimeId;
  /** Function timeout in seconds, 1–900. */
  timeoutSeconds: number;
  /** Memory size in MB, 128–10,240. */
  memoryMB: number;
  /**
   * Size of /tmp in MB, 512–10,240; parseFunctionConfig fills the default 512
   * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html).
   */
  ephemeralStorageMB?: number;
  /** User environment variables (Lambda adds its reserved ones). */
  environment: Record<string, string>;
  logFormat: LogFormat;
  /** Application log level; needs `logFormat: 'JSON'`. Unset: nothing is filtered. */
  applicationLogLevel?: ApplicationLogLevel;
  /**
   * Lambda Managed Instances: how many invocations Lambda may hand one execution environment at once
   * (`PerExecutionEnvironmentMaxConcurrency`, 1–1600). Unset: the default model, one request at a time.
   * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html
   */
  concurrencyPerEnvironment?: number;
  region: string;
  accountId: string;
}

/** An HTTP response as a caller receives it. Header names keep the case the front door sends. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  /** True when `body` is base64 text that the caller receives as binary. */
  isBase64Encoded?: boolean;
  /**
   * Headers sent more than once (e.g. one `set-cookie` per cookie), in order. `headers` then holds the
   * values joined with `, `. Optional; absent when every header is sent once.
   */
  multiValueHeaders?: Record<string, string[]>;
}

/**
 * What the Lambda service reports for one invocation: the runtime's view, before any front door.
 * Integrations (`src/engine/integrations/`) turn this into what their caller sees.
 */
export interface InvocationRecord {
  requestId: string;
  coldStart: boolean;
  outcome: Outcome;
  /** `errorType` of the Invoke payload (e.g. `Error`, `Sandbox.Timedout`), null on success. */
  errorType: string | null;
  errorMessage: string | null;
  /** Set to `Unhandled` when the Invoke API would send `X-Amz-Function-Error`. */
  functionError: 'Unhandled' | null;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs: number | null;
  maxMemoryUsedMB: number;
  /** The exact Payload bytes the Invoke API returns (JSON text), or null when the invoke was rejected. */
  payload: string | null;
  /** `payload` parsed. */
  result: unknown;
  /** Virtual time (ms since the simulation epoch) at which the invocation started. */
  startedAt: number;
  /** CloudWatch log lines of the function for this invocation (init lines included on a cold start). */
  logs: string[];
  /** Work still pending when the invocation ended (timers, promises, SDK calls), in plain words. */
  pending: string[];
  /** Diagnosed causes. */
  causes: CauseId[];
  /**
   * Set when the runtime process exited after the invocation had answered: an unhandled rejection or
   * uncaught exception in the same turn. The caller keeps its answer; the next request is a cold start.
   */
  processExit: { errorType: string | null; errorMessage: string | null } | null;
}

/** A finding: one rule the invocation broke, from the error catalogue. */
export interface Finding {
  /** Permanent catalogue code, e.g. `LT-RESP-BODY-NOT-STRING`. */
  code: string;
  cause: CauseId;
  /** What happened, why, and what to do. */
  message: string;
  /** Site path of the guide, e.g. `/guides/malformed-response/`. */
  guide: string;
  /** AWS documentation that backs the rule. */
  source: string;
  /** True when AWS behaviour here is not documented or recorded and the simulator picked the most likely. */
  unverified?: boolean;
  /**
   * `error` (default): the rule decided the caller's response. `warning`: AWS accepted the result but
   * did something surprising with it (e.g. a missing statusCode became 200).
   */
  severity?: 'error' | 'warning';
}

/** One invocation in the JSON report (the CLI's `--json` output and the playground's result). */
export interface InvocationReport extends InvocationRecord {
  frontDoor: FrontDoor;
  /** What the chosen front door's caller receives. */
  response: HttpResponse;
  /** Log lines of the front door (API Gateway execution/access log, ALB access log). */
  gatewayLogs: string[];
  findings: Finding[];
}

/** The whole JSON report. */
export interface Report {
  invocations: InvocationReport[];
}
