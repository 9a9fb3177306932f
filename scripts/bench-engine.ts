/**
 * Engine bench: cold start, warm invocation, a simulated 900 s timeout, 1,000 warm invocations and a
 * load run of 1,000 requests over many environments, preparing 1 MB of user code (wall-clock ms on this machine). `npm run bench` calls benchEngine(); run directly to print.
 */
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { createAwsWorld, createSimulator } from '../src/engine/index.ts';
import { buildLargeBundle } from '../tests/fixtures/large-bundle.ts';
import { runLoad } from '../src/engine/load/load-run.ts';
import { prepareUserSource } from '../src/engine/sandbox/user-source.ts';
import { HANDLER_SAMPLES } from '../src/playground/samples.ts';

/** Measure the engine figures. */
export async function benchEngine(): Promise<Array<{ name: string; value: number; unit: string }>> {
  const t0 = performance.now();
  const quickjs = await newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
  const sim = createSimulator({ quickjs });
  const fn = sim.createFunction({}, { 'index.mjs': 'let n = 0; export const handler = async (e) => ({ n: ++n, e });' });
  await fn.invoke({ a: 1 });
  const cold = performance.now() - t0;
  const t1 = performance.now();
  await fn.invoke({ a: 1 });
  const warm = performance.now() - t1;
  const t2 = performance.now();
  for (let i = 0; i < 1000; i++) await fn.invoke({ a: i });
  const thousand = performance.now() - t2;
  fn.dispose();
  const slow = sim.createFunction({ timeoutSeconds: 900 }, { 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 1e9)); };' });
  const t3 = performance.now();
  const r = await slow.invoke({});
  const timeout = performance.now() - t3;
  slow.dispose();
  if (r.outcome !== 'timeout') throw new Error('bench: expected a timeout');
  // 1,000 requests at 100/s, each busy for 1 virtual second, unreserved: about 100 environments.
  const t4 = performance.now();
  const load = await runLoad({
    quickjs,
    config: {},
    files: { 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 1000)); return { statusCode: 200, body: "ok" }; };' },
    frontDoor: 'apigw-rest',
    input: { request: { method: 'GET', path: '/' } },
    requests: 1000,
    arrivals: { rate: 100 },
  });
  const loadMs = performance.now() - t4;
  if (load.totals.Invocations !== 1000) throw new Error('bench: expected 1,000 invocations in the load run');
  // Loading user code parses it once (async functions routed through the rejection tracker, column
  // map for stack frames). 1 MB of async functions, twice: in 100 module scopes (a bundle that keeps
  // modules apart) and all at the top level (scope-hoisted: acorn's duplicate-name checks grow with
  // the number of top-level names, so this is the slow case).
  const fnText = (i: number): string => `async function f${i}(a) { const r = await g(a, { k: [1, 2, 3] }); return r?.x ?? null; }\n`;
  let hoisted = '';
  for (let i = 0; hoisted.length < 1_000_000; i++) hoisted += 'export ' + fnText(i);
  let scoped = '';
  for (let m = 0, i = 0; scoped.length < 1_000_000; m++) {
    scoped += `export const m${m} = (() => {\n`;
    for (let k = 0; k < 120; k++, i++) scoped += fnText(i);
    scoped += `  return { f${i - 1} };\n})();\n`;
  }
  const prepareMs = (text: string): number => {
    const t = performance.now();
    if (!prepareUserSource(text, 'esm').transformed) throw new Error('bench: expected the file to be transformed');
    return performance.now() - t;
  };
  prepareMs(Array.from({ length: 200 }, (_, i) => 'export ' + fnText(i)).join('')); // warm the parser up first
  const scopedMs = prepareMs(scoped);
  const hoistedMs = prepareMs(hoisted);
  // A 1.2 MB esbuild bundle of real packages (zod, uuid, Powertools, middy): wall time from a new function to its
  // first result, i.e. module load, parse, init and one invocation.
  const bundle = buildLargeBundle();
  const world = createAwsWorld({});
  const bundleSim = createSimulator({ quickjs, resolveModule: world.resolveModule, services: world.services });
  const tb = performance.now();
  const big = bundleSim.createFunction({ timeoutSeconds: 10 }, bundle);
  const bigRecord = await big.invoke({});
  const bundleMs = performance.now() - tb;
  big.dispose();
  if (bigRecord.outcome !== 'success') throw new Error(`bench: the 1.2 MB bundle ended ${bigRecord.outcome}: ${bigRecord.errorMessage}`);
  const bundleKb = Math.round((bundle['index.js'] ?? '').length / 1024);
  // The playground's out-of-memory sample (a cache of 1 MB buffers): wall time of one cold invocation at
  // 128 MB (ends in Runtime.OutOfMemory) and at 1024 MB (succeeds).
  const oomSample = HANDLER_SAMPLES.find((s) => s.id === 'oom')?.code ?? '';
  const oomWall = async (memoryMB: number, expected: string): Promise<number> => {
    const f = sim.createFunction({ memoryMB }, { 'index.mjs': oomSample });
    const t = performance.now();
    const rec = await f.invoke({});
    const ms = performance.now() - t;
    f.dispose();
    if (rec.outcome !== expected) throw new Error(`bench: the out-of-memory sample at ${memoryMB} MB ended ${rec.outcome}, expected ${expected}`);
    return ms;
  };
  const oom128Ms = await oomWall(128, 'out-of-memory');
  const oom1024Ms = await oomWall(1024, 'success');
  return [
    { name: `engine 1.2 MB bundled handler (${bundleKb} KiB), wall time to first result`, value: round(bundleMs), unit: 'ms' },
    { name: `engine 1.2 MB bundled handler, simulated Init Duration`, value: round(bigRecord.initDurationMs ?? 0), unit: 'ms' },
    { name: 'engine out-of-memory sample at 128 MB (Runtime.OutOfMemory), wall time', value: round(oom128Ms), unit: 'ms' },
    { name: 'engine out-of-memory sample at 1024 MB (success), wall time', value: round(oom1024Ms), unit: 'ms' },
    { name: 'engine cold start (module load + first invocation)', value: round(cold), unit: 'ms' },
    { name: 'engine prepare 1 MB of user code in module scopes (parse, async rewrite, column map)', value: round(scopedMs), unit: 'ms' },
    { name: 'engine prepare 1 MB of user code, 12,000 top-level functions', value: round(hoistedMs), unit: 'ms' },
    { name: 'engine warm invocation', value: round(warm), unit: 'ms' },
    { name: 'engine simulated 900 s timeout', value: round(timeout), unit: 'ms' },
    { name: 'engine 1,000 warm invocations', value: round(thousand), unit: 'ms' },
    { name: `engine load run 1,000 requests (${load.environmentsCreated} environments)`, value: round(loadMs), unit: 'ms' },
  ];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await benchEngine()) console.log(`${f.name}: ${f.value} ${f.unit}`);
}
