/**
 * The worker's Python: Pyodide loaded from the site's own copy (src/worker/pyodide-files.ts), only when a Python
 * handler first runs, and the engine's Python executor on top of it. Nothing here is imported by the page or by a
 * Node.js run: the engine host receives {@link createBrowserPythonProvider}'s result as an option.
 */
import { createPythonExecutor, createSnapshotPyodideLoader, type LoadPyodideWithSnapshots, type PyodideLike } from '../engine/index.ts';
import type { Executor } from '../engine/executor/types.ts';
import { loadPythonSitePackages } from '../engine/python/site-packages.ts';
import type { PythonProvider } from './engine-host.ts';
import { browserSnapshotPersistence } from './pyodide-snapshot-cache.ts';

/**
 * Most Python environments alive at once in the worker. Each is a whole Pyodide instance (tens of MB of
 * WebAssembly memory); the host keeps at most four warm functions, so eight leaves room for "Run in a new
 * environment" and "Check my fix" without letting a tab hold gigabytes. ILLUSTRATIVE: a browser budget, not an
 * AWS limit.
 */
export const MAX_BROWSER_PYTHON_ENVIRONMENTS = 8;

/** What {@link createBrowserPythonProvider} needs. */
export interface BrowserPythonOptions {
  /** URL of the folder with Pyodide's files, ending in `/` (`<origin><base>pyodide/<version>/`). */
  indexURL: string;
  /** Wall-clock budget per init or invocation (the worker's runaway guard), ms. */
  wallBudgetMs: number;
  /** Imports a module by URL (default: the platform's dynamic `import()`; a test passes its own). */
  importModule?: (url: string) => Promise<unknown>;
  /**
   * Makes the loader of fresh interpreters from Pyodide's `loadPyodide` (default: createSnapshotPyodideLoader with
   * the snapshot kept in Cache Storage, pyodide-snapshot-cache.ts). A Node test passes one that keeps it on disk.
   */
  createLoader?: (loadPyodide: LoadPyodideWithSnapshots) => () => Promise<PyodideLike>;
}

/**
 * A {@link PythonProvider} for the worker. `load()` imports Pyodide's loader from `indexURL`, starts one
 * interpreter (kept for the first environment, so the wait is paid while the page says "Loading Python") and
 * resolves to the Python executor; later environments are restored from Pyodide's start-up snapshot.
 * Python's `js` module is an empty object here (`jsglobals`), so user code that gets past the import wall still
 * finds no worker globals (`postMessage`, `fetch`) to call.
 */
export function createBrowserPythonProvider(options: BrowserPythonOptions): PythonProvider {
  const importModule = options.importModule ?? ((url: string) => import(/* @vite-ignore */ url) as Promise<unknown>);
  let loading: Promise<Executor> | null = null;
  let ready = false;
  const start = async (): Promise<Executor> => {
    const mod = (await importModule(`${options.indexURL}pyodide.mjs`)) as { loadPyodide?: unknown };
    if (typeof mod.loadPyodide !== 'function') throw new Error(`${options.indexURL}pyodide.mjs has no loadPyodide`);
    const loadPyodide = mod.loadPyodide as (config: Record<string, unknown>) => Promise<unknown>;
    const withSnapshots: LoadPyodideWithSnapshots = (extra) => loadPyodide({ indexURL: options.indexURL, jsglobals: Object.create(null) as object, ...(extra ?? {}) });
    // By default the start-up snapshot is also kept in Cache Storage, so the next visit (or the worker that replaces
    // one stopped by the watchdog) restores Python in a fraction of a start.
    const loader = (options.createLoader ?? ((load) => createSnapshotPyodideLoader(load, browserSnapshotPersistence(options.indexURL, '{"jsglobals":{}}') ?? undefined)))(withSnapshots);
    const [sitePackages, first] = await Promise.all([loadPythonSitePackages(), loader()]);
    let spare: PyodideLike | null = first;
    const next = async (): Promise<PyodideLike> => {
      if (spare) {
        const instance = spare;
        spare = null;
        return instance;
      }
      return loader();
    };
    const executor = createPythonExecutor({ loadPyodide: next, sitePackages, wallBudgetMs: options.wallBudgetMs, maxLiveEnvironments: MAX_BROWSER_PYTHON_ENVIRONMENTS });
    ready = true;
    return executor;
  };
  return {
    isReady: () => ready,
    load() {
      loading ??= start().catch((error: unknown) => {
        // A failed download (offline on the first visit) is tried again on the next Python run.
        loading = null;
        throw error;
      });
      return loading;
    },
  };
}
