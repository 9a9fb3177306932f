/**
 * Command-line parsing for `lambda-triage` (node:util parseArgs). All option definitions live here so
 * other commands and options can be added in one place. Parsing never reads files; it only checks
 * that the options make sense together.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { FRONT_DOORS, isFrontDoor, type FrontDoor } from '../engine/vocabulary.ts';
import { APPLICATION_LOG_LEVELS } from '../engine/lambda/function-config.ts';
import type { ApplicationLogLevel } from '../engine/types.ts';
import { RUNNER_PARSE_OPTIONS, RUNNER_USAGE, parseRunnerArgs, type RunnerArgs } from './node-runner/runner-options.ts';
import { MAX_MEMORY_MB, MAX_TIMEOUT_SECONDS, MIN_MEMORY_MB, MIN_TIMEOUT_SECONDS } from '../engine/lambda/limits.ts';
import { MAX_CONCURRENCY_PER_ENVIRONMENT, MIN_CONCURRENCY_PER_ENVIRONMENT } from '../engine/lambda/managed-instances-config.ts';
import { commandNames, formatCommandList } from './commands.ts';
import { parseUrlPermissions, type FunctionUrlPermission } from '../engine/integrations/url-permissions.ts';
import { LOG_VIEWS, parseLogView, type LogView } from '../engine/report/log-view.ts';

/** Usage text printed by `--help`. */
export const USAGE = `Usage: lambda-triage <command> [options]

Commands:
${formatCommandList()}

Options for every command:
  -h, --help         Show the help (of a command: lambda-triage <command> --help)
  --version          Print the version of lambda-triage

Options for invoke:
  --handler NAME     Handler string file.export, as Lambda is configured (default: <file name>.handler from the
                     project root, the nearest folder with a package.json, e.g. src/app.handler; <file name>.lambda_handler
                     for .py). A handler naming the file from a folder below the root (app.handler for src/app.js)
                     makes that folder /var/task, as a package built from it; for .py, a handler naming it from a
                     folder above (todos/create.create for todos/create.py) makes that one /var/task
  --runtime ID       nodejs20.x | nodejs22.x | nodejs24.x | python3.12 | python3.13 | python3.14
                     (default nodejs22.x; python3.13 for a .py file)
  --timeout S        Timeout in seconds, 1-900 (default 3)
  --memory MB        Memory in MB, 128-10240 (default 128)
  --env K=V          Environment variable (repeatable)
  --times N          Invoke N times on the same (warm) environment (default 1)
  --seed N           Seed for request ids and Math.random (default 1)
  --log-format F     Text (default) | JSON: how the runtime and Lambda write log lines
  --log-level L      Application log level with --log-format JSON: TRACE | DEBUG | INFO (Lambda's default) | WARN | ERROR | FATAL
                     (console output below it is dropped, as Lambda's log-level filtering does)
  --log-view V       cloudwatch (default) | emulator: show the Node.js runtime client's lines as a local
                     emulator's stdout prints them (sam local, the runtime interface emulator), where each
                     line break inside one console call becomes a carriage return (shown as \\r)
  --json             Print one JSON report instead of the log stream

What the function receives:
  --event FILE       JSON event sent as-is (default {})
  --request FILE     HTTP request description, JSON: { "method", "path", "query", "headers", "body", ... };
                     the front door turns it into its own event. "route": "GET /items/{id}" (or "resource":
                     "/items/{id}" for REST) fills resource/routeKey/pathParameters; a path off the route gets
                     the gateway's own 403 (REST) or 404 (HTTP API)
  --integration DOOR ${FRONT_DOORS.join(' | ')}
                     (default apigw-rest with --request, otherwise invoke)
  --compare          Run the invocation through every front door and show the callers' responses side by side
  --no-invoke-permission     The front door may not invoke the function (resource policy)
  --url-permissions LIST     What the resource policy grants the function URL, comma-separated:
                             InvokeFunctionUrl, InvokeFunction, or none (default: both). Since October 2025
                             a function URL needs both, otherwise it answers 403
  --alb-multi-value-headers  ALB target group with multi-value headers enabled
  --invoke-mode MODE         Function URL invoke mode: BUFFERED (default) | RESPONSE_STREAM, which streams a
                             handler wrapped in awslambda.streamifyResponse (up to 200 MB) and prints each chunk
  --response-transfer-mode M REST API (Lambda proxy) response transfer mode: BUFFERED (default) | STREAM
  --invoke-with-response-stream  Direct invoke through InvokeWithResponseStream instead of Invoke

Concurrency and load (virtual time):
  --load N           Send N requests and report CloudWatch-style metrics per second
  --rate R           ... arriving at R requests per second (default 10)
  --concurrency C    ... or from C clients, each sending its next request when the last one is answered
  --reserved-concurrency R   Reserved concurrency (load runs and --invocation-type Event; 0 throttles all)
  --account-concurrency A    Account concurrency limit (default 1000)
  --concurrency-per-environment N  Lambda Managed Instances: one environment takes up to N invocations at
                     once, sharing module scope (1-1600; nodejs22.x or nodejs24.x; logs are JSON)
  --concurrent K     Send K requests at once to one Managed Instances environment (K at most N; the
                     environment's interleaved log stream is printed). With --load R, arrivals join an
                     environment with fewer than N requests in flight

Asynchronous invocation:
  --invocation-type T        RequestResponse (default) | Event
  --retry-attempts N         Retries after a function error, 0-2 (default 2)
  --max-event-age S          Maximum event age in seconds, 60-21600 (default 21600)
  --on-failure KIND          Where failed events go: destination | dlq (default destination)

${RUNNER_USAGE}

Simulated AWS account:
  --policy FILE      Identity policy (IAM JSON) of the function's execution role
  --state FILE       Seeded AWS state (buckets, tables, queues, ..., Bedrock model replies)
  --faults FILE      Faults to inject into AWS calls

Exit codes: 0 every invocation succeeded, 1 a function or front door failed, 2 bad option or unreadable file.
`;

