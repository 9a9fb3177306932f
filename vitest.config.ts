import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import LongFilesFirstSequencer from './scripts/vitest-sequencer.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    // WebAssembly (QuickJS, Pyodide) compiled by V8's baseline compiler only: the tests create many sandboxes that
    // each run briefly, so re-optimising those large modules in the background was mostly wasted CPU. Measured on the
    // whole unit suite with the setting below (two workers, `perf stat -e task-clock`): 338 CPU-seconds and 175 s
    // without it, 308 and 158 s with it. Semantics are the same; only how V8 compiles.
    execArgv: ['--liftoff-only'],
    // Test files share their worker process instead of each starting a new one (Vitest printed ~270 ms of start-up
    // per file, 169 files). No test file leaves process-wide state that another reads: environment variables go
    // through vi.stubEnv with unstubAllEnvs, handlers run inside QuickJS, Pyodide or child processes, and the CLI's
    // child_process guard (src/cli/python-project.ts) refuses only while Python runs. Measured on the whole unit
    // suite: 244 s → 217 s wall, 420 CPU-seconds.
    isolate: false,
    // Vitest's default is one worker fewer than the CPUs: a single worker on a 2-CPU machine, so the slow
    // files (astro sync, scenarios, the simulator suites) ran one after another. Every CPU, at least two.
    maxWorkers: Math.max(2, availableParallelism()),
    // Files Vitest has not timed yet start by size, except the scenario shards, which start first (the sequencer says why).
    sequence: { sequencer: LongFilesFirstSequencer },
    // One temporary folder per run, removed at the end (the setup file says why).
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    // The ten slowest tests are printed after the usual report (scripts/reporters/).
    reporters: ['default', './scripts/reporters/vitest-slowest.ts'],
  },
});
