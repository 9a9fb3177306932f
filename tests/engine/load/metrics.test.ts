import { describe, expect, it } from 'vitest';
import { aggregateMetrics, concurrencyPerSecond, durationStats, percentile, type LoadSample } from '../../../src/engine/load/metrics.ts';

function sample(partial: Partial<LoadSample>): LoadSample {
  return { arrivalMs: 0, throttled: false, rejected: false, functionError: false, coldStart: false, durationMs: 100, busyMs: 100, status: 200, ...partial };
}

describe('load metrics', () => {
  it('nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile([], 50)).toBe(0);
    expect(durationStats([3, 1, 2])).toEqual({ avg: 2, p50: 2, p99: 3, max: 3 });
    expect(durationStats([])).toBeNull();
  });

  it('concurrency per second: overlaps count, touching intervals do not', () => {
    expect(concurrencyPerSecond([{ start: 0, end: 1500 }, { start: 500, end: 700 }, { start: 1500, end: 2500 }], 3)).toEqual([2, 1, 1]);
    // An interval spanning a whole second without events inside still counts there.
    expect(concurrencyPerSecond([{ start: 100, end: 3900 }], 4)).toEqual([1, 1, 1, 1]);
  });

  it('throttles are not invocations; errors and cold starts are stamped at invocation time', () => {
    const { periods, totals } = aggregateMetrics(
      [
        sample({ arrivalMs: 10, coldStart: true, durationMs: 50, busyMs: 170 }),
        sample({ arrivalMs: 20, throttled: true, durationMs: null, busyMs: 0, status: 429 }),
        sample({ arrivalMs: 1200, functionError: true, durationMs: 30, busyMs: 30 }),
      ],
      Date.UTC(2026, 0, 1),
    );
    expect(periods).toHaveLength(2);
    expect(periods[0]).toMatchObject({ timestamp: '2026-01-01T00:00:00.000Z', Invocations: 1, Throttles: 1, ColdStarts: 1, Errors: 0, statusCodes: { '200': 1, '429': 1 } });
    expect(periods[1]).toMatchObject({ Invocations: 1, Errors: 1, Duration: { avg: 30, p50: 30, p99: 30, max: 30 } });
    expect(totals).toMatchObject({ requests: 3, Invocations: 2, Throttles: 1, Errors: 1, maxConcurrentExecutions: 1, statusCodes: { '200': 2, '429': 1 } });
  });
});