/** Parsed `invoke` options. File paths are not read yet. */
export interface InvokeArgs {
  command: 'invoke';
  file: string;
  handler: string | undefined;
  runtime: string;
  event: string | undefined;
  request: string | undefined;
  /** The front door (ignored with `--compare`, which runs every door). */
  integration: FrontDoor;
  compare: boolean;
  invokePermission: boolean;
  /** `--url-permissions`: what the resource policy grants the function URL; undefined grants both. */
  urlPermissions: FunctionUrlPermission[] | undefined;
  albMultiValueHeaders: boolean;
  /**
   * The front door invokes with InvokeWithResponseStream: `--invoke-mode RESPONSE_STREAM` (function URL),
   * `--response-transfer-mode STREAM` (REST API) or `--invoke-with-response-stream` (direct invoke).
   */
  responseStream: boolean;
  timeout: number;
  memory: number;
  env: Record<string, string>;
  times: number;
  seed: number;
  logFormat: 'Text' | 'JSON';
  /** Application log level, or undefined to filter nothing. */
  logLevel: ApplicationLogLevel | undefined;
  /** `--log-view`: where the logs are read (src/engine/report/log-view.ts); cloudwatch by default. */
  logView: LogView;
  json: boolean;
  invocationType: 'RequestResponse' | 'Event';
  retryAttempts: number;
  maxEventAgeSeconds: number;
  onFailure: 'destination' | 'dlq';
  /** Reserved concurrency (load runs and asynchronous invocations); null when not set. */
  reservedConcurrency: number | null;
  load: LoadArgs | null;
  /** `--concurrency-per-environment`: Lambda Managed Instances, invocations one environment takes at once. */
  concurrencyPerEnvironment: number | undefined;
  /** `--concurrent`: requests sent at once to one Managed Instances environment; null for one request. */
  concurrent: number | null;
  policy: string | undefined;
  state: string | undefined;
  faults: string | undefined;
  /** `--runner`, `--clock`, `--sdk`: which executor runs the handler (node-runner/runner-options.ts). */
  runner: RunnerArgs;
}

/** Load-run options (`--load`). */
export interface LoadArgs {
  requests: number;
  /** Arrivals per virtual second (open model), or null with `concurrency`. */
  rate: number | null;
  /** Closed model: this many clients, each sending its next request when its last one is answered. */
  concurrency: number | null;
  reservedConcurrency: number | null;
  accountConcurrency: number;
}

