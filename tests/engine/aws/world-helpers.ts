/** Helpers for AWS world tests: a simulator wired to a world. */
import { createSimulator, createAwsWorld, type AwsWorldOptions } from '../../../src/engine/index.ts';
import type { FunctionConfig } from '../../../src/engine/types.ts';
import { getTestQuickJS } from '../quickjs.ts';

/** Create a world and a function running `handler` (an ES module source) against it. */
export async function setup(handler: string, world: AwsWorldOptions = {}, config: Partial<FunctionConfig> = {}) {
  const quickjs = await getTestQuickJS();
  const w = createAwsWorld({ functionName: 'orders-fn', roleName: 'orders-role', accountId: '111122223333', ...world });
  const sim = createSimulator({ quickjs, resolveModule: w.resolveModule, services: w.services });
  const fn = sim.createFunction({ functionName: 'orders-fn', accountId: '111122223333', timeoutSeconds: 3, ...config }, { 'index.mjs': handler });
  return { world: w, fn, sim };
}

/** Invoke once and dispose. */
export async function runOnce(handler: string, world: AwsWorldOptions = {}, config: Partial<FunctionConfig> = {}, event: unknown = {}) {
  const s = await setup(handler, world, config);
  try {
    const record = await s.fn.invoke(event);
    return { record, world: s.world };
  } finally {
    s.fn.dispose();
  }
}

/**
 * A handler that runs `body` (async code using `send(client, Command, input)`) and returns
 * `{ ok: output }` or `{ err: { name, message, $fault, status } }` per step in `out`.
 */
export function stepsHandler(imports: string, body: string): string {
  return `${imports}
const out = [];
async function step(p) {
  try { const r = await p; const { $metadata, ...rest } = r; out.push({ ok: rest, status: $metadata.httpStatusCode }); return r; }
  catch (e) { out.push({ err: { name: e.name, message: e.message, fault: e.$fault, status: e.$metadata && e.$metadata.httpStatusCode, isService: e instanceof Error } }); return null; }
}
export const handler = async (event) => { out.length = 0; ${body}; return out; };`;
}
