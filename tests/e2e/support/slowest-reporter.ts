import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { formatSlowest, slowest, type Timed } from '../../../scripts/reporters/slowest.ts';

/** Playwright reporter: the ten slowest browser tests when the run ends, marking any near its timeout. */
export default class SlowestReporter implements Reporter {
  private readonly rows: Timed[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    this.rows.push({ title: `${test.location.file.replace(/^.*tests\/e2e\//, '')} › ${test.title}`, ms: result.duration, timeoutMs: test.timeout });
  }

  onEnd(): void {
    const lines = formatSlowest(slowest(this.rows), 'browser tests');
    if (lines.length > 0) process.stdout.write(`\n${lines.join('\n')}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
