/**
 * Faster fresh interpreters: Pyodide's start-up (unpacking the standard library, initialising CPython and its
 * own Python package) takes about 1.5–2 s per instance in Node; restoring a memory snapshot of a freshly started
 * instance takes about a quarter of that. The first call starts one instance, takes the snapshot and hands that
 * instance out; every later call returns a new instance restored from the snapshot, so environments still share
 * nothing.
 * The snapshot options (`_makeSnapshot`, `_loadSnapshot`, `makeMemorySnapshot`) are Pyodide's experimental API
 * (pyodide.d.ts of pyodide 314.0.8); when they are missing or fail, every call starts Pyodide normally.
 */
import type { PyodideLike } from '../executor/python-executor.ts';

/** Pyodide's `loadPyodide` as the loader needs it. */
export type LoadPyodideWithSnapshots = (options?: { _makeSnapshot?: boolean; _loadSnapshot?: Uint8Array }) => Promise<unknown>;

/** Wrap `loadPyodide` so that each call returns a fresh instance restored from one shared start-up snapshot. */
export function createSnapshotPyodideLoader(loadPyodide: LoadPyodideWithSnapshots): () => Promise<PyodideLike> {
  let snapshot: Promise<Uint8Array | null> | null = null;
  // The instance the snapshot was taken from serves the first environment (a one-environment CLI run pays
  // for one start only).
  let first: PyodideLike | null = null;
  const takeSnapshot = async (): Promise<Uint8Array | null> => {
    try {
      const base = (await loadPyodide({ _makeSnapshot: true })) as PyodideLike & { makeMemorySnapshot?: () => Uint8Array };
      if (typeof base.makeMemorySnapshot !== 'function') return null;
      const snap = base.makeMemorySnapshot();
      first = base;
      return snap;
    } catch {
      return null;
    }
  };
  return async () => {
    snapshot ??= takeSnapshot();
    const snap = await snapshot;
    if (first) {
      const instance = first;
      first = null;
      return instance;
    }
    if (snap) {
      try {
        return (await loadPyodide({ _loadSnapshot: snap })) as PyodideLike;
      } catch {
        // Fall through to a normal start.
      }
    }
    return (await loadPyodide()) as PyodideLike;
  };
}
