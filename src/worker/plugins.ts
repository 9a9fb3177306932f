/**
 * Optional engine modules (Engine III: the simulated AWS world and load runs), found at build time,
 * and the adapters that fit them to the engine host. `import.meta.glob` yields an empty map when a
 * module does not exist, so the playground builds and runs without them.
 */
import type { ScenarioWorldFactory } from '../engine/scenarios/types.ts';
import type { AwsWorldFactory, LoadRunner } from './engine-host.ts';
import { adaptAwsModule, adaptLoadModule } from './plugin-adapters.ts';

/** What the worker found. */
export interface EnginePlugins {
  createAwsWorld?: AwsWorldFactory;
  /** Engine III's `createAwsWorld` as is: the world factory `runScenarioChecks` takes ("Check my fix"). */
  createScenarioWorld?: ScenarioWorldFactory;
  runLoad?: LoadRunner;
}

/** Load the optional modules that exist in this build. */
export async function loadPlugins(): Promise<EnginePlugins> {
  const found: EnginePlugins = {};
  const aws = Object.values(import.meta.glob<Record<string, unknown>>('../engine/aws/index.ts'))[0];
  const load = Object.values(import.meta.glob<Record<string, unknown>>('../engine/load/load-run.ts'))[0];
  const [awsModule, loadModule] = await Promise.all([aws?.(), load?.()]);
  const factory = awsModule ? adaptAwsModule(awsModule) : undefined;
  if (factory) found.createAwsWorld = factory;
  if (awsModule && typeof awsModule['createAwsWorld'] === 'function') found.createScenarioWorld = awsModule['createAwsWorld'] as ScenarioWorldFactory;
  const runner = loadModule ? adaptLoadModule(loadModule) : undefined;
  if (runner) found.runLoad = runner;
  return found;
}
