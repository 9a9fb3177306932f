// The "slowest tests" summary shared by the Vitest and Playwright reporters.

/** How many of the slowest tests the summary lists. */
export const SLOWEST_COUNT = 10;

/** One finished test: where it is, how long it took, its timeout. */
export interface Timed {
  title: string;
  ms: number;
  timeoutMs: number;
}

/** The `count` slowest tests, slowest first. */
export function slowest(rows: readonly Timed[], count = SLOWEST_COUNT): Timed[] {
  return [...rows].sort((a, b) => b.ms - a.ms).slice(0, count);
}

/** The summary lines for `rows` (already the slowest). */
export function formatSlowest(rows: readonly Timed[], label: string): string[] {
  if (rows.length === 0) return [];
  return [
    `Slowest ${rows.length} ${label}:`,
    ...rows.map((r) => {
      const share = r.timeoutMs > 0 ? r.ms / r.timeoutMs : 0;
      return `  ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${r.title}${share > 0.5 ? `  (${Math.round(share * 100)}% of its ${r.timeoutMs / 1000} s timeout)` : ''}`;
    }),
  ];
}