/** Result of {@link parseCliArgs}. */
export type ParsedArgs = { ok: true; args: InvokeArgs } | { ok: true; help: true } | { ok: false; error: string };

/** Largest `--load`: a bound that keeps a run within a few seconds of wall time. */
export const MAX_LOAD_REQUESTS = 100_000;

/** What a number option accepts: whole numbers or decimals, a range, and the unit named in messages. */
export interface NumberOptionRule {
  /** Smallest accepted value (inclusive), or above 0 when `positive` is set. */
  min?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
  /** Whole numbers only (default true). */
  integer?: boolean;
  /** Any number above 0 (for rates). */
  positive?: boolean;
  /** Unit named in the message: `seconds` gives "a whole number of seconds". */
  unit?: string;
}

/** The one wording of every number option's error: `--timeout must be a whole number of seconds from 1 to 900; got "2.5"`. */
export function numberOptionError(name: string, raw: string, rule: NumberOptionRule): string {
  const kind = `${rule.integer === false ? 'a number' : 'a whole number'}${rule.unit ? ` of ${rule.unit}` : ''}`;
  const range = rule.positive
    ? ' above 0'
    : rule.min !== undefined && rule.max !== undefined
      ? ` from ${rule.min} to ${rule.max}`
      : rule.min !== undefined
        ? `, at least ${rule.min}`
        : '';
  return `--${name} must be ${kind}${range}; got "${raw}"`;
}

/**
 * Parse the text of a number option (`--timeout 2.5`) against its rule; every number option goes through
 * here so they all answer in the same words.
 */
export function parseNumberOption(name: string, raw: string, rule: NumberOptionRule): { ok: true; value: number } | { ok: false; error: string } {
  const pattern = rule.integer === false ? /^\d+(\.\d+)?$/ : /^\d+$/;
  const value = Number(raw);
  const inRange =
    pattern.test(raw) &&
    Number.isFinite(value) &&
    (rule.positive ? value > 0 : true) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  return inRange ? { ok: true, value } : { ok: false, error: numberOptionError(name, raw, rule) };
}

function toInt(name: string, value: string | undefined, fallback: number, rule: NumberOptionRule = { min: 0 }): number | string {
  if (value === undefined) return fallback;
  const r = parseNumberOption(name, value, rule);
  return r.ok ? r.value : r.error;
}

function toPositive(name: string, value: string | undefined): number | null | string {
  if (value === undefined) return null;
  const r = parseNumberOption(name, value, { integer: false, positive: true });
  return r.ok ? r.value : r.error;
}

/** Node's parseArgs error codes this module turns into one-line messages. */
interface ParseArgsError extends Error {
  code?: string;
}

/**
 * One line for a node:util parseArgs error (its own messages span lines and quote unevenly), naming the
 * option and pointing to the command's `--help`.
 */
export function describeParseArgsError(error: unknown, command: string): string {
  const help = `run \`lambda-triage ${command} --help\` for the options`;
  const e = error as ParseArgsError;
  const message = e instanceof Error ? e.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option} for ${command}; ${help}`;
  if (e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (/does not take an argument/.test(message)) return `${option} takes no value; ${help}`;
    if (/ambiguous/.test(message)) return `${option} needs a value (write ${option}=VALUE for a value that starts with -); ${help}`;
    return `${option} needs a value; ${help}`;
  }
  if (e?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument; ${help}`;
  return `${message.split('\n')[0]} (${help})`;
}

/** `-h, --help`, which every command takes. */
const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** The node:util parseArgs configuration of a command whose own options are `O`. */
type CommandParseConfig<O extends ParseArgsOptionsConfig> = { args: string[]; allowPositionals: true; options: O & typeof RUNNER_PARSE_OPTIONS & typeof HELP_OPTION };

/** What {@link parseCommandArgs} returns: the values and positionals, a `--help` request, or a parse error. */
export type CommandArgs<O extends ParseArgsOptionsConfig> =
  | ({ ok: true; help: false } & Pick<ReturnType<typeof parseArgs<CommandParseConfig<O>>>, 'values' | 'positionals'>)
  | { ok: true; help: true }
  | { ok: false; error: string };

