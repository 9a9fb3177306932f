/** Shared helpers for engine tests. */
import { createSimulator, type SimulatorOptions } from '../../src/engine/index.ts';
import type { FunctionConfig, InvocationRecord } from '../../src/engine/types.ts';
import { getTestQuickJS } from './quickjs.ts';

/** Create a function on a fresh simulator (shared QuickJS module), run `events` in order, dispose. */
export async function run(
  files: Record<string, string>,
  events: unknown[] = [{}],
  config: Partial<FunctionConfig> = {},
  options: Partial<SimulatorOptions> = {},
): Promise<InvocationRecord[]> {
  const quickjs = await getTestQuickJS();
  return runOnSimulator({ quickjs, ...options }, files, events, config);
}

/**
 * Create a function on a fresh simulator built from `simulator` (a QuickJS module, or an `executor` such as the
 * Python or Node runner's), run `events` in order, dispose. The one loop behind every executor's `run` helper.
 */
export async function runOnSimulator(
  simulator: SimulatorOptions,
  files: Record<string, string>,
  events: unknown[],
  config: Partial<FunctionConfig>,
): Promise<InvocationRecord[]> {
  const fn = createSimulator(simulator).createFunction(config, files);
  const out: InvocationRecord[] = [];
  try {
    for (const e of events) out.push(await fn.invoke(e));
  } finally {
    fn.dispose();
  }
  return out;
}

/** The only record of a one-invocation run; throws when the run left none. */
export function onlyRecord(records: InvocationRecord[]): InvocationRecord {
  const [r] = records;
  if (!r) throw new Error('no record');
  return r;
}

/** First record of a single invocation. */
export async function once(
  files: Record<string, string>,
  event: unknown = {},
  config: Partial<FunctionConfig> = {},
  options: Partial<SimulatorOptions> = {},
): Promise<InvocationRecord> {
  return onlyRecord(await run(files, [event], config, options));
}

/** Console lines (not platform lines) of a record, with the timestamp and request id columns removed. */
export function messages(r: InvocationRecord): string[] {
  return r.logs.filter((l) => /^\d{4}-\d\d-\d\dT[^\t]*\t/.test(l)).map((l) => l.split('\t').slice(2).join('\t'));
}
