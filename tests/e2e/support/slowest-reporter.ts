import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** How many of the slowest tests the summary lists. */
export const SLOWEST_COUNT = 10;

/**
 * Playwright reporter that prints the durations of the slowest tests when the run ends, and flags any
 * test that used more than half of its timeout (a test near its timeout fails on a busier machine).
 */
export default class SlowestReporter implements Reporter {
  private readonly rows: { title: string; ms: number; timeout: number }[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    this.rows.push({ title: `${test.location.file.replace(/^.*tests\/e2e\//, '')} › ${test.title}`, ms: result.duration, timeout: test.timeout });
  }

  onEnd(_result: FullResult): void {
    const slowest = [...this.rows].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_COUNT);
    if (slowest.length === 0) return;
    const lines = [`\nSlowest ${slowest.length} browser tests:`];
    for (const r of slowest) {
      const share = r.timeout > 0 ? r.ms / r.timeout : 0;
      lines.push(`  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.title}${share > 0.5 ? `  (${Math.round(share * 100)}% of its ${r.timeout / 1000} s timeout)` : ''}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