/**
 * Parse the argv of `command` (node:util parseArgs, positionals allowed) with its own `options`, the runner
 * options (node-runner/runner-options.ts) and `--help`. Never throws: a parse error becomes the one line of
 * {@link describeParseArgsError}.
 */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig>(argv: string[], command: string, options: O): CommandArgs<O> {
  let parsed;
  try {
    parsed = parseArgs<CommandParseConfig<O>>({ args: argv, allowPositionals: true, options: { ...options, ...RUNNER_PARSE_OPTIONS, ...HELP_OPTION } });
  } catch (e) {
    return { ok: false, error: describeParseArgsError(e, command) };
  }
  const { values, positionals } = parsed;
  if ((values as { help?: boolean }).help) return { ok: true, help: true };
  return { ok: true, help: false, values, positionals };
}

/**
 * The response-streaming flags: each belongs to one front door and names its AWS setting
 * (FunctionUrlConfig InvokeMode, the REST integration's ResponseTransferMode, the InvokeWithResponseStream
 * API). True when the run streams, or a message for a flag that does not fit.
 */
function parseStreamingFlags(
  values: { 'invoke-mode'?: string | undefined; 'response-transfer-mode'?: string | undefined; 'invoke-with-response-stream'?: boolean | undefined; load?: string | undefined; 'invocation-type'?: string | undefined },
  integration: FrontDoor,
  compare: boolean,
): boolean | string {
  let streaming = false;
  const mode = values['invoke-mode'];
  if (mode !== undefined) {
    const m = mode.toUpperCase();
    if (m !== 'BUFFERED' && m !== 'RESPONSE_STREAM') return `--invoke-mode must be BUFFERED or RESPONSE_STREAM; got "${mode}"`;
    if (compare || integration !== 'function-url') return '--invoke-mode is the function URL\'s setting: add --integration function-url (not with --compare)';
    streaming = m === 'RESPONSE_STREAM';
  }
  const transfer = values['response-transfer-mode'];
  if (transfer !== undefined) {
    const t = transfer.toUpperCase();
    if (t !== 'BUFFERED' && t !== 'STREAM') return `--response-transfer-mode must be BUFFERED or STREAM; got "${transfer}"`;
    if (compare || integration !== 'apigw-rest') return '--response-transfer-mode is a REST API integration setting: add --integration apigw-rest (not with --compare)';
    streaming = t === 'STREAM';
  }
  if (values['invoke-with-response-stream']) {
    if (compare || integration !== 'invoke') return '--invoke-with-response-stream is a direct invocation: use it with --integration invoke (the default without --request), not with --compare';
    streaming = true;
  }
  if (streaming && values.load !== undefined) return 'response streaming is simulated for single invocations: drop --load';
  if (streaming && values['invocation-type'] === 'Event') return 'InvokeWithResponseStream is synchronous: drop --invocation-type Event';
  return streaming;
}

/**
 * `--concurrency-per-environment N` and `--concurrent K` (Lambda Managed Instances, src/engine/lambda/managed-instances.ts):
 * N is PerExecutionEnvironmentMaxConcurrency (1-1600,
 * https://docs.aws.amazon.com/lambda/latest/api/API_LambdaManagedInstancesCapacityProviderConfig.html); K requests go
 * to one environment at once, so K may not exceed N. The values, or a one-line message.
 */
