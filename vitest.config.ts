import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the CPUs: a single worker on a 2-CPU machine, so the slow
    // files (astro sync, scenarios, the simulator suites) ran one after another. Every CPU, at least two.
    maxWorkers: Math.max(2, availableParallelism()),
    // The ten slowest tests are printed after the usual report (scripts/reporters/).
    reporters: ['default', './scripts/reporters/vitest-slowest.ts'],
  },
});
