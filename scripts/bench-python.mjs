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
  // Watchdog overhead: the same CPU-bound loop with the guard polling (every invocation) — figure only.
  const loop = sim.createFunction(
    { runtime: 'python3.13', handler: 'lambda_function.lambda_handler', timeoutSeconds: 900, memoryMB: 1769 },
    { 'lambda_function.py': 'def lambda_handler(event, context):\n    s = 0\n    for i in range(2_000_000):\n        s += i\n    return s\n' },
  );
  const best = async (fn) => {
    let min = Infinity;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await fn();
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };
  figures.push({ name: 'Node: 2 M-iteration loop, warm (watchdog on, best of 5)', value: await best(() => loop.invoke({})), unit: 'ms' });
  // The same loop in a bare Pyodide (no interrupt-buffer poll): the watchdog's overhead is the difference.
  const bare = await loadPyodide();
  const loopSource = 'def f():\n    s = 0\n    for i in range(2_000_000):\n        s += i\n    return s\nf()\n';
  figures.push({ name: 'Node: same loop, bare Pyodide (no watchdog, best of 5)', value: await best(() => bare.runPython(loopSource)), unit: 'ms' });
  fn.dispose();
  loop.dispose();
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { name, value, unit } of await benchPython()) {
    const shown = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value;
    console.log(`${name.padEnd(44)} ${String(shown).padStart(12)} ${unit}`);
  }
}
