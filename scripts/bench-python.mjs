// Python handlers' figures (prints, never asserts): what a browser would download to run Python (Pyodide's
// files from node_modules/pyodide, raw and gzipped), the time from nothing to the first result in Node
// (load Pyodide, cold start, first invoke) and a warm invoke. Run alone with `node scripts/bench-python.mjs`
// or as part of `npm run bench`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const pyodideDir = join(repo, 'node_modules', 'pyodide');

/** The files a browser fetches to start Pyodide (its loader, the wasm module and its JS glue, the standard library, the lock file). */
export const PYODIDE_RUNTIME_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/** Figures: [{ name, value, unit }]. */
export async function benchPython() {
  const figures = [];
  if (!existsSync(pyodideDir)) return [{ name: 'pyodide', value: 'not installed', unit: '' }];
  let raw = 0;
  let gz = 0;
  for (const f of PYODIDE_RUNTIME_FILES) {
    const bytes = readFileSync(join(pyodideDir, f));
    raw += statSync(join(pyodideDir, f)).size;
    gz += gzipSync(bytes).length;
  }
  figures.push({ name: 'Pyodide download (raw)', value: raw / 1024 / 1024, unit: 'MiB' });
  figures.push({ name: 'Pyodide download (each file gzipped)', value: gz / 1024 / 1024, unit: 'MiB' });

  const { loadPyodide } = await import('pyodide');
  const { createSimulator } = await import('../src/engine/index.ts');
  const { createPythonExecutor } = await import('../src/engine/executor/python-executor.ts');
  let loadMs = 0;
  const executor = createPythonExecutor({
    loadPyodide: async () => {
      const t = performance.now();
      const py = await loadPyodide();
      loadMs = performance.now() - t;
      return py;
    },
  });
  const sim = createSimulator({ executor });
  const fn = sim.createFunction(
    { runtime: 'python3.13', handler: 'lambda_function.lambda_handler' },
    { 'lambda_function.py': 'import json\n\ndef lambda_handler(event, context):\n    return {"statusCode": 200, "body": json.dumps(event)}\n' },
  );
  const t0 = performance.now();
  const first = await fn.invoke({ hello: 'world' });
  const firstMs = performance.now() - t0;
  if (first.outcome !== 'success') throw new Error(`the benchmark handler failed: ${first.errorType} ${first.errorMessage}`);
  figures.push({ name: 'Node: load Pyodide', value: loadMs, unit: 'ms' });
  figures.push({ name: 'Node: first result (load + cold start)', value: firstMs, unit: 'ms' });
  const runs = 20;
  const t1 = performance.now();
  for (let i = 0; i < runs; i++) await fn.invoke({ i });
  figures.push({ name: `Node: warm invoke (mean of ${runs})`, value: (performance.now() - t1) / runs, unit: 'ms' });
  // A CPU-bound loop through the executor (the watchdog polls and charges virtual CPU).
  const loop = sim.createFunction(
    { runtime: 'python3.13', handler: 'lambda_function.lambda_handler', timeoutSeconds: 900, memoryMB: 1769 },
    { 'lambda_function.py': 'def lambda_handler(event, context):\n    s = 0\n    for i in range(2_000_000):\n        s += i\n    return s\n' },
  );
  const pollRuns = 12;
  const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await loop.invoke({});
    times.push(performance.now() - t);
  }
  figures.push({ name: 'Node: 2 M-iteration loop through the executor', value: median(times), unit: 'ms' });
  // The watchdog's own cost: one bare Pyodide runs the same loop with a polling interrupt buffer and without,
  // alternately (separate instances differ by more than the effect, through JIT tiering).
  const bare = await loadPyodide();
  bare.runPython('def f():\n    s = 0\n    for i in range(2_000_000):\n        s += i\n    return s\n');
  let polls = 0;
  const guard = { get 0() { polls++; return 0; }, set 0(_v) {} };
  const on = [];
  const off = [];
  for (let i = 0; i < pollRuns; i++) {
    bare.setInterruptBuffer(guard);
    let t = performance.now();
    bare.runPython('f()');
    on.push(performance.now() - t);
    bare.setInterruptBuffer(undefined);
    t = performance.now();
    bare.runPython('f()');
    off.push(performance.now() - t);
  }
  figures.push({ name: `Node: same loop, watchdog poll on (median of ${pollRuns})`, value: median(on), unit: 'ms' });
  figures.push({ name: `Node: same loop, no poll (median of ${pollRuns})`, value: median(off), unit: 'ms' });
  figures.push({ name: 'Node: loop iterations per watchdog poll', value: 2_000_000 / (polls / pollRuns), unit: 'iterations' });
  fn.dispose();
  loop.dispose();
  // The CLI's loader: the first environment pays for one start plus the snapshot, later ones restore it.
  const { createSnapshotPyodideLoader } = await import('../src/engine/python/pyodide-loader.ts');
  const loader = createSnapshotPyodideLoader(loadPyodide);
  const snapSim = createSimulator({ executor: createPythonExecutor({ loadPyodide: loader }) });
  const cold = snapSim.createFunction(
    { runtime: 'python3.13', handler: 'lambda_function.lambda_handler' },
    { 'lambda_function.py': 'def lambda_handler(event, context):\n    return 1\n' },
  );
  const t4 = performance.now();
  await cold.invoke({});
  figures.push({ name: 'Node: first environment (snapshot loader)', value: performance.now() - t4, unit: 'ms' });
  const coldStarts = 5;
  const t5 = performance.now();
  for (let i = 0; i < coldStarts; i++) {
    cold.newEnvironment();
    await cold.invoke({});
  }
  figures.push({ name: `Node: later cold start (restored, mean of ${coldStarts})`, value: (performance.now() - t5) / coldStarts, unit: 'ms' });
  cold.dispose();
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { name, value, unit } of await benchPython()) {
    const shown = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value;
    console.log(`${name.padEnd(44)} ${String(shown).padStart(12)} ${unit}`);
  }
}
