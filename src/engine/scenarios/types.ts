/**
 * Data shapes of a scenario as the engine runs it: the authored definition (validated from
 * `content/scenarios/<id>/scenario.yaml` by `src/schemas/scenario.ts`), the check kinds, the cases
 * generated from it, and the result of {@link runScenarioChecks}. Pure types; no Astro, no zod.
 */
import type { HttpResponse, InvocationRecord, LogFormat, Outcome } from '../types.ts';
import type { CauseId, FrontDoor, RuntimeId } from '../vocabulary.ts';
import type { HttpRequestSpec } from '../integrations/http-request.ts';
import type { ModuleResolver, ServiceBridge } from '../sandbox/sandbox.ts';
import type { AwsCallRecord } from '../aws/world.ts';

/**
 * Which cases a check looks at.
 * - `good`: the shown request and every variation that is as valid as it (warm, large body, other front doors).
 * - `bad-input`: the variations a client got wrong (missing body, invalid JSON, authored bad requests).
 * - `all`: every case, including other methods.
 * - a list of case names or group names (`shown`, `warm`, `missing-body`, `front-door:http-api-v2`, …).
 */
export type CaseSelector = 'good' | 'bad-input' | 'all' | readonly string[];

/** Fields every check may carry. */
interface CheckBase {
  /** Stable id within the scenario; default `<kind>-<index>`. */
  id?: string;
  /** What the check asks, in words the learner understands; a default is written from the kind. */
  description?: string;
  /** Cases the check applies to; each kind has a default (see `CHECK_KINDS`). */
  cases?: CaseSelector;
}

/** A check on what the caller received or what Lambda reported for one invocation. */
export type InvocationCheck =
  | (CheckBase & { kind: 'status'; in: readonly number[] })
  | (CheckBase & { kind: 'status-not'; in: readonly number[] })
  | (CheckBase & { kind: 'status-for-bad-input'; in: readonly number[] })
  | (CheckBase & { kind: 'no-cause'; cause: CauseId })
  | (CheckBase & { kind: 'outcome'; equals: Outcome })
  | (CheckBase & { kind: 'body-contains'; text: string })
  | (CheckBase & { kind: 'header'; name: string; matches: string })
  | (CheckBase & { kind: 'max-billed-ms'; value: number });

/** A comparison on the simulated AWS world after a case ran. */
export interface StateCheck extends CheckBase {
  kind: 'state';
  /** Dotted path into the world's snapshot, e.g. `sqs.queues.report-jobs.messages.length`. */
  path: string;
  /** The value there must equal this… */
  equals?: unknown;
  /** …or be a number at least this. */
  atLeast?: number;
  /** …or be a number at most this. */
  atMost?: number;
}

/** Run the shown request `count` times on one warm environment; every call must pass `then`. */
export interface WarmInvocationsCheck extends CheckBase {
  kind: 'warm-invocations';
  count: number;
  then: readonly InvocationCheck[];
}

/**
 * Lambda Managed Instances: send these requests at once to one environment (the scenario's function needs
 * `concurrencyPerEnvironment` of at least their number), then each one again alone in a new environment; passes when
 * every caller got the same answer both ways (`checkConcurrencyIsolation`, src/engine/lambda/concurrency-isolation.ts).
 */
export interface ConcurrentIsolationCheck extends CheckBase {
  kind: 'concurrent-isolation';
  /** HTTP requests, for an HTTP front door… */
  requests?: readonly HttpRequestSpec[];
  /** …or raw events, for `frontDoor: invoke`. */
  events?: readonly unknown[];
}

/** One check, as data. The set of kinds is closed: see `CHECK_KINDS` for what each one means. */
export type ScenarioCheck = InvocationCheck | StateCheck | WarmInvocationsCheck | ConcurrentIsolationCheck;

/** Every check kind. */
export type CheckKind = ScenarioCheck['kind'];

/** Function settings of a scenario (the same fields as the CLI's `--timeout/--memory/--env`). */
export interface ScenarioFunction {
  runtime: RuntimeId;
  /** Handler string, default `index.handler`. The learner's file is `index.mjs`. */
  handler: string;
  timeoutSeconds: number;
  memoryMB: number;
  environment: Record<string, string>;
  logFormat?: LogFormat;
  functionName: string;
  /**
   * Lambda Managed Instances: invocations one environment takes at once (PerExecutionEnvironmentMaxConcurrency);
   * unset for the default one-at-a-time environments.
   */
  concurrencyPerEnvironment?: number;
}

/** The front door's own settings in a scenario. */
export interface ScenarioFrontDoorSettings {
  /** API Gateway integration timeout, ms. */
  integrationTimeoutMs?: number;
  /** ALB `lambda.multi_value_headers.enabled`. */
  albMultiValueHeaders?: boolean;
  /** Function URL `InvokeMode`: `RESPONSE_STREAM` streams a handler wrapped in `awslambda.streamifyResponse`. */
  invokeMode?: 'BUFFERED' | 'RESPONSE_STREAM';
  /** REST API Lambda proxy integration `ResponseTransferMode`: `STREAM` streams the response. */
  responseTransferMode?: 'BUFFERED' | 'STREAM';
}

/** The seeded AWS world: passed unchanged to the world factory (`createAwsWorld`). */
export interface ScenarioAws {
  state?: unknown;
  policy?: unknown;
  faults?: unknown;
}

