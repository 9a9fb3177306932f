/**
 * Load runs: many requests through one front door, spread over as many execution environments as
 * concurrency allows, on virtual time.
 *
 * Model (on the shared virtual timeline):
 * - Requests arrive at a rate (seeded Poisson arrivals, an open model) or from a fixed number of
 *   clients that each send their next request when the last one is answered (a closed model).
 * - An arrival takes a free environment (warm, or cold after a reset), or creates one (cold start)
 *   when fewer than the function's limit are busy; otherwise it is throttled. The limit is the
 *   reserved concurrency when set, else the account's concurrency limit.
 *   "Concurrency is the number of in-flight requests that your function is handling at the same
 *   time" — https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
 * - An invocation occupies its environment from its start to its end (init included on a cold start).
 * - A throttled request is answered by Lambda with 429 TooManyRequestsException "Rate Exceeded." and
 *   Reason ReservedFunctionConcurrentInvocationLimitExceeded (reserved) or
 *   ConcurrentInvocationLimitExceeded (account) — docs/sources.md §8; Reason names from
 *   https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html. Each front door maps it with its own
 *   mapper (REST 500, HTTP API 500, ALB 502, function URL 429, Invoke 429).
 * ILLUSTRATIVE simulator choices: a free environment is picked most-recently-used first; idle
 * environments are never reclaimed during a run; Lambda's scaling rate (new environments per
 * second) is not modelled; closed-model clients wait CLIENT_THINK_MS between requests.
 */
import { createSeededRandom } from '../clock/seeded-random.ts';
import { runThroughFrontDoor, type FrontDoorRun, type RunInput, type RunOptions } from '../integrations/compare.ts';
import type { InvocationRecord } from '../types.ts';
import type { FrontDoor } from '../vocabulary.ts';
import { createEnvironmentPool, type EnvironmentOptions, type EnvironmentPool, type SimEnvironment } from './environments.ts';
import { aggregateMetrics, type LoadSample, type MetricsPeriod, type MetricsTotals } from './metrics.ts';
import { createInvocationRecord } from '../report/record.ts';
import { runManagedInstancesLoad } from './managed-instances-load.ts';

/** Default account concurrency limit: 1,000 per Region. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const DEFAULT_ACCOUNT_CONCURRENCY = 1000;

/** Pause of a closed-model client between a response and its next request, ms. ILLUSTRATIVE. */
export const CLIENT_THINK_MS = 10;

/** How requests arrive. */
export type Arrivals =
  /** Open model: Poisson arrivals averaging `perSecond` requests per virtual second (seeded). */
  | { rate: number }
  /** Closed model: `clients` callers, each sending its next request when the last one is answered. */
  | { concurrency: number };

/** Options of {@link runLoad}. */
export interface LoadRunOptions extends EnvironmentOptions {
  frontDoor: FrontDoor;
  /** What each request sends: an HTTP request for the front door, or a raw event. */
  input: RunInput;
  requests: number;
  arrivals: Arrivals;
  /** Reserved concurrency; null or absent when the function uses the unreserved pool. */
  reservedConcurrency?: number | null;
  /** Account concurrency limit (default 1,000). */
  accountConcurrency?: number;
  invokePermission?: boolean;
  albMultiValueHeaders?: boolean;
  integrationTimeoutMs?: number;
}

/** One request of the run. */
export interface LoadRequest {
  index: number;
  /** Virtual ms since the epoch start. */
  arrivalMs: number;
  /** Environment index, null when throttled or not invoked. */
  environment: number | null;
  coldStart: boolean;
  throttled: boolean;
  /** `ReservedFunctionConcurrentInvocationLimitExceeded` or `ConcurrentInvocationLimitExceeded` when throttled. */
  throttleReason: string | null;
  /** Status the caller received. */
  status: number;
  outcome: InvocationRecord['outcome'] | 'not-invoked';
  durationMs: number | null;
  /** How long the caller waited, ms. */
  latencyMs: number;
}

