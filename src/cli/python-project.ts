/**
 * Python handlers in the CLI: the project on disk → the files of the simulated `/var/task`, and the Python
 * executor with Pyodide loaded from the installed `pyodide` package (only when a Python handler runs).
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createContext, Script } from 'node:vm';
import { createPythonExecutor, type GuestCallResult, type PyodideLike } from '../engine/executor/python-executor.ts';
import type { Executor } from '../engine/executor/types.ts';
import { loadPythonSitePackages } from '../engine/python/site-packages.ts';
import { createSnapshotPyodideLoader, type LoadPyodideWithSnapshots } from '../engine/python/pyodide-loader.ts';
import { MAX_PROJECT_BYTES, MAX_PROJECT_FILES, type ProjectResult } from './project.ts';

/** Files copied into /var/task from a Python project: sources and small data files. Native extensions (.so) cannot run in Pyodide. */
const PYTHON_PROJECT_FILE = /\.(py|json|txt|csv|yaml|yml|cfg|ini|toml|pem|html|sql|md)$/i;

/** Folders never copied (caches, virtual environments, version control, build output). */
const SKIPPED_FOLDERS = new Set(['__pycache__', '.git', 'node_modules', '.venv', 'venv', '.aws-sam', '.mypy_cache', '.pytest_cache', '.tox']);

/** A loaded Python project. */
export interface LoadedPythonProject {
  /** Absolute path of the folder that becomes /var/task. */
  root: string;
  /** The handler string (`lambda_function.lambda_handler`). */
  handler: string;
  /** Files by path relative to /var/task. */
  files: Record<string, string>;
}

/** Is `path` a Python handler file (`*.py`)? */
export function isPythonFile(path: string): boolean {
  return /\.py$/i.test(path);
}

/**
 * Read a Python function: the handler file's folder (or the folder given) becomes /var/task with every
 * `.py` file below it (packages in folders included) and small data files. The default handler for
 * `lambda_function.py` is `lambda_function.lambda_handler`, the console's default name for Python
 * (https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html).
 */
export function loadPythonProject(opts: { path: string; handler?: string | undefined }): ProjectResult<LoadedPythonProject> {
  const given = resolve(opts.path);
  if (!existsSync(given)) return { ok: false, error: `handler file ${opts.path} does not exist: give the path of your handler file (lambda_function.py) or of the project folder with --handler` };
  const isDir = statSync(given).isDirectory();
  const root = isDir ? given : dirname(given);
  let handler: string;
  if (isDir) {
    if (!opts.handler) return { ok: false, error: `${opts.path} is a folder: name the handler inside it with --handler, e.g. --handler lambda_function.lambda_handler` };
    handler = opts.handler;
  } else {
    handler = opts.handler ?? `${basename(given).replace(/\.py$/i, '')}.lambda_handler`;
  }
  const files: Record<string, string> = {};
  let count = 0;
  let bytes = 0;
  const walk = (dir: string): string | null => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (e) {
      return `cannot read the folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
    }
    for (const name of entries) {
      const full = join(dir, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (SKIPPED_FOLDERS.has(name)) continue;
        const err = walk(full);
        if (err) return err;
        continue;
      }
      if (!st.isFile() || !PYTHON_PROJECT_FILE.test(name)) continue;
      count++;
      bytes += st.size;
      if (count > MAX_PROJECT_FILES) return `the project ${root} has more than ${MAX_PROJECT_FILES} files to copy; point at a smaller folder`;
      if (bytes > MAX_PROJECT_BYTES) return `the project ${root} holds more than ${MAX_PROJECT_BYTES / 1024 / 1024} MB of files to copy; point at a smaller folder`;
      files[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
    return null;
  };
  const err = walk(root);
  if (err) return { ok: false, error: err };
  return { ok: true, value: { root, handler, files } };
}

let packageLoader: (() => Promise<PyodideLike>) | null = null;

/** Load a fresh Pyodide from the installed `pyodide` package (a new interpreter per execution environment, restored from a start-up snapshot). */
export async function loadPyodideFromPackage(): Promise<PyodideLike> {
  if (!packageLoader) {
    const { loadPyodide } = await import('pyodide');
    packageLoader = createSnapshotPyodideLoader(loadPyodide as LoadPyodideWithSnapshots);
  }
  return packageLoader();
}

/** The `child_process` functions Emscripten (or code reaching JavaScript) could use to start host processes. */
const PROCESS_FUNCTIONS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

let guardDepth = 0;
let guardInstalled = false;

/**
 * While guest Python runs, `child_process` refuses to start processes. Pyodide in Node implements `system()`
 * with `child_process.spawnSync(command, { shell: true })` (Emscripten's `_emscripten_system` in
 * pyodide.asm.mjs), so without this `os.system("…")` in a handler would run a real shell command on this
 * machine. The guard is installed once and only refuses while Python runs, so the CLI's own use is untouched.
 */
export function createNodeHostGuard(): { enter: () => void; leave: () => void } {
  if (!guardInstalled) {
    guardInstalled = true;
    const cp = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
    for (const name of PROCESS_FUNCTIONS) {
      const original = cp[name];
      if (typeof original !== 'function') continue;
      cp[name] = function guarded(this: unknown, ...args: unknown[]): unknown {
        if (guardDepth > 0) throw new Error(`The simulator's Python runs no host processes (child_process.${name} refused).`);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
  }
  return {
    enter: () => {
      guardDepth++;
    },
    leave: () => {
      guardDepth = Math.max(0, guardDepth - 1);
    },
  };
}