export function parseManagedInstancesFlags(
  values: { 'concurrency-per-environment'?: string | undefined; concurrent?: string | undefined; 'log-format'?: string | undefined; times?: string | undefined },
  ctx: { compare: boolean; invocationType: 'RequestResponse' | 'Event'; load: boolean; clients?: boolean; runner: string },
): { concurrencyPerEnvironment: number | undefined; concurrent: number | null } | string {
  const rule = { min: MIN_CONCURRENCY_PER_ENVIRONMENT, max: MAX_CONCURRENCY_PER_ENVIRONMENT };
  const rawN = values['concurrency-per-environment'];
  const rawK = values.concurrent;
  if (rawN === undefined) {
    return rawK === undefined ? { concurrencyPerEnvironment: undefined, concurrent: null } : '--concurrent sends requests to one Lambda Managed Instances environment: add --concurrency-per-environment N';
  }
  const n = parseNumberOption('concurrency-per-environment', rawN, rule);
  if (!n.ok) return n.error;
  if (ctx.runner !== 'sandbox') return '--concurrency-per-environment is simulated in the QuickJS sandbox only: drop --runner node';
  if (ctx.invocationType === 'Event') return '--concurrency-per-environment is simulated for synchronous requests: drop --invocation-type Event';
  if (ctx.load && ctx.clients) return '--concurrency-per-environment load runs take arrivals at a rate (--rate R), not clients: drop --concurrency';
  if ((values['log-format'] ?? '').toUpperCase() === 'TEXT') return 'Lambda Managed Instances only support the JSON log format: drop --log-format Text';
  if (rawK === undefined) return { concurrencyPerEnvironment: n.value, concurrent: null };
  const k = parseNumberOption('concurrent', rawK, rule);
  if (!k.ok) return k.error;
  if (k.value > n.value) return `--concurrent (${k.value}) cannot exceed --concurrency-per-environment (${n.value}): one environment takes at most N requests at once`;
  if (ctx.compare) return '--concurrent sends requests through one front door; drop --compare';
  if (values.times !== undefined) return '--concurrent sets how many requests are sent; drop --times';
  if (ctx.load) return '--concurrent sends one batch of requests; a load run (--load) sends its own: use one or the other';
  return { concurrencyPerEnvironment: n.value, concurrent: k.value };
}

