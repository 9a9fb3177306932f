/**
 * The simulated AWS world a handler talks to: state, the execution role's policies, downstream faults
 * and HTTP dependencies behind the host services `aws` and `http`, plus the simulated SDK packages.
 *
 * ```ts
 * const world = createAwsWorld({ state, policy, faults, functionName: 'orders' });
 * const sim = createSimulator({ quickjs, resolveModule: world.resolveModule, services: world.services });
 * const record = await sim.createFunction({ functionName: 'orders' }, files).invoke({});
 * world.calls(); world.snapshot(); diagnoseCalls(record, world.calls());
 * ```
 */
import type { ModuleResolver, ServiceBridge, ServiceCallInfo, ServiceResult, SimModule } from '../sandbox/sandbox.ts';
import { createSeededRandom } from '../clock/seeded-random.ts';
import { DEFAULT_EPOCH_MS } from '../clock/virtual-clock.ts';
import { evaluatePolicies, type IamDecision, type MatchedStatement } from '../iam/evaluate.ts';
import { parsePolicy, type Policy } from '../iam/policy.ts';
import { AWS_SERVICES, SERVICE_LABELS, accessDeniedError, dnsNotFound, presetError, serviceError, simulatorUnsupported, type AwsService, type WireError } from './errors.ts';
import { parseFaults, sampleLatency, type FaultRule, type Faults } from './faults.ts';
import { OPERATIONS, iamTargets, runOperation, secretSuffix, type OpContext } from './operations.ts';
import { cloneAwsState, parseAwsState, snapshotAwsState, type AwsState, type HttpRouteSpec } from './state.ts';
import { SIMULATED_PACKAGES, unsupportedPackage } from './sdk-source.ts';

/** Latency of an AWS API call without faults, ms. ILLUSTRATIVE (same-region round trip). */
export const DEFAULT_AWS_LATENCY_MS = 8;
/** Latency of an HTTP dependency route without `latencyMs`, ms. ILLUSTRATIVE. */
export const DEFAULT_HTTP_LATENCY_MS = 20;

/** One recorded call (one HTTP attempt) from the handler to AWS or to an HTTP dependency. */
export interface AwsCallRecord {
  /** Sequence number in this world. */
  id: number;
  /** Invocation that made the call (null: during init). */
  requestId: string | null;
  /** AWS service id, or `http` for fetch; for a call the simulator does not cover, the package's service id (e.g. `kinesis`). */
  service: AwsService | 'http' | (string & {});
  /** Operation name, or `GET /path` for fetch. */
  operation: string;
  /** Resource ARN (AWS) or URL (fetch). */
  target: string;
  /** Virtual start time, ms since the simulation epoch. */
  startMs: number;
  /** Virtual duration, ms; null while a call hangs. */
  durationMs: number | null;
  outcome: 'ok' | 'error' | 'hang';
  error?: { name: string; message: string };
  /** The IAM decision (AWS calls that reached AWS). */
  iam?: { decision: IamDecision; action: string; resource: string; matchedStatement?: MatchedStatement; notes?: string[] };
  /** The injected fault that shaped the call, in words. */
  fault?: string;
  /** The client gave up on the call before it answered. */
  abandoned?: { reason: 'request-timeout' | 'abort-signal' | 'timeout-signal'; afterMs: number };
  /** Extra explanation for people (e.g. unknown HTTP host). */
  note?: string;
  /** The call named a client or operation the simulator does not cover (it answered SimulatorUnsupportedOperation). */
  unsupported?: { client: string; operation: string };
}

/** Options of {@link createAwsWorld}. Untrusted parts (state, policy, faults) are parsed; bad input throws with the parser's message. */
export interface AwsWorldOptions {
  /** Seed data (see `state.ts`), JSON text or value. */
  state?: unknown;
  /**
   * The execution role's identity-based policy document(s), JSON text or value, or an array of documents.
   * Omitted: every call is allowed (no IAM checks) — pass `[]` for a role with no policies.
   */
  policy?: unknown;
  /** Faults (see `faults.ts`), JSON text or value. */
  faults?: unknown;
  /** Default 123456789012. */
  accountId?: string;
  /** Region of the world's resources; default us-east-1. */
  region?: string;
  /** Role session name in AccessDenied messages; default `my-function`. */
  functionName?: string;
  /** Execution role name; default `<functionName>-role`. */
  roleName?: string;
  /** Seed for faults, latency and ids; default 1. */
  seed?: number;
  /** Simulation epoch (for dates in outputs); default 2026-01-01. */
  epochMs?: number;
}

