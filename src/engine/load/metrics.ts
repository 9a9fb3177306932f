/**
 * CloudWatch-style metrics of a load run, per virtual second. Definitions follow
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html:
 * - Invocations: invocations of the function code, successful or with a function error; throttled
 *   requests are not counted. Errors: invocations that ended in a function error (timeouts included).
 *   Both are stamped with the time the function was invoked.
 * - Throttles: invocation requests rejected for lack of concurrency.
 * - Duration: time the function code spent on the event (Init Duration is not included).
 * - ConcurrentExecutions: environments processing an event at the same time (we report the maximum
 *   within the second).
 * Client status counts are ours: the status each caller received, by arrival second.
 */

/** One request of a load run, as the metrics need it. */
export interface LoadSample {
  /** Virtual ms (since the run's epoch) at which the request arrived. */
  arrivalMs: number;
  throttled: boolean;
  /** The front door answered without asking Lambda (no permission, over a limit). */
  rejected: boolean;
  functionError: boolean;
  coldStart: boolean;
  /** Function duration, ms (null when not invoked). */
  durationMs: number | null;
  /** Init + duration: how long the environment was busy, ms (0 when not invoked). */
  busyMs: number;
  status: number;
}

/** Duration statistics, ms. */
export interface DurationStats {
  avg: number;
  p50: number;
  p99: number;
  max: number;
}

/** The metrics of one virtual second. */
export interface MetricsPeriod {
  /** Seconds since the start of the run. */
  second: number;
  /** ISO timestamp of the start of the second. */
  timestamp: string;
  Invocations: number;
  Errors: number;
  Throttles: number;
  /** Null when nothing was invoked in this second. */
  Duration: DurationStats | null;
  ConcurrentExecutions: number;
  ColdStarts: number;
  /** Status code the callers received → count, for requests that arrived in this second. */
  statusCodes: Record<string, number>;
}

/** Totals over the run. */
export interface MetricsTotals {
  requests: number;
  Invocations: number;
  Errors: number;
  Throttles: number;
  ColdStarts: number;
  Duration: DurationStats | null;
  /** Highest ConcurrentExecutions of any second. */
  maxConcurrentExecutions: number;
  statusCodes: Record<string, number>;
  /** Virtual ms from the first arrival to the last response. */
  spanMs: number;
}

/** Nearest-rank percentile of sorted values (`p` in 0–100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Average, p50, p99 and maximum of durations, rounded to 0.01 ms; null for none. */
export function durationStats(values: readonly number[]): DurationStats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { avg: round(sum / sorted.length), p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

/**
 * Maximum number of overlapping busy intervals within each whole second `[s, s + 1)`.
 * Intervals are `[start, end)`; one that ends exactly when another starts does not overlap it.
 */
export function concurrencyPerSecond(intervals: ReadonlyArray<{ start: number; end: number }>, seconds: number): number[] {
  const out = new Array<number>(seconds).fill(0);
  const events: Array<{ t: number; d: number }> = [];
  for (const i of intervals) {
    if (i.end <= i.start) continue;
    events.push({ t: i.start, d: 1 }, { t: i.end, d: -1 });
  }
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let current = 0;
  let k = 0;
  for (let s = 0; s < seconds; s++) {
    const from = s * 1000;
    const to = from + 1000;
    // Apply everything before this second, then take the value in effect at its start.
    while (k < events.length && (events[k]?.t ?? Infinity) <= from) current += events[k++]?.d ?? 0;
    let max = current;
    while (k < events.length && (events[k]?.t ?? Infinity) < to) {
      const t = events[k]?.t ?? 0;
      while (k < events.length && events[k]?.t === t) current += events[k++]?.d ?? 0;
      if (current > max) max = current;
    }
    out[s] = max;
  }
  return out;
}

/** Aggregate samples into per-second metrics and totals. `epochMs` stamps the seconds. */
export function aggregateMetrics(samples: readonly LoadSample[], epochMs: number, startMs = 0): { periods: MetricsPeriod[]; totals: MetricsTotals } {
  let lastMs = startMs;
  for (const s of samples) lastMs = Math.max(lastMs, s.arrivalMs + s.busyMs);
  const seconds = Math.max(1, Math.ceil((lastMs - startMs) / 1000) || 1);
  const periods: MetricsPeriod[] = [];
  const durations: number[][] = [];
  for (let i = 0; i < seconds; i++) {
    periods.push({
      second: i,
      timestamp: new Date(epochMs + startMs + i * 1000).toISOString(),
      Invocations: 0,
      Errors: 0,
      Throttles: 0,
      Duration: null,
      ConcurrentExecutions: 0,
      ColdStarts: 0,
      statusCodes: {},
    });
    durations.push([]);
  }
  const totals: MetricsTotals = { requests: samples.length, Invocations: 0, Errors: 0, Throttles: 0, ColdStarts: 0, Duration: null, maxConcurrentExecutions: 0, statusCodes: {}, spanMs: round(lastMs - startMs) };
  const all: number[] = [];
  const intervals: Array<{ start: number; end: number }> = [];
  for (const s of samples) {
    const i = Math.min(seconds - 1, Math.floor((s.arrivalMs - startMs) / 1000));
    const p = periods[i] as MetricsPeriod;
    const code = String(s.status);
    p.statusCodes[code] = (p.statusCodes[code] ?? 0) + 1;
    totals.statusCodes[code] = (totals.statusCodes[code] ?? 0) + 1;
    if (s.throttled) {
      p.Throttles++;
      totals.Throttles++;
      continue;
    }
    if (s.rejected || s.durationMs === null) continue;
    p.Invocations++;
    totals.Invocations++;
    if (s.functionError) {
      p.Errors++;
      totals.Errors++;
    }
    if (s.coldStart) {
      p.ColdStarts++;
      totals.ColdStarts++;
    }
    durations[i]?.push(s.durationMs);
    all.push(s.durationMs);
    intervals.push({ start: s.arrivalMs - startMs, end: s.arrivalMs - startMs + s.busyMs });
  }
  const conc = concurrencyPerSecond(intervals, seconds);
  for (let i = 0; i < seconds; i++) {
    const p = periods[i] as MetricsPeriod;
    p.Duration = durationStats(durations[i] ?? []);
    p.ConcurrentExecutions = conc[i] ?? 0;
    if (p.ConcurrentExecutions > totals.maxConcurrentExecutions) totals.maxConcurrentExecutions = p.ConcurrentExecutions;
  }
  totals.Duration = durationStats(all);
  return { periods, totals };
}
