/**
 * Independent execution environments for runs that need more than one at a time (load runs) or that
 * move time forward between invocations (async retries, SQS polling). Each environment is its own
 * SimFunction with its own virtual clock, module state and id generator, so two environments can be
 * busy during the same span of virtual time. All clocks share one epoch: "time t" means the same
 * instant in every environment.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { createSeededRandom } from '../clock/seeded-random.ts';
import { createVirtualClock, DEFAULT_EPOCH_MS, type VirtualClock } from '../clock/virtual-clock.ts';
import { parseFunctionConfig } from '../lambda/function-config.ts';
import { createSimFunction, type InvokeOptions, type SimFunction } from '../lambda/simulated-function.ts';
import type { ModuleResolver, ServiceBridge, SimModule } from '../sandbox/sandbox.ts';
import type { Executor } from '../executor/types.ts';
import { chooseExecutor } from '../executor/sandbox-executor.ts';
import type { FunctionConfig, InvocationRecord } from '../types.ts';

/** What every environment of one function is built from (the same inputs as `createSimulator`). */
export interface EnvironmentOptions {
  /** The QuickJS wasm module; needed unless `executor` is given. */
  quickjs?: QuickJSWASMModule;
  /** What runs the function (default: the QuickJS sandbox). */
  executor?: Executor;
  config: Partial<FunctionConfig>;
  files: Record<string, string>;
  /** Seed of the run; each environment derives its own (default 1). */
  seed?: number;
  /** Simulation epoch, Unix ms (default 2026-01-01T00:00:00.000Z). */
  epochMs?: number;
  wallClock?: () => number;
  wallBudgetMs?: number;
  modules?: Record<string, SimModule>;
  resolveModule?: ModuleResolver;
  services?: ServiceBridge;
}

/** One execution environment with its own clock. */
export interface SimEnvironment {
  /** 0 for the first environment created, then 1, 2, … */
  readonly index: number;
  readonly fn: SimFunction;
  readonly clock: VirtualClock;
  /**
   * Invoke at virtual time `atMs` (ms since the epoch start). The environment's clock jumps forward to
   * `atMs`; it never goes back, so an environment still busy at `atMs` starts when it is free.
   */
  invokeAt: (atMs: number, event: unknown, opts?: InvokeOptions) => Promise<InvocationRecord>;
}

/** Creates environments of one function and frees them all at the end. */
export interface EnvironmentPool {
  readonly config: FunctionConfig;
  readonly epochMs: number;
  create: () => SimEnvironment;
  /** Environments created so far. */
  count: () => number;
  disposeAll: () => void;
}

/** Create a pool. Throws on an invalid configuration, like `createSimulator().createFunction`. */
export function createEnvironmentPool(options: EnvironmentOptions): EnvironmentPool {
  const parsed = parseFunctionConfig(options.config);
  if (!parsed.ok) throw new Error(parsed.error);
  const config = parsed.config;
  const epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
  const seeds = createSeededRandom(options.seed ?? 1);
  const executor = chooseExecutor(options);
  const envs: SimEnvironment[] = [];
  return {
    config,
    epochMs,
    create() {
      const clock = createVirtualClock(epochMs);
      const fn = createSimFunction(config, options.files, {
        executor,
        clock,
        random: createSeededRandom(seeds.nextUint32()),
        services: options.services,
      });
      const env: SimEnvironment = {
        index: envs.length,
        fn,
        clock,
        invokeAt(atMs, event, opts) {
          clock.advanceToMs(atMs);
          return fn.invoke(event, opts);
        },
      };
      envs.push(env);
      return env;
    },
    count: () => envs.length,
    disposeAll() {
      for (const e of envs) e.fn.dispose();
    },
  };
}
