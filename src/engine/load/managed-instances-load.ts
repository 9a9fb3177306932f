/**
 * Load runs of a Lambda Managed Instances function (`concurrencyPerEnvironment` set): an arrival joins an
 * environment that has fewer than N requests in flight, so requests overlap inside one environment and share its
 * module scope ("Lambda Managed Instances process multiple requests concurrently within each execution
 * environment", https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-runtimes.html).
 *
 * Model, on the shared virtual timeline (the rest as `load-run.ts`):
 * - Arrivals at a rate (seeded Poisson). Clients (the closed model) are not offered here.
 * - Before an arrival at t, every environment runs up to t, so the requests that ended free their place.
 * - The arrival takes the most recently used environment with fewer than N requests in flight, or creates one
 *   (cold start: init, then the request). ILLUSTRATIVE: Lambda scales Managed Instances by CPU use and
 *   multi-concurrency saturation, asynchronously (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-troubleshooting.html);
 *   the simulator opens a new environment at once.
 * - The concurrency limit (reserved, else account) counts requests in flight, as Lambda's concurrency does
 *   ("the number of in-flight requests", https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html);
 *   above it a request is throttled (429, as `load-run.ts`).
 */
import { createSeededRandom } from '../clock/seeded-random.ts';
import { runThroughFrontDoor } from '../integrations/compare.ts';
import { isManagedInstancesFunction, type ManagedInstancesSession } from '../lambda/managed-instances.ts';
import type { InvocationRecord } from '../types.ts';
import { createEnvironmentPool, type SimEnvironment } from './environments.ts';
import { aggregateMetrics, type LoadSample } from './metrics.ts';
import { DEFAULT_ACCOUNT_CONCURRENCY, loadRequestRunOptions, poissonArrivals, settleLoadRequest, throttledRecord, type LoadRequest, type LoadRunOptions, type LoadRunResult } from './load-run.ts';

interface MiEnv {
  env: SimEnvironment;
  session: ManagedInstancesSession;
  lastUsedMs: number;
}

/** Run a load test against a Managed Instances function. Deterministic for the same options and seed. */
export async function runManagedInstancesLoad(options: LoadRunOptions): Promise<LoadRunResult> {
  if (!Number.isInteger(options.requests) || options.requests < 1) throw new Error('A load run needs at least one request.');
  if (!('rate' in options.arrivals)) {
    throw new Error('A load run with concurrency per environment (Lambda Managed Instances) takes arrivals at a rate; clients (the closed model) are not simulated for it.');
  }
  if (!(options.arrivals.rate > 0)) throw new Error('The arrival rate must be a positive number of requests per second.');
  const pool = createEnvironmentPool(options);
  const { config, epochMs } = pool;
  const perEnvironment = config.concurrencyPerEnvironment ?? 1;
  const seed = options.seed ?? 1;
  const ids = createSeededRandom((seed ^ 0x5eed10ad) >>> 0);
  const reserved = options.reservedConcurrency ?? null;
  const account = options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY;
  const limit = Math.min(reserved ?? Infinity, account);
  const envs: MiEnv[] = [];
  const samples: LoadSample[] = [];
  const inFlight = (): number => envs.reduce((n, e) => n + e.session.inFlight(), 0);

  /** Start request `index` at `t`; `placed` settles once it is in an environment (or answered without one). */
  function start(index: number, t: number): { placed: Promise<void>; done: Promise<LoadRequest> } {
    const gatewayRequestId = ids.uuid();
    let chosen: MiEnv | null = null;
    let throttled = false;
    let markPlaced: () => void = () => undefined;
    const placed = new Promise<void>((resolve) => {
      markPlaced = resolve;
    });
    const invoke = async (event: unknown): Promise<InvocationRecord> => {
      try {
        if (inFlight() >= limit) {
          throttled = true;
          return throttledRecord(ids.uuid(), t);
        }
        // Most recently used environment with room (ILLUSTRATIVE), else a new one.
        let best: MiEnv | null = null;
        for (const e of envs) if (e.session.inFlight() < perEnvironment && (best === null || e.lastUsedMs > best.lastUsedMs)) best = e;
        if (best === null) {
          const env = pool.create();
          if (!isManagedInstancesFunction(env.fn)) throw new Error('A Managed Instances load run needs concurrencyPerEnvironment in the configuration.');
          best = { env, session: env.fn.openSession(), lastUsedMs: t };
          envs.push(best);
          await best.session.runUntil(t);
        }
        best.lastUsedMs = t;
        chosen = best;
        const { record } = await best.session.submit({ event });
        markPlaced();
        return record;
      } finally {
        markPlaced();
      }
    };
    const done = runThroughFrontDoor(options.frontDoor, options.input, invoke, loadRequestRunOptions(options, pool, gatewayRequestId, t)).then((run): LoadRequest => {
      markPlaced();
      const env = chosen as MiEnv | null;
      const { sample, row } = settleLoadRequest(options, run, {
        index,
        arrivalMs: t,
        throttled,
        environment: env ? env.env : null,
        busyMs: (record) => record.durationMs + (record.initDurationMs ?? 0),
      });
      samples.push(sample);
      return row;
    });
    return { placed, done };
  }

  const started: Promise<LoadRequest>[] = [];
  try {
    const times = poissonArrivals(options.requests, options.arrivals.rate, seed);
    for (let i = 0; i < times.length; i++) {
      const t = times[i] ?? 0;
      // Every environment catches up to the arrival: requests that ended by then free their place.
      for (const e of envs) await e.session.runUntil(t);
      const s = start(i, t);
      started.push(s.done);
      await Promise.race([s.placed, s.done.then(() => undefined)]);
    }
    for (const e of envs) await e.session.runUntil(Infinity);
    const requests = await Promise.all(started);
    requests.sort((a, b) => a.index - b.index);
    samples.sort((a, b) => a.arrivalMs - b.arrivalMs);
    const { periods, totals } = aggregateMetrics(samples, epochMs);
    return { frontDoor: options.frontDoor, concurrencyLimit: limit, environmentsCreated: pool.count(), metrics: periods, totals, requests };
  } finally {
    pool.disposeAll();
  }
}
