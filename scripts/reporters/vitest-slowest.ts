// Vitest reporter: after the run, the ten slowest tests with their durations, and a mark on any test that
// used more than half of its timeout (such a test fails on a busier machine). Used by vitest.config.ts
// beside the default reporter.
import type { Reporter, TestModule } from 'vitest/node';
import { formatSlowest, slowest, type Timed } from './slowest.ts';

/** Prints the slowest unit tests at the end of `vitest run`. */
export default class SlowestTestsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows: Timed[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const d = test.diagnostic();
        if (!d) continue;
        rows.push({ title: `${mod.relativeModuleId} › ${test.fullName}`, ms: d.duration, timeoutMs: test.options.timeout ?? 0 });
      }
    }
    const lines = formatSlowest(slowest(rows), 'unit tests');
    if (lines.length > 0) process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
