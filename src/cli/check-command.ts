/**
 * `lambda-triage check [template.yaml | lambda-triage.config.json | DIR]`: a pre-ship gate. For each
 * function and front door it sends a request matrix (the user's cases plus generated edge cases) to a new
 * environment: the first case cold, then every case warm. It fails on what would page someone:
 * - any 5xx the caller would get, or any `error` finding (malformed response, payload limits, …);
 * - a response over the front door's limit;
 * - an init over 10 s (the Init phase limit, https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html);
 * - a duration closer than 20 % to the function's timeout (ILLUSTRATIVE margin: no AWS rule).
 *
 * The default runner is `node`: a gate runs the project as it ships (real `node_modules`, packages the
 * sandbox cannot load); `--runner sandbox` is deterministic and needs no installed packages.
 * Exit codes: 0 every case passed, 1 a case failed, 2 bad input (nothing is run then).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import * as nodeModule from 'node:module';
import { parse as acornParse } from 'acorn';
import { loadQuickJS } from './quickjs.ts';
import { createSimulator, DEFAULT_EPOCH_MS, type Executor, type SimFunction } from '../engine/index.ts';
import { createAwsWorld } from '../engine/aws/index.ts';
import { SIMULATED_PACKAGES } from '../engine/aws/sdk-source.ts';
import { runThroughFrontDoor, type RunInput } from '../engine/integrations/compare.ts';
import type { HttpRequestSpec } from '../engine/integrations/http-request.ts';
import { GATEWAY_REPLIES, type GatewayReply } from '../engine/integrations/gateway-replies.ts';
import { DEFAULT_ROUTE_KEY, matchRoute, parseRouteKey, type ParsedRoute } from '../engine/integrations/routes.ts';
import { MAX_ALB_RESPONSE_BYTES, MAX_ALB_REQUEST_BODY_BYTES, MAX_API_GATEWAY_PAYLOAD_BYTES, MAX_SYNC_REQUEST_BYTES, MAX_SYNC_RESPONSE_BYTES } from '../engine/integrations/limits.ts';
import { INIT_TIMEOUT_MS } from '../engine/lambda/limits.ts';
import { isPythonRuntime } from '../engine/lambda/runtime-ids.ts';
import type { InvocationRecord } from '../engine/types.ts';
import type { FrontDoor, RuntimeId } from '../engine/vocabulary.ts';
import { utf8ByteLength } from '../engine/text/utf8.ts';
import { parseCommandArgs } from './args.ts';
import { buildRunReport, isErrorFinding, type CliInvocationReport } from './report.ts';
import type { Io } from './invoke-command.ts';
import { createNodeExecutor } from './node-runner/node-executor.ts';
import { RUNNER_USAGE, parseRunnerArgs, type RunnerArgs } from './node-runner/runner-options.ts';
import { fillPath, parseCheckConfig, parseSamTemplate, type CheckFunction, type CheckRoute } from './sam-template.ts';

// commands.ts runs this command inside withSimulatorLimits, taken from this module (see commands.ts).
export { withSimulatorLimits } from './limit-errors.ts';

/** Usage of `lambda-triage check`. */
export const CHECK_USAGE = `Usage: lambda-triage check [template.yaml | lambda-triage.config.json | DIR] [options]

Runs every function of an AWS SAM template (or lambda-triage.config.json) through its front doors with a
request matrix (your cases plus an empty body, an invalid JSON body, a missing path parameter and a body
near the front door's limit): the first case on a cold environment, then every case warm. Fails on a 5xx,
an error finding, a response over a front-door limit, an init over 10 s, or a duration within 20% of the
timeout. Node.js functions use the runner below; Python functions (python3.12-3.14) run in the simulator's
Python.

Options:
  --function NAME    Check only this function (repeatable)
  --json             Print the results as JSON
  --junit FILE       Also write JUnit XML to FILE
  --format F         text (default) | github (GitHub Actions annotations)
  --seed N           Seed for request ids (default 1)
${RUNNER_USAGE.replace('sandbox (default for invoke: QuickJS, deterministic) | node', 'node (default for check) | sandbox (QuickJS, deterministic)')}

Exit codes: 0 every case passed, 1 a case failed, 2 bad input (nothing run).`;

/** Share of the timeout a duration may use before check fails it (ILLUSTRATIVE: 80 %). */
export const TIMEOUT_MARGIN = 0.8;

