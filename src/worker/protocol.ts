/**
 * The typed protocol between the playground page and the engine worker. Every message carries an
 * `id` and a `type`. The page sends requests; the worker answers each with one `result` or `error`,
 * after any number of `progress` messages (which also tell the watchdog the worker is alive).
 */
import type { Finding, FunctionConfig, HttpResponse, InvocationRecord } from '../engine/types.ts';
import type { CauseId, FrontDoor } from '../engine/vocabulary.ts';
import type { HttpRequestSpec } from '../engine/integrations/http-request.ts';
import type { ScenarioDefinition, ScenarioResult, ScenarioSubmission } from '../engine/scenarios/types.ts';

/** The function the page wants to run: its files and configuration. Same input → same warm function. */
export interface FunctionInput {
  /** File name → source, e.g. `{ 'index.mjs': '…' }`. */
  files: Record<string, string>;
  config: Partial<FunctionConfig>;
}

/** What to send: an HTTP request that each front door turns into its event, or a raw event sent as-is. */
export type RequestInput = { kind: 'http'; request: HttpRequestSpec } | { kind: 'event'; event: unknown };

/** Engine III inputs (execution-role policy, seeded AWS state, downstream faults), as parsed JSON. */
export interface AwsInput {
  policy: unknown;
  state: unknown;
  faults: unknown;
}

/** Options that belong to the front door rather than to the function. */
export interface FrontDoorOptions {
  /** Default true. */
  invokePermission?: boolean;
  integrationTimeoutMs?: number;
  /** Lambda throttles the invocation (e.g. reserved concurrency 0). */
  throttled?: boolean;
}

/** Run one invocation through one front door. `fresh` forces a cold start first. */
export interface RunRequest {
  id: number;
  type: 'run';
  fn: FunctionInput;
  frontDoor: FrontDoor;
  input: RequestInput;
  aws?: AwsInput;
  options?: FrontDoorOptions;
  fresh?: boolean;
}

/** Run the same HTTP request through every front door, side by side. */
export interface CompareRequest {
  id: number;
  type: 'compare';
  fn: FunctionInput;
  request: HttpRequestSpec;
  aws?: AwsInput;
  options?: FrontDoorOptions;
}

/** Discard the warm environment of a function: the next run is a cold start. */
export interface ResetEnvironmentRequest {
  id: number;
  type: 'reset-environment';
  fn: FunctionInput;
}

/** Parameters of a load run. */
export interface LoadParams {
  /** Number of requests, 1–2,000. */
  requests: number;
  /** `rate`: open model, Poisson arrivals at `ratePerSecond`; `clients`: closed model, `clients` callers in a loop. */
  model: 'rate' | 'clients';
  /** Arrival rate, requests per second. */
  ratePerSecond: number;
  /** Concurrent callers (closed model). */
  clients: number;
  /** Reserved concurrency of the function, or null for unreserved. */
  reservedConcurrency: number | null;
}

/** Send many requests on the virtual clock and collect CloudWatch-style metrics (needs Engine III). */
export interface LoadRunRequest {
  id: number;
  type: 'load-run';
  fn: FunctionInput;
  frontDoor: FrontDoor;
  input: RequestInput;
  aws?: AwsInput;
  load: LoadParams;
}

/**
 * "Check my fix": run the learner's submission against a scenario's shown request and hidden
 * variations (`runScenarioChecks`). The scenario is the one the page fetched from
 * `/onboarding/scenarios/<id>.json`.
 */
export interface CheckScenarioRequest {
  id: number;
  type: 'check-scenario';
  scenario: ScenarioDefinition;
  submission: ScenarioSubmission;
}

/** Any request the page sends. */
export type WorkerRequest = RunRequest | CompareRequest | ResetEnvironmentRequest | LoadRunRequest | CheckScenarioRequest;

