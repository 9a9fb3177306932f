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
  const sim = createSimulator({ quickjs, ...options });
  const fn = sim.createFunction(config, files);
  const out: InvocationRecord[] = [];
  try {
    for (const e of events) out.push(await fn.invoke(e));
  } finally {
    fn.dispose();
  }
  return out;
}

/** First record of a single invocation. */
export async function once(
  files: Record<string, string>,
  event: unknown = {},
  config: Partial<FunctionConfig> = {},
  options: Partial<SimulatorOptions> = {},
): Promise<InvocationRecord> {
  const [r] = await run(files, [event], config, options);
  if (!r) throw new Error('no record');
  return r;
}

/** Console lines (not platform lines) of a record, with the timestamp and request id columns removed. */
export function messages(r: InvocationRecord): string[] {
  return r.logs.filter((l) => /^\d{4}-\d\d-\d\dT[^\t]*\t/.test(l)).map((l) => l.split('\t').slice(2).join('\t'));
}