/** Parsed `check` options. */
export interface CheckArgs {
  target: string;
  functions: string[];
  json: boolean;
  junit: string | undefined;
  format: 'text' | 'github';
  seed: number;
  runner: RunnerArgs;
}

/** Parse `check` argv (after the command name). */
export function parseCheckArgs(argv: string[]): { ok: true; args: CheckArgs } | { ok: true; help: true } | { ok: false; error: string } {
  const parsed = parseCommandArgs(argv, 'check', {
    function: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    junit: { type: 'string' },
    format: { type: 'string' },
    seed: { type: 'string' },
  });
  if (!parsed.ok || parsed.help) return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 1) return { ok: false, error: `check takes one template, config file or folder; got "${positionals[1]}" too` };
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'github') return { ok: false, error: `--format must be text or github; got "${format}"` };
  if (values.seed !== undefined && !/^\d+$/.test(values.seed)) return { ok: false, error: `--seed must be a whole number; got "${values.seed}"` };
  const runner = parseRunnerArgs(values, 'node');
  if (!runner.ok) return runner;
  return {
    ok: true,
    args: {
      target: positionals[0] ?? '.',
      functions: values.function ?? [],
      json: values.json ?? false,
      junit: values.junit,
      format,
      seed: values.seed === undefined ? 1 : Number(values.seed),
      runner: runner.value,
    },
  };
}

/** One generated or user case for one front door. */
export interface PlannedCase {
  name: string;
  /** HTTP request (front doors; it names the function's route, so the gateway fills `pathParameters`) or raw event (invoke). */
  input: RunInput;
  /** The answer the gateway itself must give (the function is not called), or null when the function answers. */
  expectGateway: GatewayReply | null;
}

/** Result of one invocation in the matrix. */
export interface CheckResult {
  function: string;
  frontDoor: FrontDoor;
  case: string;
  start: 'cold' | 'warm';
  statusCode: number | null;
  outcome: string;
  durationMs: number;
  initDurationMs: number | null;
  passed: boolean;
  reasons: string[];
  /** The first log line that shows the failure (an ERROR line, the timeout line, an INIT_REPORT error). */
  firstFailingLogLine: string | null;
  /** File that holds the handler (for annotations). */
  handlerFile: string;
  /** Whether the function was called (false when the front door answered by itself, e.g. no route matched). */
  invoked: boolean;
}

/** Largest request body each front door lets through to the function, bytes (requests beyond are refused). */
function requestBodyLimit(door: FrontDoor): number {
  // ALB: 1 MB request body (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html);
  // API Gateway: 10 MB payload (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html); Lambda's
  // own 6 MB synchronous request limit (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html) caps all.
  if (door === 'alb') return MAX_ALB_REQUEST_BODY_BYTES;
  if (door === 'apigw-rest' || door === 'http-api-v1' || door === 'http-api-v2') return Math.min(MAX_API_GATEWAY_PAYLOAD_BYTES, MAX_SYNC_REQUEST_BYTES);
  return MAX_SYNC_REQUEST_BYTES;
}

/** Largest response body each front door returns, bytes. */
function responseLimit(door: FrontDoor): number {
  if (door === 'alb') return MAX_ALB_RESPONSE_BYTES;
  if (door === 'apigw-rest' || door === 'http-api-v1' || door === 'http-api-v2') return MAX_API_GATEWAY_PAYLOAD_BYTES;
  return MAX_SYNC_RESPONSE_BYTES;
}

/** Share of the request limit the large-body case uses (ILLUSTRATIVE: leaves room for the event's own fields). */
const LARGE_BODY_SHARE = 0.9;

/**
 * The routes of every function in the template, grouped by API kind: the routes of one API are matched
 * together, so a path one function's route does not match may still be another route's (SAM puts every
 * `Api` event without `RestApiId` on one implicit REST API, and every `HttpApi` event without `ApiId` on
 * one implicit HTTP API: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html,
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-httpapi.html).
 * ILLUSTRATIVE: explicit `RestApiId`/`ApiId` values are not read, so all routes of a kind count as one API.
 */
export type ApiRoutes = Map<'rest' | 'http', ParsedRoute[]>;