/** Result of a load run. */
export interface LoadRunResult {
  frontDoor: FrontDoor;
  /** The concurrency limit that applied: reserved, else account. */
  concurrencyLimit: number;
  environmentsCreated: number;
  metrics: MetricsPeriod[];
  totals: MetricsTotals;
  requests: LoadRequest[];
}

/** Throttle reason for a limit (API_Invoke TooManyRequestsException). */
export function throttleReason(reserved: boolean): string {
  return reserved ? 'ReservedFunctionConcurrentInvocationLimitExceeded' : 'ConcurrentInvocationLimitExceeded';
}

/** The record Lambda "reports" for a throttled request: no environment, no logs. */
export function throttledRecord(requestId: string, startedAt: number): InvocationRecord {
  return createInvocationRecord({
    requestId,
    startedAt,
    outcome: 'throttled',
    errorType: 'TooManyRequestsException',
    errorMessage: 'Rate Exceeded.',
    causes: ['throttling'],
  });
}

/** Front-door options of the request that arrives at `t` (virtual ms since the epoch start) with gateway request id `requestId`. */
export function loadRequestRunOptions(options: LoadRunOptions, pool: Pick<EnvironmentPool, 'config' | 'epochMs'>, requestId: string, t: number): RunOptions {
  const { config, epochMs } = pool;
  return {
    sim: { requestId, nowMs: epochMs + Math.floor(t), region: config.region, accountId: config.accountId, functionName: config.functionName },
    ...(options.invokePermission !== undefined ? { invokePermission: options.invokePermission } : {}),
    ...(options.albMultiValueHeaders !== undefined ? { albMultiValueHeaders: options.albMultiValueHeaders } : {}),
    ...(options.integrationTimeoutMs !== undefined ? { integrationTimeoutMs: options.integrationTimeoutMs } : {}),
  };
}

/** What {@link settleLoadRequest} needs to know of a request besides its front-door run. */
export interface SettledRequest {
  index: number;
  /** Virtual ms since the epoch start. */
  arrivalMs: number;
  throttled: boolean;
  /** The environment that ran the request, null when none did. */
  environment: SimEnvironment | null;
  /** How long the environment was busy with the invoked request, ms (asked only when it was invoked). */
  busyMs: (record: InvocationRecord) => number;
}

/** A finished request of the run: its metrics sample and its row. */
export function settleLoadRequest(options: LoadRunOptions, run: FrontDoorRun, request: SettledRequest): { sample: LoadSample; row: LoadRequest } {
  const { index, arrivalMs, throttled, environment } = request;
  const record = run.record;
  const reserved = options.reservedConcurrency ?? null;
  const invoked = record !== null && !throttled;
  const sample: LoadSample = {
    arrivalMs,
    throttled,
    rejected: record === null,
    functionError: invoked && record.functionError !== null,
    coldStart: invoked && record.coldStart,
    durationMs: invoked ? record.durationMs : null,
    busyMs: invoked ? request.busyMs(record) : 0,
    status: run.response.statusCode,
  };
  const row: LoadRequest = {
    index,
    arrivalMs,
    environment: invoked && environment ? environment.index : null,
    coldStart: invoked && record.coldStart,
    throttled,
    throttleReason: throttled ? throttleReason(reserved !== null && reserved <= (options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY)) : null,
    status: run.response.statusCode,
    outcome: record === null ? 'not-invoked' : record.outcome,
    durationMs: invoked ? record.durationMs : null,
    latencyMs: Math.round(run.clientLatencyMs * 1000) / 1000,
  };
  return { sample, row };
}