/** Parse argv (without node and script). Never throws. */
export function parseCliArgs(argv: string[]): ParsedArgs {
  const parsed = parseCommandArgs(argv, 'invoke', {
    handler: { type: 'string' },
    runtime: { type: 'string' },
    event: { type: 'string' },
    request: { type: 'string' },
    integration: { type: 'string' },
    compare: { type: 'boolean', default: false },
    'no-invoke-permission': { type: 'boolean', default: false },
    'url-permissions': { type: 'string' },
    'alb-multi-value-headers': { type: 'boolean', default: false },
    'invoke-mode': { type: 'string' },
    'response-transfer-mode': { type: 'string' },
    'invoke-with-response-stream': { type: 'boolean', default: false },
    timeout: { type: 'string' },
    memory: { type: 'string' },
    env: { type: 'string', multiple: true },
    times: { type: 'string' },
    seed: { type: 'string' },
    'log-format': { type: 'string' },
    'log-level': { type: 'string' },
    'log-view': { type: 'string' },
    json: { type: 'boolean', default: false },
    'invocation-type': { type: 'string' },
    'retry-attempts': { type: 'string' },
    'max-event-age': { type: 'string' },
    'on-failure': { type: 'string' },
    load: { type: 'string' },
    rate: { type: 'string' },
    concurrency: { type: 'string' },
    'reserved-concurrency': { type: 'string' },
    'account-concurrency': { type: 'string' },
    'concurrency-per-environment': { type: 'string' },
    concurrent: { type: 'string' },
    policy: { type: 'string' },
    state: { type: 'string' },
    faults: { type: 'string' },
  });
  if (!parsed.ok || parsed.help) return parsed;
  const { values, positionals } = parsed;
  const [command, file, ...rest] = positionals;
  if (command === undefined) return { ok: false, error: `missing command; the commands are ${commandNames()} (run \`lambda-triage --help\`)` };
  if (command !== 'invoke') return { ok: false, error: `unknown command "${command}"; the commands are ${commandNames()} (run \`lambda-triage --help\`)` };
  if (file === undefined) return { ok: false, error: 'invoke needs a handler file' };
  if (rest.length > 0) return { ok: false, error: `unexpected argument "${rest[0]}"` };
  const timeout = toInt('timeout', values.timeout, 3, { min: MIN_TIMEOUT_SECONDS, max: MAX_TIMEOUT_SECONDS, unit: 'seconds' });
  if (typeof timeout === 'string') return { ok: false, error: timeout };
  const memory = toInt('memory', values.memory, 128, { min: MIN_MEMORY_MB, max: MAX_MEMORY_MB, unit: 'MB' });
  if (typeof memory === 'string') return { ok: false, error: memory };
  const times = toInt('times', values.times, 1, { min: 1 });
  if (typeof times === 'string') return { ok: false, error: times };
  const seed = toInt('seed', values.seed, 1);
  if (typeof seed === 'string') return { ok: false, error: seed };
  const logFormatRaw = values['log-format'] ?? 'Text';
  const logFormat = logFormatRaw.toUpperCase() === 'JSON' ? 'JSON' : logFormatRaw.toUpperCase() === 'TEXT' ? 'Text' : null;
  if (logFormat === null) return { ok: false, error: `--log-format must be Text or JSON; got "${logFormatRaw}"` };
  let logLevel: ApplicationLogLevel | undefined;
  if (values['log-level'] !== undefined) {
    const l = values['log-level'].toUpperCase();
    if (!(APPLICATION_LOG_LEVELS as readonly string[]).includes(l)) {
      return { ok: false, error: `--log-level must be one of ${APPLICATION_LOG_LEVELS.join(', ')}; got "${values['log-level']}"` };
    }
    if (logFormat !== 'JSON') return { ok: false, error: '--log-level filters JSON logs only (as in Lambda): add --log-format JSON' };
    logLevel = l as ApplicationLogLevel;
  }
  let logView: LogView = 'cloudwatch';
  if (values['log-view'] !== undefined) {
    const v = parseLogView(values['log-view']);
    if (!v.ok) return { ok: false, error: `--log-view must be ${LOG_VIEWS.join(' or ')}; got "${values['log-view']}"` };
    logView = v.value;
  }
  const runner = parseRunnerArgs(values, 'sandbox');
  if (!runner.ok) return runner;
  const env: Record<string, string> = {};
  for (const kv of values.env ?? []) {
    const i = kv.indexOf('=');
    if (i <= 0) return { ok: false, error: `--env expects K=V, got "${kv}"` };
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  if (values.event !== undefined && values.request !== undefined) {
    return { ok: false, error: 'use either --event (a raw event) or --request (an HTTP request), not both' };
  }
  let integration: FrontDoor = values.request !== undefined ? 'apigw-rest' : 'invoke';
  if (values.integration !== undefined) {
    if (!isFrontDoor(values.integration)) return { ok: false, error: `--integration must be one of ${FRONT_DOORS.join(', ')}; got "${values.integration}"` };
    integration = values.integration;
  }
  const compare = values.compare ?? false;
  if (compare && values.integration !== undefined) return { ok: false, error: '--compare runs every front door; drop --integration' };
  let urlPermissions: FunctionUrlPermission[] | undefined;
  if (values['url-permissions'] !== undefined) {
    const parsedPermissions = parseUrlPermissions(values['url-permissions']);
    if (!parsedPermissions.ok) return { ok: false, error: `--url-permissions: ${parsedPermissions.error}` };
    if (!compare && integration !== 'function-url') return { ok: false, error: '--url-permissions applies to the function URL: add --integration function-url or --compare' };
    urlPermissions = parsedPermissions.value;
  }
  if (compare && values.times !== undefined) return { ok: false, error: '--compare runs one invocation per front door; drop --times' };
  const streaming = parseStreamingFlags(values, integration, compare);
  if (typeof streaming === 'string') return { ok: false, error: streaming };

  const invocationTypeRaw = values['invocation-type'] ?? 'RequestResponse';
  if (invocationTypeRaw !== 'RequestResponse' && invocationTypeRaw !== 'Event') {
    return { ok: false, error: `--invocation-type must be RequestResponse or Event; got "${invocationTypeRaw}"` };
  }
  const invocationType: 'RequestResponse' | 'Event' = invocationTypeRaw;
  // MaximumRetryAttempts 0-2, MaximumEventAgeInSeconds 60-21600: https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
  const retryAttempts = toInt('retry-attempts', values['retry-attempts'], 2, { min: 0, max: 2 });
  if (typeof retryAttempts === 'string') return { ok: false, error: retryAttempts };
  const maxEventAgeSeconds = toInt('max-event-age', values['max-event-age'], 21_600, { min: 60, max: 21_600, unit: 'seconds' });
  if (typeof maxEventAgeSeconds === 'string') return { ok: false, error: maxEventAgeSeconds };
  const onFailureRaw = values['on-failure'] ?? 'destination';
  if (onFailureRaw !== 'destination' && onFailureRaw !== 'dlq') return { ok: false, error: `--on-failure must be destination or dlq; got "${onFailureRaw}"` };
  const asyncFlags = ['retry-attempts', 'max-event-age', 'on-failure'] as const;
  if (invocationType !== 'Event') {
    const used = asyncFlags.find((f) => values[f] !== undefined);
    if (used) return { ok: false, error: `--${used} applies to asynchronous invocations; add --invocation-type Event` };
  } else if (integration !== 'invoke' || compare) {
    return { ok: false, error: '--invocation-type Event is an Invoke API call; it cannot be combined with --integration or --compare' };
  }

  const reserved = values['reserved-concurrency'] === undefined ? null : toInt('reserved-concurrency', values['reserved-concurrency'], 0);
  if (typeof reserved === 'string') return { ok: false, error: reserved };
  if (reserved !== null && values.load === undefined && invocationType !== 'Event') {
    return { ok: false, error: '--reserved-concurrency applies to load runs and asynchronous invocations; add --load N or --invocation-type Event' };
  }
  let load: LoadArgs | null = null;
  const loadFlags = ['rate', 'concurrency', 'account-concurrency'] as const;
  if (values.load !== undefined) {
    const requests = toInt('load', values.load, 0, { min: 1, max: MAX_LOAD_REQUESTS });
    if (typeof requests === 'string') return { ok: false, error: requests };
    const rate = toPositive('rate', values.rate);
    if (typeof rate === 'string') return { ok: false, error: rate };
    const concurrency = toInt('concurrency', values.concurrency, 0, { min: 1 });
    if (typeof concurrency === 'string') return { ok: false, error: concurrency };
    if (rate !== null && values.concurrency !== undefined) return { ok: false, error: 'use either --rate (arrivals per second) or --concurrency (clients), not both' };
    const account = toInt('account-concurrency', values['account-concurrency'], 1000, { min: 1 });
    if (typeof account === 'string') return { ok: false, error: account };
    if (reserved !== null && reserved > account) return { ok: false, error: `--reserved-concurrency (${reserved}) cannot exceed --account-concurrency (${account})` };
    if (compare) return { ok: false, error: '--load sends many requests through one front door; it cannot be combined with --compare' };
    if (values.times !== undefined) return { ok: false, error: '--load sets the number of requests; drop --times' };
    if (invocationType === 'Event') return { ok: false, error: '--load sends synchronous requests; it cannot be combined with --invocation-type Event' };
    load = {
      requests,
      rate: values.concurrency === undefined ? (rate ?? 10) : null,
      concurrency: values.concurrency === undefined ? null : concurrency,
      reservedConcurrency: reserved,
      accountConcurrency: account,
    };
  } else {
    const used = loadFlags.find((f) => values[f] !== undefined);
    if (used) return { ok: false, error: `--${used} applies to load runs; add --load N` };
  }

  const managed = parseManagedInstancesFlags(values, { compare, invocationType, load: load !== null, clients: values.concurrency !== undefined, runner: runner.value.runner });
  if (typeof managed === 'string') return { ok: false, error: managed };
  if (logView === 'emulator' && (load !== null || invocationType === 'Event' || managed.concurrent !== null)) {
    return { ok: false, error: '--log-view emulator shows the logs of single invocations: drop --load, --invocation-type Event or --concurrent' };
  }

  return {
    ok: true,
    args: {
      command: 'invoke',
      file,
      handler: values.handler,
      runtime: values.runtime ?? (/\.py$/i.test(file) ? 'python3.13' : 'nodejs22.x'),
      event: values.event,
      request: values.request,
      integration,
      compare,
      invokePermission: !(values['no-invoke-permission'] ?? false),
      urlPermissions,
      albMultiValueHeaders: values['alb-multi-value-headers'] ?? false,
      responseStream: streaming,
      timeout,
      memory,
      env,
      times,
      seed,
      logFormat: managed.concurrencyPerEnvironment !== undefined ? 'JSON' : logFormat,
      logLevel,
      logView,
      json: values.json ?? false,
      invocationType,
      retryAttempts,
      maxEventAgeSeconds,
      onFailure: onFailureRaw,
      reservedConcurrency: reserved,
      load,
      concurrencyPerEnvironment: managed.concurrencyPerEnvironment,
      concurrent: managed.concurrent,
      policy: values.policy,
      state: values.state,
      faults: values.faults,
      runner: runner.value,
    },
  };
}