/** Which API a routed front door belongs to (both HTTP API payload formats are routes of one HTTP API). */
function apiKindOf(door: FrontDoor): 'rest' | 'http' | null {
  if (door === 'apigw-rest') return 'rest';
  if (door === 'http-api-v1' || door === 'http-api-v2') return 'http';
  return null;
}

/**
 * The route key API Gateway would show for `route` behind `door` (`GET /orders/{id}`). An HttpApi event
 * without Path and Method is the `$default` route, which catches every request no other route matches
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-httpapi.html);
 * sam-template.ts reads it as GET /, so GET / on an HTTP API counts as `$default`.
 */
function routeKeyOf(door: FrontDoor, route: CheckRoute): string {
  if (apiKindOf(door) === 'http' && route.method === 'GET' && route.path === '/') return DEFAULT_ROUTE_KEY;
  return `${route.method} ${route.path}`;
}

/** Every route of `functions`, by API kind (see {@link ApiRoutes}); routes that do not parse are left out. */
export function collectApiRoutes(functions: readonly CheckFunction[]): ApiRoutes {
  const out: ApiRoutes = new Map();
  for (const fn of functions) {
    for (const { door, route } of fn.doors) {
      const kind = apiKindOf(door);
      if (!kind || !route) continue;
      const parsed = parseRouteKey(routeKeyOf(door, route));
      if (parsed.ok) out.set(kind, [...(out.get(kind) ?? []), parsed.value]);
    }
  }
  return out;
}

/**
 * The paths of the missing-path-parameter probe: the route's path with one variable segment left out
 * (`/orders/{id}` → `/orders`), the other variables filled. One probe per variable, named after it when
 * the route has several.
 */
export function missingParameterPaths(routePath: string): Array<{ name: string; path: string }> {
  const segments = routePath === '/' ? [] : routePath.slice(1).split('/');
  const variables = segments.map((s, i) => ({ s, i })).filter(({ s }) => /^\{[^}]+\}$/.test(s));
  return variables.map(({ s, i }) => {
    const rest = segments.filter((_, j) => j !== i).join('/');
    const name = variables.length > 1 ? `missing path parameter ${s}` : 'missing path parameter';
    return { name, path: fillPath(`/${rest}`).path };
  });
}

/**
 * The request matrix of one function behind one door. For a routed front door (REST or HTTP API) with a
 * path variable, the missing-path-parameter probe requests the path without that segment through the
 * gateway: no route matches it, so the gateway answers by itself and the function is never called (REST:
 * 403 `{"message":"Missing Authentication Token"}`, HTTP API: 404 `{"message":"Not Found"}`; the sources
 * are on GATEWAY_REPLIES). When another route of the same API matches that path, the request belongs to
 * that route, which has its own cases, so no probe is planned. Function URLs and ALB targets have no
 * routes: the function receives the shorter path and must answer it itself.
 */
export function planCases(fn: CheckFunction, door: FrontDoor, route: CheckRoute | null, apiRoutes: ApiRoutes = new Map()): PlannedCase[] {
  if (door === 'invoke') {
    const own = fn.cases.map((c) => ({ name: c.name, input: { rawEvent: c.request } as RunInput, expectGateway: null }));
    return [{ name: 'empty event {}', input: { rawEvent: {} }, expectGateway: null }, ...own];
  }
  const r = route ?? { method: 'GET', path: '/' };
  const kind = apiKindOf(door);
  // Only a routed front door with a route names it; without one (or with $default), every request reaches the function.
  const key = kind && route ? routeKeyOf(door, route) : DEFAULT_ROUTE_KEY;
  const routeKey = key === DEFAULT_ROUTE_KEY ? undefined : key;
  const routed = (spec: HttpRequestSpec): HttpRequestSpec => (routeKey !== undefined && spec.route === undefined ? { ...spec, route: routeKey } : spec);
  const { path: filled } = fillPath(r.path);
  const base: HttpRequestSpec = routed({ method: r.method, path: filled });
  const json = { 'content-type': 'application/json' };
  const largeBytes = Math.floor(requestBodyLimit(door) * LARGE_BODY_SHARE);
  const out: PlannedCase[] = fn.cases.map((c) => ({ name: c.name, input: { request: routed(c.request) }, expectGateway: null }));
  out.push({ name: `${r.method} ${r.path}`, input: { request: base }, expectGateway: null });
  out.push({ name: 'empty body', input: { request: { ...base, headers: json, body: '' } }, expectGateway: null });
  out.push({ name: 'invalid JSON body', input: { request: { ...base, headers: json, body: '{"broken": ' } }, expectGateway: null });
  for (const probe of missingParameterPaths(r.path)) {
    if (kind && routeKey !== undefined) {
      const taken = (apiRoutes.get(kind) ?? []).some((other) => other.key !== routeKey && matchRoute(other, r.method, probe.path).matched);
      if (taken) continue;
      const reply = kind === 'rest' ? GATEWAY_REPLIES.restMissingAuthenticationToken : GATEWAY_REPLIES.httpApiNotFound;
      out.push({ name: probe.name, input: { request: { ...base, path: probe.path } }, expectGateway: reply });
    } else {
      out.push({ name: probe.name, input: { request: { ...base, path: probe.path } }, expectGateway: null });
    }
  }
  out.push({
    name: `large body (${(largeBytes / 1_048_576).toFixed(1)} MB)`,
    input: { request: { ...base, headers: json, body: JSON.stringify({ data: 'x'.repeat(Math.max(0, largeBytes - 12)) }) } },
    expectGateway: null,
  });
  return out;
}