/** One simulated AWS SDK / HTTP call, for the timeline (from Engine III when it is available). */
export interface CallSpan {
  label: string;
  /** Virtual ms since the invocation started. */
  startMs: number;
  /** Null while it was still in flight when the invocation ended. */
  endMs: number | null;
  ok: boolean;
  /** What happened, in words: the error, the IAM decision, the injected fault. */
  detail: string;
}

/** One front door's run as the page shows it: what the caller received, what Lambda reported, why. */
export interface RunView {
  frontDoor: FrontDoor;
  response: HttpResponse;
  findings: Finding[];
  gatewayLogs: string[];
  invoked: boolean;
  clientLatencyMs: number;
  /** What Lambda reported; null when the front door answered without invoking. */
  record: InvocationRecord | null;
  /** The event the function received (or would have received). */
  event: unknown;
  /** Bytes of the request body as the client sent it. */
  requestBytes: number;
  /** Bytes of the event JSON sent to Lambda. */
  eventBytes: number;
  /** Bytes of the function's result payload, or null when there was none. */
  payloadBytes: number | null;
  calls: CallSpan[];
  /** Causes the simulated AWS calls add (e.g. access-denied, downstream-failure). */
  callCauses: CauseId[];
}

/** One metric series of a load run, per virtual second. */
export interface MetricSeries {
  name: 'Invocations' | 'Errors' | 'Throttles' | 'DurationP99' | 'ConcurrentExecutions';
  values: (number | null)[];
}

/** Metrics of a load run. */
export interface LoadView {
  /** Virtual seconds since the run started, one per bucket. */
  seconds: number[];
  series: MetricSeries[];
  totals: { requests: number; invocations: number; errors: number; throttles: number; maxConcurrentExecutions: number };
}

/** The answer to a request. */
export type ResultPayload =
  | { kind: 'run'; run: RunView; coldStart: boolean; functionConfig: FunctionConfig }
  | { kind: 'compare'; runs: RunView[]; functionConfig: FunctionConfig }
  | { kind: 'reset-environment' }
  | { kind: 'load-run'; load: LoadView; functionConfig: FunctionConfig }
  | { kind: 'check-scenario'; result: ScenarioResult };

/** The worker's final answer to request `id`. */
export interface ResultResponse {
  id: number;
  type: 'result';
  payload: ResultPayload;
  /** Wall-clock ms the worker spent, for the bench. */
  wallMs: number;
}

/** Progress of request `id` (e.g. "Running API Gateway REST API…"); also a heartbeat for the watchdog. */
export interface ProgressResponse {
  id: number;
  type: 'progress';
  message: string;
}

/**
 * From now on request `id` may stay silent for `ms` (null: the allowance the page gave the request). The worker
 * sends it around a Python handler's run: starting an environment is seconds of silent work, the handler itself
 * is bounded by the engine's wall budget, so a runaway C call in it is caught sooner.
 */
export interface WatchdogResponse {
  id: number;
  type: 'watchdog';
  ms: number | null;
}

/** Request `id` failed before the function could run (bad config, engine not ready, unsupported). */
export interface ErrorResponse {
  id: number;
  type: 'error';
  /** Plain words for the page. */
  message: string;
  code: 'bad-input' | 'unsupported' | 'engine-failure';
}

/** Any message the worker sends. */
export type WorkerResponse = ResultResponse | ProgressResponse | WatchdogResponse | ErrorResponse;

const REQUEST_TYPES = new Set(['run', 'compare', 'reset-environment', 'load-run', 'check-scenario']);
const RESPONSE_TYPES = new Set(['result', 'progress', 'watchdog', 'error']);

function hasIdAndType(value: unknown): value is { id: number; type: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'number' &&
    Number.isFinite((value as { id: number }).id) &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Is `value` a request the worker understands (by id and type; payload fields are checked when used)? */
export function isWorkerRequest(value: unknown): value is WorkerRequest {
  return hasIdAndType(value) && REQUEST_TYPES.has(value.type);
}

/** Is `value` a message from the worker? */
export function isWorkerResponse(value: unknown): value is WorkerResponse {
  return hasIdAndType(value) && RESPONSE_TYPES.has(value.type);
}