/** A hidden case written by the scenario's author (on top of the generated variations). */
export interface AuthoredCase {
  name: string;
  /** `good` cases must behave like the shown request; `bad-input` ones must be refused politely. */
  group: 'good' | 'bad-input' | 'other';
  request?: HttpRequestSpec;
  event?: unknown;
  /** Environment variables added for this case only. */
  environment?: Record<string, string>;
  /** Replaces the world's faults for this case (e.g. a dependency that stays down). */
  faults?: unknown;
}

/** Which hidden variations to generate from the shown request. */
export interface ScenarioVariations {
  /** Invoke twice on one environment and judge the second (warm) call. Default true. */
  warm: boolean;
  /** Other HTTP methods to send to the same path (group `other`). */
  methods: readonly string[];
  /** Send the request without a body (group `bad-input`). */
  missingBody: boolean;
  /** Send a body that is not valid JSON (group `bad-input`). */
  invalidJson: boolean;
  /** Send the shown JSON body padded to about 256 KB (group `good`). */
  largeBody: boolean;
  /** Send the shown request through these front doors too (group `good`). */
  frontDoors: readonly FrontDoor[];
}

/** A configuration file the learner edits instead of (or besides) the code. */
export interface ScenarioConfigFile {
  /** File name shown to the learner, e.g. `resource-policy.json`. */
  name: string;
  /**
   * - `resource-policy`: the function's resource-based policy (who may invoke it).
   * - `function-config`: `{ timeoutSeconds?, memoryMB?, reservedConcurrency?, concurrencyPerEnvironment? }`.
   * - `role-policy`: the execution role's identity-based policy (replaces `aws.policy`).
   */
  kind: 'resource-policy' | 'function-config' | 'role-policy';
  /** The file as the incident found it. */
  broken: string;
  /** A fixed version. */
  solution: string;
}

/** A scenario as the engine runs it. */
export interface ScenarioDefinition {
  id: string;
  title: string;
  cause: CauseId;
  /** The incident report shown first. */
  brief: string;
  frontDoor: FrontDoor;
  function: ScenarioFunction;
  frontDoorSettings: ScenarioFrontDoorSettings;
  /** The request shown to the learner (HTTP front doors)… */
  request?: HttpRequestSpec;
  /** …or the raw event (direct invoke, queues). */
  event?: unknown;
  aws?: ScenarioAws;
  variations: ScenarioVariations;
  cases: readonly AuthoredCase[];
  checks: readonly ScenarioCheck[];
  /** The broken handler (`index.mjs`). */
  handler: string;
  /** A fixed handler. */
  solution: string;
  /** Read-only files beside the handler (`lib/client.mjs`), by path relative to `/var/task`. */
  support: Record<string, string>;
  config?: ScenarioConfigFile;
}

/** What the learner submits: the handler source, or the handler and the edited config file. */
export type ScenarioSubmission = string | { handler: string; config?: string };

/** A simulated AWS world, as `createAwsWorld` returns it (only what the checks use). */
export interface ScenarioWorld {
  resolveModule: ModuleResolver;
  services: ServiceBridge;
  snapshot: () => unknown;
  /** Calls made so far (for the diagnosis of access-denied and downstream failures). */
  calls?: () => readonly AwsCallRecord[];
}

/** Inputs of the world factory. */
export interface ScenarioWorldInput {
  state: unknown;
  /** Undefined: no IAM checks (every call allowed). */
  policy: unknown;
  faults: unknown;
  accountId: string;
  region: string;
  functionName: string;
  /** Simulation epoch, ms, shared with the simulator so signed URLs and timestamps agree. */
  epochMs: number;
}

/** Builds a fresh AWS world for one case. */
export type ScenarioWorldFactory = (input: ScenarioWorldInput) => ScenarioWorld;

/** A case as run: the request sent and what came back. */
export interface CaseOutcome {
  name: string;
  group: 'shown' | 'good' | 'bad-input' | 'other';
  /** Lower is simpler: the smallest failing case is the one with the lowest rank. */
  rank: number;
  frontDoor: FrontDoor;
  /** The request (HTTP) or event (raw) as sent, shortened for display. */
  request: unknown;
  response: HttpResponse;
  record: InvocationRecord | null;
  gatewayLogs: string[];
  /** Causes diagnosed for this case: Lambda's (`record.causes`) plus the front door's findings. */
  causes: CauseId[];
  /** First finding of the front door that decided the response (its message), if any. */
  finding: string | null;
  /** 1-based index in a warm series (`warm-invocations`); absent for single calls. */
  call?: number;
  /** World snapshot after the case, when a world was used. */
  state?: unknown;
}

/** The failing case a check reports. */
export interface CheckFailureCase {
  name: string;
  frontDoor: FrontDoor;
  request: unknown;
  response: { status: number; body: string };
  /** The one log line that explains the failure (Invoke Error, Task timed out, gateway message…). */
  decisiveLogLine: string | null;
  /** The simulator's diagnosis of the response (a catalogue finding), when it has one. */
  finding: string | null;
  /** What the check expected and what it got, in one sentence. */
  detail: string;
}

/** One check's result. */
export interface CheckResult {
  id: string;
  description: string;
  passed: boolean;
  /** How many cases the check looked at. */
  casesChecked: number;
  /** The smallest case that failed it. */
  case?: CheckFailureCase;
}

/** Result of {@link runScenarioChecks}. */
export interface ScenarioResult {
  id: string;
  passed: boolean;
  checks: CheckResult[];
  /** The simplest failing case over all checks, with the id of the check it broke. */
  smallestFailure?: CheckFailureCase & { checkId: string };
  /** A problem with the submission itself (e.g. the config file is not valid JSON). */
  submissionError?: string;
}