/** Where the handler's module file is (the runtime's lookup order, plus TypeScript), or null. */
export function findHandlerFile(root: string, handler: string, python = false): string | null {
  if (python) {
    // The runtime imports the module by name: `app.lambda_handler` → app.py, `src/app.handler` and
    // `pkg.app.handler` → src/app.py and pkg/app.py (bootstrap.py: import_module(modname.replace("/", "."))).
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) return null;
    const f = path.resolve(root, handler.slice(0, dot).split(/[./]/).join(path.sep) + '.py');
    return existsSync(f) && statSync(f).isFile() ? f : null;
  }
  const base = path.basename(handler);
  const moduleRoot = handler.slice(0, handler.length - base.length);
  const mod = base.split('.')[0] ?? '';
  const stem = path.resolve(root, moduleRoot, mod);
  for (const ext of ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']) {
    const f = stem + ext;
    if (existsSync(f) && statSync(f).isFile()) return f;
  }
  return null;
}

/**
 * The distributions a Python function's requirements.txt names that are not in its folder (no `<name>/` package or
 * `<name>.py` module, the name lower-cased with `-` as `_`): what `sam build` would install beside the code
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-build.html).
 * A distribution whose import name differs (PyYAML → yaml) may be named although present; the note says "lists".
 */
export function unbuiltRequirements(root: string): string[] {
  const file = path.join(root, 'requirements.txt');
  if (!existsSync(file)) return [];
  const names: string[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '' || line.startsWith('-')) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
    if (!m) continue;
    const name = m[1] as string;
    const mod = name.toLowerCase().replace(/-/g, '_');
    if (existsSync(path.join(root, mod)) || existsSync(path.join(root, `${mod}.py`))) continue;
    // boto3 and its dependencies ship with the runtime (SIMULATION.md: the simulated boto3 and urllib3).
    if (['boto3', 'botocore', 'urllib3', 's3transfer', 'jmespath', 'python_dateutil', 'six'].includes(mod)) continue;
    names.push(name);
  }
  return names;
}