/** Arrival times (ms from 0) of `n` seeded Poisson arrivals at `perSecond`. */
export function poissonArrivals(n: number, perSecond: number, seed: number): number[] {
  const random = createSeededRandom(seed);
  const out: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    out.push(Math.round(t * 1000) / 1000);
    // Exponential gap; (x + 1) / 2^32 is in (0, 1], so the log is finite.
    const u = (random.nextUint32() + 1) / 4_294_967_296;
    t += (-Math.log(u) / perSecond) * 1000;
  }
  return out;
}

interface Busy {
  env: SimEnvironment;
  freeAt: number;
}

/** Run a load test. Deterministic: the same options (and seed) give the same result. */
export async function runLoad(options: LoadRunOptions): Promise<LoadRunResult> {
  // Lambda Managed Instances: several requests per environment (managed-instances-load.ts).
  if (options.config.concurrencyPerEnvironment !== undefined) return runManagedInstancesLoad(options);
  if (!Number.isInteger(options.requests) || options.requests < 1) throw new Error('A load run needs at least one request.');
  const pool = createEnvironmentPool(options);
  const { epochMs } = pool;
  const seed = options.seed ?? 1;
  const ids = createSeededRandom((seed ^ 0x5eed10ad) >>> 0);
  const reserved = options.reservedConcurrency ?? null;
  const limit = Math.min(reserved ?? Infinity, options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY);
  const envs: Busy[] = [];
  const requests: LoadRequest[] = [];
  const samples: LoadSample[] = [];

  async function handle(index: number, t: number): Promise<LoadRequest> {
    const gatewayRequestId = ids.uuid();
    let chosen: Busy | null = null;
    let throttled = false;
    const invoke = async (event: unknown): Promise<InvocationRecord> => {
      const busy = envs.filter((e) => e.freeAt > t).length;
      if (busy >= limit) {
        throttled = true;
        return throttledRecord(ids.uuid(), t);
      }
      // Most recently used free environment first (ILLUSTRATIVE).
      let best: Busy | null = null;
      for (const e of envs) if (e.freeAt <= t && (best === null || e.freeAt > best.freeAt)) best = e;
      if (best === null) {
        best = { env: pool.create(), freeAt: t };
        envs.push(best);
      }
      chosen = best;
      const record = await best.env.invokeAt(t, event);
      best.freeAt = best.env.clock.nowMs();
      return record;
    };
    const run = await runThroughFrontDoor(options.frontDoor, options.input, invoke, loadRequestRunOptions(options, pool, gatewayRequestId, t));
    const env = chosen as Busy | null;
    const { sample, row } = settleLoadRequest(options, run, {
      index,
      arrivalMs: t,
      throttled,
      environment: env ? env.env : null,
      busyMs: () => (env ? env.freeAt - t : 0),
    });
    samples.push(sample);
    return row;
  }

  try {
    if ('rate' in options.arrivals) {
      if (!(options.arrivals.rate > 0)) throw new Error('The arrival rate must be a positive number of requests per second.');
      const times = poissonArrivals(options.requests, options.arrivals.rate, seed);
      for (let i = 0; i < times.length; i++) requests.push(await handle(i, times[i] ?? 0));
    } else {
      const clients = options.arrivals.concurrency;
      if (!Number.isInteger(clients) || clients < 1) throw new Error('The number of clients must be a whole number of at least 1.');
      // Next send time per client; the earliest goes first, ties by client number.
      const next = Array.from({ length: Math.min(clients, options.requests) }, () => 0);
      for (let i = 0; i < options.requests; i++) {
        let c = 0;
        for (let k = 1; k < next.length; k++) if ((next[k] ?? 0) < (next[c] ?? 0)) c = k;
        const t = next[c] ?? 0;
        const r = await handle(i, t);
        requests.push(r);
        next[c] = t + r.latencyMs + CLIENT_THINK_MS;
      }
    }
  } finally {
    pool.disposeAll();
  }
  const { periods, totals } = aggregateMetrics(samples, epochMs);
  return { frontDoor: options.frontDoor, concurrencyLimit: limit, environmentsCreated: pool.count(), metrics: periods, totals, requests };
}