/**
 * Wall time one call into Python may run beyond the executor's wall-clock budget before the CLI stops it, ms. The
 * poll-based guard ends an ordinary Python loop at the budget; only a call that never polls (C-level) lasts
 * this much longer. ILLUSTRATIVE.
 */
export const LONG_C_CALL_GRACE_MS = 2_000;

/** The `code` of node:vm's error when a `timeout` ended the script. */
const VM_TIMEOUT_CODE = 'ERR_SCRIPT_EXECUTION_TIMEOUT';

/**
 * The CLI's runner of guest Python calls (`runGuest` of the Python executor): each call runs under node:vm's
 * `timeout`, whose watchdog thread terminates the JavaScript and WebAssembly running on this thread. So a C-level
 * call that never polls the interrupt buffer (`sum(range(10**11))`) is stopped after the budget plus
 * {@link LONG_C_CALL_GRACE_MS} instead of hanging the CLI; the executor reports it as a timeout. Cost: node:vm starts
 * a watchdog thread per call, about 0.3 ms (measured 275 µs per call against 2.5 µs without a timeout).
 */
export function createVmGuestRunner(options: { graceMs?: number } = {}): (call: () => unknown, wallBudgetMs: number) => GuestCallResult {
  const grace = options.graceMs ?? LONG_C_CALL_GRACE_MS;
  const context = createContext({ call: null as null | (() => unknown) });
  const script = new Script('call()', { filename: 'lambda-triage-python-call.js' });
  return (call, wallBudgetMs) => {
    const started = Date.now();
    context['call'] = call;
    try {
      return { stopped: false, value: script.runInContext(context, { timeout: Math.max(1, Math.round(wallBudgetMs + grace)) }) as unknown };
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === VM_TIMEOUT_CODE) return { stopped: true, afterMs: Date.now() - started };
      throw error;
    } finally {
      context['call'] = null;
    }
  };
}

/** The Python executor the CLI uses: Pyodide from node_modules, the simulated boto3 when it is available, C-level calls stopped by the vm watchdog. */
export async function createCliPythonExecutor(options: { wallBudgetMs?: number; graceMs?: number } = {}): Promise<Executor> {
  const sitePackages = await loadPythonSitePackages();
  return createPythonExecutor({
    loadPyodide: loadPyodideFromPackage,
    sitePackages,
    hostGuard: createNodeHostGuard(),
    runGuest: createVmGuestRunner(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    ...(options.wallBudgetMs !== undefined ? { wallBudgetMs: options.wallBudgetMs } : {}),
  });
}