/** Bare package name of a specifier (`@aws-sdk/client-s3/x` → `@aws-sdk/client-s3`). */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** Module specifiers a file imports or requires with a literal, found by parsing it (acorn). */
function importsOf(file: string): string[] {
  let text = readFileSync(file, 'utf8');
  if (/\.[mc]?ts$/.test(file)) {
    const strip = (nodeModule as { stripTypeScriptTypes?: (s: string) => string }).stripTypeScriptTypes;
    if (!strip) return [];
    try {
      text = strip(text);
    } catch {
      return [];
    }
  }
  let ast: unknown;
  for (const sourceType of ['module', 'script'] as const) {
    try {
      ast = acornParse(text.replace(/^#!.*/, ''), { ecmaVersion: 'latest', sourceType, allowHashBang: true, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
      break;
    } catch {
      ast = undefined;
    }
  }
  if (!ast) return [];
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    const node = n as { type?: string; source?: { value?: unknown }; callee?: { type?: string; name?: string }; arguments?: Array<{ type?: string; value?: unknown }> };
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ImportExpression') && typeof node.source?.value === 'string') out.push(node.source.value);
    if (node.type === 'CallExpression' && node.callee?.type === 'Identifier' && node.callee.name === 'require' && node.arguments?.[0]?.type === 'Literal' && typeof node.arguments[0].value === 'string') out.push(node.arguments[0].value);
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  walk(ast);
  return out;
}

/**
 * Check before running anything that every package the handler's files import is installed: a missing
 * package is a bad project (exit 2), not something to discover function by function.
 */
function findMissingPackage(entry: string, simulatedSdk: boolean): { file: string; pkg: string } | null {
  const builtins = new Set(builtinModules);
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0 && seen.size < 500) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0] as string)) continue;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.resolve(path.dirname(file), spec);
        for (const ext of ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '/index.js', '/index.mjs', '/index.ts']) {
          const f = target + ext;
          if (existsSync(f) && statSync(f).isFile()) {
            queue.push(f);
            break;
          }
        }
        continue;
      }
      const pkg = packageName(spec);
      if (simulatedSdk && (Object.prototype.hasOwnProperty.call(SIMULATED_PACKAGES, spec) || pkg.startsWith('@aws-sdk/') || pkg.startsWith('@smithy/'))) continue;
      let dir = path.dirname(file);
      let found = false;
      for (;;) {
        if (existsSync(path.join(dir, 'node_modules', pkg))) {
          found = true;
          break;
        }
        const up = path.dirname(dir);
        if (up === dir) break;
        dir = up;
      }
      if (!found) return { file, pkg };
    }
  }
  return null;
}

/** Files of a folder for the sandbox runner (sources and JSON, without node_modules). */
function readTaskFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = path.join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full, `${rel}${name}/`);
      else if (/\.(m?js|cjs|json|[mc]?ts)$/.test(name) && st.size < 1_000_000) files[`${rel}${name}`] = readFileSync(full, 'utf8');
    }
  };
  walk(root, '');
  return files;
}

function firstFailingLine(record: InvocationRecord | null): string | null {
  if (!record) return null;
  const logs = record.logs;
  return (
    // Node.js console and Invoke Error lines, JSON-format records, and the Python runtime's "[ERROR] Type: message".
    logs.find((l) => /\tERROR\t|"level":"ERROR"|"log_level": ?"ERROR"|^\[ERROR\] /.test(l)) ??
    logs.find((l) => /Task timed out after/.test(l)) ??
    logs.find((l) => /^INIT_REPORT .*Status: (error|timeout)/.test(l)) ??
    logs.find((l) => /^REPORT .*Status: /.test(l)) ??
    null
  );
}

/** The verdict of one run. */
function judge(report: CliInvocationReport, fn: CheckFunction, door: FrontDoor): string[] {
  const reasons: string[] = [];
  const status = report.response?.statusCode ?? null;
  if (status !== null && status >= 500) reasons.push(`HTTP ${status} from ${door}`);
  if (door === 'invoke' && report.outcome !== 'success') reasons.push(`${report.outcome}${report.errorType ? ` (${report.errorType})` : ''}`);
  for (const f of report.findings) if (isErrorFinding(f) && !reasons.includes(f.code)) reasons.push(f.code);
  const body = report.response?.body ?? '';
  if (utf8ByteLength(body) > responseLimit(door)) reasons.push(`response body ${utf8ByteLength(body)} bytes is over the ${door} limit of ${responseLimit(door)} bytes`);
  if (report.initDurationMs !== null && report.initDurationMs > INIT_TIMEOUT_MS) reasons.push(`init took ${report.initDurationMs.toFixed(0)} ms, over the 10 s Init phase limit`);
  if (report.logs.some((l) => /^INIT_REPORT .*Phase: init\tStatus: timeout/.test(l))) reasons.push('init did not finish within the 10 s Init phase limit');
  const limitMs = fn.timeoutSeconds * 1000;
  if (report.outcome === 'success' && report.durationMs > limitMs * TIMEOUT_MARGIN) reasons.push(`duration ${report.durationMs.toFixed(0)} ms is within 20% of the ${fn.timeoutSeconds} s timeout`);
  return reasons;
}

/**
 * For a case the gateway must answer by itself (a path no route matches): a reason when the caller got
 * something else, or the function was called.
 */
