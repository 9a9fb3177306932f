/** Shared helpers for the project-loader tests: load a project from disk and run it in the sandbox. */
import { createSimulator } from '../../src/engine/index.ts';
import { createAwsWorld } from '../../src/engine/aws/index.ts';
import type { FunctionConfig, InvocationRecord } from '../../src/engine/types.ts';
import { loadProject, type LoadedProject } from '../../src/cli/project.ts';
import { getTestQuickJS } from '../engine/quickjs.ts';

/** Load `path` with the CLI's project loader (failing the test on a load error) and invoke it once per event. */
export async function runProject(
  path: string,
  events: unknown[] = [{}],
  opts: { handler?: string; config?: Partial<FunctionConfig>; state?: unknown } = {},
): Promise<{ project: LoadedProject; records: InvocationRecord[] }> {
  const loaded = loadProject({ path, handler: opts.handler });
  if (!loaded.ok) throw new Error(loaded.error);
  const world = createAwsWorld({ functionName: 'fn', roleName: 'fn-role', seed: 1, ...(opts.state === undefined ? {} : { state: opts.state }) });
  const sim = createSimulator({ quickjs: await getTestQuickJS(), resolveModule: world.resolveModule, services: world.services });
  const fn = sim.createFunction({ handler: loaded.value.handler, timeoutSeconds: 10, memoryMB: 512, ...opts.config }, loaded.value.files);
  const records: InvocationRecord[] = [];
  try {
    for (const e of events) records.push(await fn.invoke(e));
  } finally {
    fn.dispose();
  }
  return { project: loaded.value, records };
}
