/** Runtime id guard (vocabulary.ts lists the ids but has no guard). */
import { ALL_RUNTIMES, PYTHON_RUNTIMES, type RuntimeId } from '../vocabulary.ts';

/** Is `value` one of the supported runtime ids (Node.js or Python)? */
export function isRuntimeId(value: unknown): value is RuntimeId {
  return typeof value === 'string' && (ALL_RUNTIMES as readonly string[]).includes(value);
}

/** Is `runtime` a Python runtime (`python3.12`, `python3.13`, `python3.14`)? */
export function isPythonRuntime(runtime: unknown): runtime is (typeof PYTHON_RUNTIMES)[number] {
  return typeof runtime === 'string' && (PYTHON_RUNTIMES as readonly string[]).includes(runtime);
}