/** A simulated AWS world. */
export interface AwsWorld {
  /** Simulated packages by specifier (for `createSimulator({ modules })`). */
  modules: Record<string, SimModule>;
  /** The same packages as a resolver (for `createSimulator({ resolveModule })`). */
  resolveModule: ModuleResolver;
  /** Host services `aws`, `aws.abandon`, `http`, `http.abandon` (for `createSimulator({ services })`). */
  services: ServiceBridge;
  /** Every call so far, oldest first (copies). */
  calls: () => AwsCallRecord[];
  /** The current state in the seed shape. */
  snapshot: () => Record<string, unknown>;
  /** Back to the seed state, no calls, generator re-seeded. */
  reset: () => void;
  /** ARN of the assumed role session used in AccessDenied messages. */
  readonly principalArn: string;
}

function parseOrThrow<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Parse one or more policy documents. */
export function parsePolicies(input: unknown): { ok: true; value: Policy[] } | { ok: false; error: string } {
  const list = Array.isArray(input) ? input : [input];
  const out: Policy[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = parsePolicy(list[i]);
    if (!r.ok) return { ok: false, error: list.length > 1 ? `Policy ${i + 1}: ${r.error}` : r.error };
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/** Create a simulated AWS world. Throws with a friendly message when state, policy or faults are invalid. */
export function createAwsWorld(options: AwsWorldOptions = {}): AwsWorld {
  const seedState: AwsState = parseOrThrow(parseAwsState(options.state));
  const policies: Policy[] | null = options.policy === undefined ? null : parseOrThrow(parsePolicies(options.policy));
  const faults: Faults = parseOrThrow(parseFaults(options.faults));
  const accountId = options.accountId ?? '123456789012';
  const region = options.region ?? 'us-east-1';
  const functionName = options.functionName ?? 'my-function';
  const roleName = options.roleName ?? `${functionName}-role`;
  const epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
  // Session name = function name (https://github.com/anomalyco/sst/issues/4469).
  const principalArn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${functionName}`;
  const seed = options.seed ?? 1;

  let state = cloneAwsState(seedState);
  // Its own stream, distinct from the simulator's (same seed must not give the same ids).
  const worldSeed = (Math.imul(seed, 2654435761) ^ 0x5eed5eed) >>> 0;
  let rng = createSeededRandom(worldSeed);
  let calls: AwsCallRecord[] = [];
  const random = (): number => rng.nextUint32() / 4294967296;
  const isAllowed = (action: string, resource: string): boolean =>
    policies === null || evaluatePolicies(policies, { action, resource }).decision === 'allow';

  function findRule(pred: (r: FaultRule) => boolean): FaultRule | undefined {
    return faults.rules.find(pred);
  }

  function describeFault(rule: FaultRule, what: string): string {
    const scope = rule.service ? `${rule.service}${rule.operation ? ` ${rule.operation}` : ''}` : `${rule.host}${rule.route ? ` ${rule.route}` : ''}`;
    return `${what} (fault rule for ${scope})`;
  }

  function record(r: Omit<AwsCallRecord, 'id'>): number {
    const id = calls.length + 1;
    calls.push({ id, ...r });
    return id;
  }

  function awsCall(payload: unknown, info: ServiceCallInfo): ServiceResult {
    const p = (payload ?? {}) as { service?: unknown; operation?: unknown; input?: unknown; region?: unknown; client?: unknown };
    const service = p.service as AwsService;
    const operation = String(p.operation);
    if (!(AWS_SERVICES as readonly string[]).includes(String(p.service)) || !OPERATIONS[service].includes(operation)) {
      const client = typeof p.client === 'string' && p.client !== '' ? p.client : String(p.service);
      const e = simulatorUnsupported(client, operation);
      const callId = record({ requestId: info.requestId, service: String(p.service), operation, target: `${client}.${operation}`, startMs: info.nowMs, durationMs: 0, outcome: 'error', error: { name: e.name, message: e.message }, unsupported: { client, operation }, note: 'Not simulated: a gap of the Lambda Triage simulator, not of the function.' });
      return { error: e, latencyMs: 0, callId };
    }
    const input = (p.input && typeof p.input === 'object' ? p.input : {}) as Record<string, unknown>;
    const clientRegion = typeof p.region === 'string' && p.region !== '' ? p.region : region;
    const requestId = rng.uuid();
    const ctx: OpContext = { state, accountId, worldRegion: region, region: clientRegion, nowMs: info.nowMs, epochMs: epochMs + info.nowMs, id: () => rng.uuid(), isAllowed };
    const targets = iamTargets(service, operation, input, ctx);
    // A batch with no tables still needs its action (on every resource).
    if (targets.length === 0) targets.push({ action: `${service}:${operation}`, resource: '*', shown: '*' });
    const target = targets[0] as (typeof targets)[number];
    const base = { requestId: info.requestId, service, operation, target: target.resource, startMs: info.nowMs };
    const label = `${SERVICE_LABELS[service]} ${operation} call still waiting for a response`;
    if (faults.vpcWithoutNat) {
      const callId = record({ ...base, durationMs: null, outcome: 'hang', fault: 'vpcWithoutNat: the function runs in a VPC without a NAT gateway or VPC endpoint, so AWS endpoints are unreachable' });
      return { hang: true, label, callId };
    }
    const rule = findRule((r) => r.service === service && (r.operation === undefined || r.operation === operation));
    let latencyMs = rule?.latencyMs !== undefined ? sampleLatency(rule.latencyMs, random) : DEFAULT_AWS_LATENCY_MS;
    latencyMs = Math.round(latencyMs * 1000) / 1000;
    if (rule && rule.hangRate !== undefined && random() < rule.hangRate) {
      const callId = record({ ...base, durationMs: null, outcome: 'hang', fault: describeFault(rule, 'no response') });
      return { hang: true, label, callId };
    }
    if (rule && rule.error !== undefined && random() < (rule.errorRate ?? 1)) {
      const e: WireError =
        typeof rule.error === 'string'
          ? presetError(rule.error, service, `${service}.${clientRegion}.amazonaws.com`)
          : serviceError(rule.error.name, rule.error.message, rule.error.status);
      const err = { ...e, requestId };
      const callId = record({ ...base, durationMs: latencyMs, outcome: 'error', error: { name: e.name, message: e.message }, fault: describeFault(rule, `injected ${typeof rule.error === 'string' ? rule.error : rule.error.name}`) });
      return { error: err, latencyMs, callId };
    }
    let iam: AwsCallRecord['iam'];
    if (policies !== null) {
      // Batch and transaction calls need every check to pass; the first one that fails decides the error and is the
      // one recorded (the others are listed in notes).
      const context = { 'aws:RequestedRegion': clientRegion, 'aws:PrincipalAccount': accountId, 'aws:PrincipalArn': `arn:aws:iam::${accountId}:role/${roleName}`, 'aws:SecureTransport': 'true' };
      const evs = targets.map((t) => ({ t, ev: evaluatePolicies(policies, { action: t.action, resource: t.resource, context }) }));
      const chosen = evs.find((x) => x.ev.decision !== 'allow') ?? (evs[0] as (typeof evs)[number]);
      {
        const ev = chosen.ev;
        iam = { decision: ev.decision, action: ev.action, resource: ev.resource };
        if (ev.matchedStatement) iam.matchedStatement = ev.matchedStatement;
        const notes = [...ev.notes, ...(evs.length > 1 ? evs.map((x) => `${x.t.action} on ${x.t.resource}: ${x.ev.decision}`) : [])];
        if (notes.length) iam.notes = notes;
        if (ev.decision !== 'allow') {
          const e = { ...accessDeniedError(service, principalArn, chosen.t.action, chosen.t.shown, ev.decision === 'explicit-deny'), requestId };
          const callId = record({ ...base, target: chosen.t.resource, durationMs: latencyMs, outcome: 'error', error: { name: e.name, message: e.message }, iam });
          return { error: e, latencyMs, callId };
        }
      }
    } else iam = { decision: 'allow', action: target.action, resource: target.resource, notes: ['No policy given: IAM checks are off.'] };
    const r = runOperation(service, operation, input, ctx);
    if (r.ok && r.latencyMs !== undefined) latencyMs = Math.max(latencyMs, r.latencyMs);
    const withFault = rule?.latencyMs !== undefined ? { fault: describeFault(rule, `latency ${latencyMs} ms`) } : {};
    if (!r.ok) {
      const callId = record({ ...base, durationMs: latencyMs, outcome: 'error', error: { name: r.error.name, message: r.error.message }, iam, ...withFault });
      return { error: { ...r.error, requestId }, latencyMs, callId };
    }
    const callId = record({ ...base, durationMs: latencyMs, outcome: 'ok', iam, ...withFault });
    // DeleteObject answers 204 No Content (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html).
    return { result: { output: r.output, requestId, httpStatusCode: r.httpStatusCode ?? (operation === 'DeleteObject' ? 204 : 200) }, latencyMs, callId };
  }

  /**
   * The execution role's temporary credentials as the function sees them (Lambda sets AWS_ACCESS_KEY_ID,
   * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN from the role: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
   * ILLUSTRATIVE values: an ASIA… key id derived from the role, never a real key; expiry one hour ahead.
   */
  function roleCredentials(nowMs: number): Record<string, string> {
    const hex = secretSuffix(principalArn).toUpperCase().replace(/[^A-Z0-9]/g, 'X');
    return {
      accessKeyId: `ASIASIMULATED${hex}`.slice(0, 20).padEnd(20, '0'),
      secretAccessKey: `simulated/${roleName}/secret-access-key`,
      sessionToken: `simulated-session-token-for-${roleName}`,
      expiration: new Date(epochMs + nowMs + 3_600_000).toISOString(),
      roleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
    };
  }

  function httpCall(payload: unknown, info: ServiceCallInfo): ServiceResult {
    const p = (payload ?? {}) as { method?: string; url?: string; host?: string; path?: string };
    const host = String(p.host ?? '').toLowerCase();
    const method = String(p.method ?? 'GET');
    const path = String(p.path ?? '/');
    const routeKey = `${method} ${path}`;
    const base = { requestId: info.requestId, service: 'http' as const, operation: routeKey, target: String(p.url), startMs: info.nowMs };
    const label = `fetch ${method} ${String(p.url)} still waiting for a response`;
    if (faults.vpcWithoutNat) {
      const callId = record({ ...base, durationMs: null, outcome: 'hang', fault: 'vpcWithoutNat: no route to the internet from the VPC' });
      return { hang: true, label, callId };
    }
    const spec = faults.http.get(host) ?? state.http.get(host);
    if (!spec) {
      const cause = dnsNotFound(host);
      const callId = record({
        ...base,
        durationMs: 0,
        outcome: 'error',
        error: { name: 'TypeError', message: `fetch failed (cause: ${cause.message})` },
        note: `No network in the simulator: define the host "${host}" in the HTTP dependencies (state.http or faults.http).`,
      });
      // undici: TypeError('fetch failed', { cause })
      return { error: { name: 'TypeError', message: 'fetch failed', cause }, latencyMs: 0, callId };
    }
    const route: HttpRouteSpec | undefined = spec.routes[routeKey];
    const rule = findRule((r) => r.host === host && (r.route === undefined || r.route === routeKey));
    let latencyMs = rule?.latencyMs !== undefined ? sampleLatency(rule.latencyMs, random) : (route?.latencyMs ?? DEFAULT_HTTP_LATENCY_MS);
    latencyMs = Math.round(latencyMs * 1000) / 1000;
    if (rule && rule.hangRate !== undefined && random() < rule.hangRate) {
      const callId = record({ ...base, durationMs: null, outcome: 'hang', fault: describeFault(rule, 'no response') });
      return { hang: true, label, callId };
    }
    if (rule && rule.error !== undefined && random() < (rule.errorRate ?? 1)) {
      if (rule.error === 'ECONNRESET' || rule.error === 'ETIMEDOUT') {
        const cause = presetError(rule.error, 'http', host);
        const callId = record({ ...base, durationMs: latencyMs, outcome: 'error', error: { name: 'TypeError', message: `fetch failed (cause: ${cause.message})` }, fault: describeFault(rule, `injected ${rule.error}`) });
        return { error: { name: 'TypeError', message: 'fetch failed', cause }, latencyMs, callId };
      }
      const status = typeof rule.error === 'string' ? (rule.error === 'throttling' ? 429 : rule.error === 'ServiceUnavailable' ? 503 : 500) : rule.error.status;
      const body = typeof rule.error === 'string' ? '' : rule.error.message;
      // An HTTP error status is a response, not a fetch failure: fetch resolves with ok === false.
      const callId = record({ ...base, durationMs: latencyMs, outcome: 'error', error: { name: `HTTP ${status}`, message: body }, fault: describeFault(rule, `injected HTTP ${status}`) });
      return { result: { status, body, headers: {} }, latencyMs, callId };
    }
    if (!route) {
      const callId = record({ ...base, durationMs: latencyMs, outcome: 'error', error: { name: 'HTTP 404', message: '' }, note: `The host "${host}" has no route "${routeKey}": answered 404 (ILLUSTRATIVE).` });
      return { result: { status: 404, body: '', headers: {} }, latencyMs, callId };
    }
    const outcome = route.status >= 400 ? 'error' : 'ok';
    const callId = record({ ...base, durationMs: latencyMs, outcome, ...(outcome === 'error' ? { error: { name: `HTTP ${route.status}`, message: '' } } : {}), ...(rule?.latencyMs !== undefined ? { fault: describeFault(rule, `latency ${latencyMs} ms`) } : {}) });
    return { result: { status: route.status, body: route.body, headers: route.headers }, latencyMs, callId };
  }

  function abandon(payload: unknown, info: ServiceCallInfo): ServiceResult {
    const p = (payload ?? {}) as { callId?: unknown; reason?: unknown };
    const c = calls.find((x) => x.id === p.callId);
    if (c && !c.abandoned) {
      const reason = p.reason === 'request-timeout' || p.reason === 'timeout-signal' ? p.reason : 'abort-signal';
      const afterMs = Math.round((info.nowMs - c.startMs) * 1000) / 1000;
      c.abandoned = { reason, afterMs };
      if (c.outcome === 'hang') c.durationMs = afterMs;
    }
    return { result: null, latencyMs: 0 };
  }

  const services: ServiceBridge = (name, payload, info) => {
    const i = info ?? { nowMs: 0, requestId: null };
    if (name === 'aws') return awsCall(payload, i);
    if (name === 'http') return httpCall(payload, i);
    if (name === 'aws.abandon' || name === 'http.abandon') return abandon(payload, i);
    if (name === 'aws.credentials') return { result: roleCredentials(i.nowMs), latencyMs: 0 };
    return { error: { name: 'Error', message: `No simulated service handles "${name}" in the Lambda Triage simulator.` } };
  };

  const modules = { ...SIMULATED_PACKAGES };
  return {
    modules,
    // Any other @aws-sdk/client-* or @aws-sdk/lib-* package loads as a generic one whose calls answer
    // SimulatorUnsupportedOperation (sdk-source.ts).
    resolveModule: (spec) => (Object.prototype.hasOwnProperty.call(modules, spec) ? modules[spec] : unsupportedPackage(spec)),
    services,
    calls: () => calls.map((c) => JSON.parse(JSON.stringify(c)) as AwsCallRecord),
    snapshot: () => snapshotAwsState(state),
    reset: () => {
      state = cloneAwsState(seedState);
      rng = createSeededRandom(worldSeed);
      calls = [];
    },
    principalArn,
  };
}