function checkGatewayReply(report: CliInvocationReport, expected: GatewayReply | null, door: FrontDoor): string[] {
  if (!expected) return [];
  const got = report.response;
  if (!report.invoked && got?.statusCode === expected.statusCode && got.body === expected.body) return [];
  const what = report.invoked ? 'the function was called' : `the caller got ${got ? `${got.statusCode} ${got.body}` : 'no response'}`;
  return [`${door} should answer a path no route matches by itself with ${expected.statusCode} ${expected.body}; ${what}`];
}

/** Locate and read the functions. */
function readTarget(target: string): { ok: true; file: string; functions: CheckFunction[]; skipped: string[] } | { ok: false; error: string } {
  let file = target;
  if (existsSync(target) && statSync(target).isDirectory()) {
    const found = ['template.yaml', 'template.yml', 'lambda-triage.config.json'].map((n) => path.join(target, n)).find((f) => existsSync(f));
    if (!found) return { ok: false, error: `no template.yaml, template.yml or lambda-triage.config.json in ${target}; pass the template's path (lambda-triage check path/to/template.yaml) or create lambda-triage.config.json` };
    file = found;
  } else if (!existsSync(target)) {
    return { ok: false, error: `${target} does not exist; pass a SAM template, a lambda-triage.config.json or a folder holding one` };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const r = file.endsWith('.json') ? parseCheckConfig(text, file) : parseSamTemplate(text, file);
  if (!r.ok) return r;
  // Cases next to a template: lambda-triage.config.json's `cases` join the template's functions by name.
  const extra = path.join(path.dirname(file), 'lambda-triage.config.json');
  if (!file.endsWith('.json') && existsSync(extra)) {
    const c = parseCheckConfig(readFileSync(extra, 'utf8'), extra);
    if (!c.ok) return c;
    for (const f of r.functions) f.cases.push(...(c.functions.find((x) => x.name === f.name)?.cases ?? []));
  }
  return { ok: true, file, functions: r.functions, skipped: r.skipped };
}

const xml = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

/** JUnit XML of the results: one testsuite per function, one testcase per door × case × start. */
export function formatJunit(results: CheckResult[]): string {
  const byFn = new Map<string, CheckResult[]>();
  for (const r of results) byFn.set(r.function, [...(byFn.get(r.function) ?? []), r]);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="lambda-triage check" tests="${results.length}" failures="${results.filter((r) => !r.passed).length}">`];
  for (const [fn, rs] of byFn) {
    lines.push(`  <testsuite name="${xml(fn)}" tests="${rs.length}" failures="${rs.filter((r) => !r.passed).length}">`);
    for (const r of rs) {
      const name = `${r.frontDoor} ${r.case} (${r.start})`;
      lines.push(`    <testcase classname="${xml(fn)}" name="${xml(name)}" time="${(r.durationMs / 1000).toFixed(3)}"${r.passed ? ' />' : '>'}`);
      if (!r.passed) {
        lines.push(`      <failure message="${xml(r.reasons.join('; '))}">${xml(r.firstFailingLogLine ?? '')}</failure>`);
        lines.push('    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
}

/** GitHub Actions annotations (`::error file=…,title=…::message`) for the failures. */
export function formatGithub(results: CheckResult[], cwd: string): string[] {
  const esc = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string): string => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return results
    .filter((r) => !r.passed)
    .map((r) => `::error file=${prop(path.relative(cwd, r.handlerFile))},title=${prop(`${r.function} ${r.frontDoor} ${r.case} (${r.start})`)}::${esc(`${r.reasons.join('; ')}${r.firstFailingLogLine ? `\n${r.firstFailingLogLine}` : ''}`)}`);
}

/** The readable table. */
export function formatTable(results: CheckResult[]): string[] {
  const rows = results.map((r) => [r.passed ? 'PASS' : 'FAIL', r.function, r.frontDoor, r.case, r.start, r.statusCode === null ? '-' : String(r.statusCode), `${r.durationMs.toFixed(0)} ms`]);
  const head = ['', 'FUNCTION', 'FRONT DOOR', 'CASE', 'START', 'STATUS', 'DURATION'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const fmt = (row: string[]): string => row.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const out = [fmt(head)];
  results.forEach((r, i) => {
    out.push(fmt(rows[i] as string[]));
    if (!r.passed) {
      out.push(`      why: ${r.reasons.join('; ')}`);
      if (r.firstFailingLogLine) out.push(`      log: ${r.firstFailingLogLine.length > 300 ? `${r.firstFailingLogLine.slice(0, 300)}…` : r.firstFailingLogLine}`);
    }
  });
  return out;
}

/** Run `lambda-triage check` (argv after the command name); resolves to the exit code. */
export async function runCheck(argv: string[], io: Io): Promise<number> {
  const parsed = parseCheckArgs(argv);
  if (!parsed.ok) {
    io.err(`lambda-triage: ${parsed.error}`);
    return 2;
  }
  if ('help' in parsed) {
    io.out(CHECK_USAGE);
    return 0;
  }
  const args = parsed.args;
  const fail = (m: string): number => {
    io.err(`lambda-triage check: ${m}`);
    return 2;
  };
  const read = readTarget(args.target);
  if (!read.ok) return fail(read.error);
  let functions = read.functions;
  if (args.functions.length > 0) {
    const unknown = args.functions.find((n) => !functions.some((f) => f.name === n));
    if (unknown) return fail(`${read.file} has no function ${unknown}; its functions are ${functions.map((f) => f.name).join(', ')}`);
    functions = functions.filter((f) => args.functions.includes(f.name));
  }
  // Preflight: every handler file exists and every package it imports is installed, before anything runs.
  const base = path.dirname(path.resolve(read.file));
  const plans: Array<{ fn: CheckFunction; root: string; handlerFile: string; python: boolean }> = [];
  const notes: string[] = [];
  for (const fn of functions) {
    const root = path.resolve(base, fn.codeUri);
    if (!existsSync(root) || !statSync(root).isDirectory()) return fail(`${read.file}: function ${fn.name}: CodeUri ${fn.codeUri} is not a folder (resolved to ${root}); fix CodeUri`);
    // A Python function runs in the simulator's Pyodide whichever runner the Node.js functions use.
    const python = isPythonRuntime(fn.runtime as RuntimeId);
    const handlerFile = findHandlerFile(root, fn.handler, python);
    if (!handlerFile) {
      if (python) {
        const mod = fn.handler.slice(0, Math.max(0, fn.handler.lastIndexOf('.'))).split(/[./]/).join('/');
        return fail(`${read.file}: function ${fn.name}: handler ${fn.handler} needs ${mod}.py in ${path.relative(process.cwd(), root) || '.'}, and there is none; fix Handler or CodeUri`);
      }
      const mod = path.join(path.dirname(fn.handler), path.basename(fn.handler).split('.')[0] ?? '');
      return fail(`${read.file}: function ${fn.name}: handler ${fn.handler} needs ${mod}.js, .mjs, .cjs or .ts in ${path.relative(process.cwd(), root) || '.'}, and there is none; fix Handler or CodeUri`);
    }
    if (args.runner.runner === 'node' && !python) {
      const missing = findMissingPackage(handlerFile, args.runner.sdk === 'simulated');
      if (missing) {
        return fail(`${path.relative(process.cwd(), missing.file)} imports '${missing.pkg}', which is not installed (no node_modules/${missing.pkg} in its folder or above); run \`npm install ${missing.pkg}\` in ${path.relative(process.cwd(), root) || '.'}`);
      }
    }
    if (python) {
      const unbuilt = unbuiltRequirements(root);
      if (unbuilt.length > 0) {
        notes.push(
          `note: function ${fn.name} lists ${unbuilt.join(', ')} in ${path.relative(process.cwd(), path.join(root, 'requirements.txt'))}, which ${unbuilt.length === 1 ? 'is' : 'are'} not in its folder; check runs the folder as it is, so an import of ${unbuilt.length === 1 ? 'it' : 'them'} fails here as it would on Lambda unpackaged. \`sam build\` installs requirements.txt: run \`lambda-triage check .aws-sam/build/template.yaml\` after it to check what ships`,
        );
      }
    }
    plans.push({ fn, root, handlerFile, python });
  }
  for (const s of read.skipped) io.err(`lambda-triage check: skipped ${s}`);
  for (const n of notes) io.err(`lambda-triage check: ${n}`);

  const quickjs = args.runner.runner === 'sandbox' && plans.some((p) => !p.python) ? await loadQuickJS() : null;
  // Python functions run in the simulator's Pyodide, loaded only when the template has one (as `invoke` does).
  let pythonExecutor: Executor | null = null;
  const results: CheckResult[] = [];
  // Every route of the template, selected functions or not: they share the API a probe goes through.
  const apiRoutes = collectApiRoutes(read.functions);
  for (const { fn, root, handlerFile, python } of plans) {
    const world = createAwsWorld({ functionName: fn.name, seed: args.seed });
    const pythonProject = python ? await import('./python-project.ts') : null;
    if (pythonProject && !pythonExecutor) pythonExecutor = await pythonProject.createCliPythonExecutor();
    const executor: Executor | undefined = python
      ? (pythonExecutor as Executor)
      : args.runner.runner === 'node'
        ? createNodeExecutor({ taskRoot: root, clock: args.runner.clock, sdk: args.runner.sdk, resolveModule: world.resolveModule })
        : undefined;
    const sim = createSimulator({ ...(executor ? { executor } : quickjs ? { quickjs } : {}), seed: args.seed, epochMs: DEFAULT_EPOCH_MS, resolveModule: world.resolveModule, services: world.services });
    const config = { functionName: fn.name, handler: fn.handler, runtime: fn.runtime as RuntimeId, memoryMB: fn.memoryMB, timeoutSeconds: fn.timeoutSeconds, environment: fn.environment };
    let simFn: SimFunction;
    try {
      const files = pythonProject
        ? (() => {
            const loaded = pythonProject.loadPythonProject({ path: root, handler: fn.handler });
            if (!loaded.ok) throw new Error(loaded.error);
            return loaded.value.files;
          })()
        : executor
          ? {}
          : readTaskFiles(root);
      simFn = sim.createFunction(config, files);
    } catch (e) {
      return fail(`${read.file}: function ${fn.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      for (const { door, route } of fn.doors) {
        // Per front door: a new environment; the first case runs cold, then every case (the first again) warm.
        const cases = planCases(fn, door, route, apiRoutes);
        simFn.newEnvironment();
        const runs = cases.length > 0 ? [{ c: cases[0] as PlannedCase, start: 'cold' as const }, ...cases.map((c) => ({ c, start: 'warm' as const }))] : [];
        for (const { c, start } of runs) {
          {
            const gatewayRequestId = `check-${results.length + 1}`;
            const run = await runThroughFrontDoor(door, c.input, (event) => simFn.invoke(event), {
              sim: { requestId: gatewayRequestId, nowMs: sim.now(), region: 'us-east-1', accountId: '123456789012', functionName: fn.name },
            });
            const report = buildRunReport(run, gatewayRequestId, sim.now() - DEFAULT_EPOCH_MS);
            // A probe the gateway must answer itself: its LT-ROUTE-NOT-MATCHED finding is the expected answer, not a failure.
            const expected = c.expectGateway ? (r: string): boolean => r !== 'LT-ROUTE-NOT-MATCHED' : (): boolean => true;
            const reasons = [...judge(report, fn, door).filter(expected), ...checkGatewayReply(report, c.expectGateway, door)];
            results.push({
              function: fn.name,
              frontDoor: door,
              case: c.name,
              start: report.coldStart ? 'cold' : start,
              statusCode: report.response?.statusCode ?? null,
              outcome: report.outcome,
              durationMs: report.durationMs,
              initDurationMs: report.initDurationMs,
              passed: reasons.length === 0,
              reasons,
              firstFailingLogLine: reasons.length === 0 ? null : firstFailingLine(run.record),
              handlerFile,
              invoked: report.invoked,
            });
          }
        }
      }
    } finally {
      simFn.dispose();
    }
  }
  const failed = results.filter((r) => !r.passed);
  if (args.junit !== undefined) {
    try {
      writeFileSync(args.junit, formatJunit(results));
    } catch (e) {
      return fail(`cannot write --junit ${args.junit}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  if (args.json) io.out(JSON.stringify({ file: read.file, runner: args.runner.runner, passed: failed.length === 0, results, skipped: read.skipped }, null, 2));
  else if (args.format === 'github') {
    for (const line of formatGithub(results, process.cwd())) io.out(line);
    io.out(`lambda-triage check: ${results.length - failed.length} of ${results.length} passed`);
  } else {
    for (const line of formatTable(results)) io.out(line);
    io.out('');
    io.out(`${results.length - failed.length} of ${results.length} passed${failed.length ? `; ${new Set(failed.map((r) => r.function)).size} function(s) failed: ${[...new Set(failed.map((r) => r.function))].join(', ')}` : ''}`);
  }
  return failed.length === 0 ? 0 : 1;
}
