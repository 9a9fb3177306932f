/**
 * Public API of the Lambda Triage engine: a deterministic simulation of the AWS Lambda Node.js
 * runtime running user handlers inside QuickJS on a virtual clock. See SIMULATION.md.
 *
 * ```ts
 * const sim = createSimulator({ quickjs });
 * const fn = sim.createFunction({ timeoutSeconds: 3 }, { 'index.mjs': 'export const handler = async () => 42;' });
 * const record = await fn.invoke({});
 * fn.dispose();
 * ```
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { FunctionConfig } from './types.ts';
import { createVirtualClock, DEFAULT_EPOCH_MS } from './clock/virtual-clock.ts';
import { createSeededRandom } from './clock/seeded-random.ts';
import { createSimFunction, type SimFunction } from './lambda/simulated-function.ts';
import { parseFunctionConfig } from './lambda/function-config.ts';
import type { ModuleResolver, ServiceBridge, SimModule } from './sandbox/sandbox.ts';
import type { Executor } from './executor/types.ts';
import { chooseExecutor } from './executor/sandbox-executor.ts';

export type { SimFunction, InvokeOptions } from './lambda/simulated-function.ts';
export type * from './executor/types.ts';
export { createSandboxExecutor, chooseExecutor, type SandboxExecutorOptions, type ExecutorChoice } from './executor/sandbox-executor.ts';
export { createPythonExecutor, type PythonExecutorOptions, type PyodideLike } from './executor/python-executor.ts';
export { createSnapshotPyodideLoader, type LoadPyodideWithSnapshots } from './python/pyodide-loader.ts';
export { isPythonRuntime } from './lambda/runtime-ids.ts';
export type { SimModule, ModuleResolver, ServiceBridge, ServiceResult } from './sandbox/sandbox.ts';
export { causesFor } from './lambda/simulated-function.ts';
export { parseFunctionConfig, DEFAULT_FUNCTION_CONFIG, type ParseConfigResult } from './lambda/function-config.ts';
export { toInvokeResponse, buildReport } from './report/invoke-response.ts';
export { DEFAULT_EPOCH_MS } from './clock/virtual-clock.ts';
export * from './lambda/limits.ts';
export { runLoad, poissonArrivals, throttledRecord, DEFAULT_ACCOUNT_CONCURRENCY, type LoadRunOptions, type LoadRunResult, type LoadRequest, type Arrivals } from './load/load-run.ts';
export { aggregateMetrics, type MetricsPeriod, type MetricsTotals, type DurationStats } from './load/metrics.ts';
export { createEnvironmentPool, type EnvironmentOptions, type EnvironmentPool, type SimEnvironment } from './load/environments.ts';
export * from './async/async-invoke.ts';
export { runSqsTrigger, createSqsEvent, checkBatchResponse, type SqsTriggerOptions, type SqsTriggerResult, type SqsEventRecord, type SqsMessageInput, type BatchVerdict } from './async/sqs.ts';
export * from './aws/index.ts';

/** Options of {@link createSimulator}. */
export interface SimulatorOptions {
  /** The QuickJS wasm module (a SYNC variant), injected by the caller; needed unless `executor` is given. */
  quickjs?: QuickJSWASMModule;
  /** What runs the function (default: the QuickJS sandbox built from `quickjs`). See `executor/types.ts`. */
  executor?: Executor;
  /** Wall clock for the runaway-CPU guard only (default Date.now). Never used for simulated time. */
  wallClock?: () => number;
  /** Wall-clock budget per init or invocation before the guard ends it as a timeout, ms (default 5,000). */
  wallBudgetMs?: number;
  /** Most real QuickJS heap one sandbox environment may use, bytes (default 384 MiB); see SimulatorLimitError. */
  realMemoryBudgetBytes?: number;
  /** Seed for request ids, log stream names and Math.random (default 1). */
  seed?: number;
  /** Simulation epoch, Unix ms (default 2026-01-01T00:00:00.000Z). */
  epochMs?: number;
  /** Simulated packages by bare specifier, e.g. `{ '@aws-sdk/client-s3': { source, format: 'cjs' } }`. */
  modules?: Record<string, SimModule>;
  /** Resolver consulted after `modules` for bare specifiers. */
  resolveModule?: ModuleResolver;
  /** Host services reachable from simulated packages via `require('lambda-triage:host').call()`. */
  services?: ServiceBridge;
}

/** A simulator: one virtual clock and one id generator shared by its functions. */
export interface Simulator {
  /** Create a function from a partial config and a map of files (`{ 'index.mjs': source }`). Throws on invalid config. */
  createFunction: (config: Partial<FunctionConfig>, files: Record<string, string>) => SimFunction;
  /** Current virtual time, Unix ms. */
  now: () => number;
}

/** Create a simulator. */
export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = createVirtualClock(options.epochMs ?? DEFAULT_EPOCH_MS);
  const random = createSeededRandom(options.seed ?? 1);
  const executor = chooseExecutor(options);
  return {
    now: () => clock.epochNowMs(),
    createFunction(config, files) {
      const parsed = parseFunctionConfig(config);
      if (!parsed.ok) throw new Error(parsed.error);
      return createSimFunction(parsed.config, files, { executor, clock, random, services: options.services });
    },
  };
}
