/**
 * Python handlers in the CLI: the project on disk → the files of the simulated `/var/task`, and the Python
 * executor with Pyodide loaded from the installed `pyodide` package (only when a Python handler runs).
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createContext, Script } from 'node:vm';
import { createPythonExecutor, type GuestCallResult, type PyodideLike } from '../engine/executor/python-executor.ts';
import type { Executor } from '../engine/executor/types.ts';
import { loadPythonSitePackages } from '../engine/python/site-packages.ts';
import { createSnapshotPyodideLoader, SNAPSHOT_PREPARE_SOURCE, type LoadPyodideWithSnapshots, type PyodideSnapshotStore } from '../engine/python/pyodide-loader.ts';
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
  const root = isDir ? given : rootNamedByPythonHandler(given, opts.handler);
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

/**
 * The folder that becomes /var/task for a handler file: its own folder, unless the handler names the file from a
 * folder above it. The runtime imports the handler's module by name (`todos/create.create` imports `todos.create`:
 * `importlib.import_module(modname.replace("/", "."))` in the runtime interface client's bootstrap.py,
 * https://github.com/aws/aws-lambda-python-runtime-interface-client), so for `todos/create.py` with that handler the
 * folder holding `todos/` is the package's root, as `sls deploy` or `sam build` would package it.
 */
function rootNamedByPythonHandler(file: string, handler: string | undefined): string {
  const own = dirname(file);
  const dot = handler ? handler.lastIndexOf('.') : -1;
  if (!handler || dot <= 0) return own;
  const parts = handler.slice(0, dot).split(/[./]/);
  if (parts.length < 2 || parts.some((p) => p === '' || p === '..')) return own;
  const suffix = sep + parts.join(sep) + '.py';
  if (!file.endsWith(suffix)) return own;
  return file.slice(0, file.length - suffix.length) || sep;
}

/** Stored snapshots and unfinished writes older than this are deleted when a new snapshot is written (another key's, e.g. an older Pyodide's). */
const OLD_SNAPSHOT_AGE_MS = 60 * 60 * 1000;

/**
 * The folder of the stored Pyodide start-up snapshots: `.cache/lambda-triage/pyodide/` in the node_modules that
 * holds the `pyodide` package (in this repository node_modules/.cache/lambda-triage/, beside the CLI bundle).
 */
export function pyodideSnapshotDir(): string {
  return join(dirname(dirname(pyodidePackageJsonPath())), '.cache', 'lambda-triage', 'pyodide');
}

function pyodidePackageJsonPath(): string {
  return createRequire(import.meta.url).resolve('pyodide/package.json');
}

/**
 * The key of the stored snapshot: everything a snapshot of a freshly started Pyodide depends on. The loader takes
 * it straight after `loadPyodide` (the executor writes the runtime's files and runs its setup only afterwards, on
 * each instance), so nothing of ours is in it. What is: Pyodide's build (its package version), the options of
 * `loadPyodide` (none here beyond the snapshot ones), and what CPython reads from the host while it starts: the
 * time zone (`time.timezone`, `time.tzname`) and the locale (`LANG` from `navigator.language`). The Node.js major
 * version is in too, for the JavaScript values the snapshot refers to by path, and the Python run before the snapshot
 * is taken (SNAPSHOT_PREPARE_SOURCE).
 */
export function pyodideSnapshotKey(loadOptions = '{}'): string {
  const { version } = JSON.parse(readFileSync(pyodidePackageJsonPath(), 'utf8')) as { version: string };
  const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
  return [
    'lambda-triage pyodide start-up snapshot',
    `pyodide ${version}`,
    `loadPyodide options ${loadOptions}`,
    `node ${process.versions.node.split('.')[0]}`,
    `time zone ${timeZone}`,
    `locale ${locale}`,
    `prepared with ${SNAPSHOT_PREPARE_SOURCE}`,
  ].join('\n');
}

/**
 * A {@link PyodideSnapshotStore} in one file. Writes go to a temporary file renamed over it, so parallel processes
 * (Vitest's workers, CLI runs) read a whole snapshot or none. Nothing here throws: a folder that cannot be
 * created or written (a read-only install) only means no snapshot is kept.
 */
export function createFileSnapshotStore(path: string): PyodideSnapshotStore {
  return {
    async read() {
      try {
        return await readFile(path);
      } catch {
        return null;
      }
    },
    async write(bytes) {
      const dir = dirname(path);
      const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(tmp, bytes);
        await rename(tmp, path);
      } catch {
        await rm(tmp, { force: true }).catch(() => undefined);
        return;
      }
      await removeOldSnapshots(dir, path);
    },
  };
}

/** Delete other snapshots and unfinished writes in `dir` that are older than {@link OLD_SNAPSHOT_AGE_MS}. */
async function removeOldSnapshots(dir: string, keep: string): Promise<void> {
  try {
    for (const name of await readdir(dir)) {
      const full = join(dir, name);
      if (full === keep || !/\.snapshot(\..+\.tmp)?$/.test(name)) continue;
      const st = await stat(full).catch(() => null);
      if (st && Date.now() - st.mtimeMs > OLD_SNAPSHOT_AGE_MS) await rm(full, { force: true }).catch(() => undefined);
    }
  } catch {
    // Cleaning up is optional.
  }
}

/**
 * A Pyodide loader whose start-up snapshot is kept on disk between processes (see
 * `../engine/python/pyodide-loader.ts`): one file per key in `dir` (default {@link pyodideSnapshotDir}).
 */
export function createStoredSnapshotPyodideLoader(
  loadPyodide: LoadPyodideWithSnapshots,
  options: { dir?: string; /** The options `loadPyodide` passes to Pyodide, as text for the key (default `{}`). */ loadOptions?: string } = {},
): () => Promise<PyodideLike> {
  let key: string;
  let dir: string;
  try {
    key = pyodideSnapshotKey(options.loadOptions);
    dir = options.dir ?? pyodideSnapshotDir();
  } catch {
    // Pyodide's package.json cannot be read: no stored snapshot.
    return createSnapshotPyodideLoader(loadPyodide);
  }
  const file = join(dir, `pyodide-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.snapshot`);
  return createSnapshotPyodideLoader(loadPyodide, { store: createFileSnapshotStore(file), key });
}

let packageLoader: (() => Promise<PyodideLike>) | null = null;

/**
 * Load a fresh Pyodide from the installed `pyodide` package: a new interpreter per execution environment, restored
 * from a start-up snapshot kept on disk between processes (the CLI and the Python tests share it).
 */
export async function loadPyodideFromPackage(): Promise<PyodideLike> {
  if (!packageLoader) {
    const { loadPyodide } = await import('pyodide');
    packageLoader = createStoredSnapshotPyodideLoader(loadPyodide as LoadPyodideWithSnapshots);
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
