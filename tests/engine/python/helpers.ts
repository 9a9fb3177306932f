/** Shared helpers for the Python executor's tests: a simulator whose functions run in Pyodide. */
import type { SimulatorOptions } from '../../../src/engine/index.ts';
import { createPythonExecutor, type PyodideLike, type PythonExecutorOptions } from '../../../src/engine/executor/python-executor.ts';
import type { FunctionConfig, InvocationRecord } from '../../../src/engine/types.ts';
import { createNodeHostGuard, loadPyodideFromPackage } from '../../../src/cli/python-project.ts';
import { onlyRecord, runOnSimulator } from '../helpers.ts';

/**
 * A fresh Pyodide (one per execution environment, as the executor asks), restored from a start-up snapshot: the
 * CLI's loader, so the snapshot on disk (node_modules/.cache/lambda-triage/pyodide/) spares every test file but
 * the first its own full start.
 */
export async function freshPyodide(): Promise<PyodideLike> {
  return loadPyodideFromPackage();
}

/** Defaults of the Python tests' functions. */
export const PY_CONFIG: Partial<FunctionConfig> = { runtime: 'python3.13', handler: 'lambda_function.lambda_handler' };

/** Create a Python function on a fresh simulator, run `events` in order, dispose. */
export async function runPy(
  files: Record<string, string>,
  events: unknown[] = [{}],
  config: Partial<FunctionConfig> = {},
  options: Partial<SimulatorOptions> = {},
  executorOptions: Partial<PythonExecutorOptions> = {},
): Promise<InvocationRecord[]> {
  const executor = createPythonExecutor({ loadPyodide: freshPyodide, hostGuard: createNodeHostGuard(), ...executorOptions });
  return runOnSimulator({ executor, ...options }, files, events, { ...PY_CONFIG, ...config });
}

/** First record of a single Python invocation. */
export async function oncePy(
  files: Record<string, string>,
  event: unknown = {},
  config: Partial<FunctionConfig> = {},
  options: Partial<SimulatorOptions> = {},
  executorOptions: Partial<PythonExecutorOptions> = {},
): Promise<InvocationRecord> {
  return onlyRecord(await runPy(files, [event], config, options, executorOptions));
}

/** One handler file `lambda_function.py`. */
export function handler(source: string): Record<string, string> {
  return { 'lambda_function.py': source };
}
