/**
 * Faster fresh interpreters: Pyodide's start-up (unpacking the standard library, initialising CPython and its
 * own Python package) takes about 1.5–2 s per instance in Node; restoring a memory snapshot of a freshly started
 * instance takes about a quarter of that. The first call starts one instance, takes the snapshot and hands that
 * instance out; every later call returns a new instance restored from the snapshot, so environments still share
 * nothing.
 * With a {@link PyodideSnapshotStore} (the CLI and the tests: a file under node_modules/.cache), the snapshot
 * also outlives the process: the next process restores its first instance from the stored snapshot instead of
 * starting one. A stored snapshot made under another key, or one that does not load, is replaced.
 * The snapshot options (`_makeSnapshot`, `_loadSnapshot`, `makeMemorySnapshot`) are Pyodide's experimental API
 * (pyodide.d.ts of pyodide 314.0.8); when they are missing or fail, every call starts Pyodide normally.
 */
import type { PyodideLike } from '../executor/python-executor.ts';

/** Pyodide's `loadPyodide` as the loader needs it. */
export type LoadPyodideWithSnapshots = (options?: { _makeSnapshot?: boolean; _loadSnapshot?: Uint8Array }) => Promise<unknown>;

/** Keeps one start-up snapshot between processes. The engine never picks one: the host injects it. */
export interface PyodideSnapshotStore {
  /** The stored bytes, or null when there are none. */
  read(): Promise<Uint8Array | null>;
  /** Replace the stored bytes, atomically: a reader running at the same time sees the old bytes or the new ones, never a part. */
  write(bytes: Uint8Array): Promise<void>;
}

/** A store and the key of the snapshot it should hold. */
export interface PyodideSnapshotPersistence {
  store: PyodideSnapshotStore;
  /**
   * Everything the snapshot depends on (Pyodide's version, the options `loadPyodide` is called with, the host's
   * time zone, {@link SNAPSHOT_PREPARE_SOURCE}…): stored bytes written under another key are ignored and replaced.
   */
  key: string;
}

/**
 * Python run in every instance restored from a snapshot before it is handed out. `random` is imported during
 * Pyodide's start-up, so a restored instance would repeat the generator state of the instance the snapshot was
 * taken from (every environment, and with a stored snapshot every process, drawing the same numbers):
 * `random.seed()` reseeds it from `os.urandom`. The value (4) shows the restored interpreter runs code; anything
 * else and the instance is dropped for a normal start.
 */
const RESTORED_INSTANCE_SOURCE = "__import__('random').seed() or 2 + 2";
const RESTORED_INSTANCE_VALUE = 4;

/**
 * Python run on the instance the snapshot is taken from, just before it is taken, so every instance restored from it
 * has the work done already. `_pydatetime`: the executor makes `datetime` the pure-Python module (it reads
 * `time.time()`, which runs on the virtual clock; the C accelerator would read the host's clock), and compiling that
 * module from Pyodide's standard library, which ships sources only, cost ≈ 100 ms of every environment's start
 * (measured in Node). Importing it reads no clock and changes no other module: `datetime` itself is still imported
 * by each environment, after the executor has set up the virtual clock (`time` is patched in place, and
 * `_pydatetime` looks `time.time` up at each call).
 */
export const SNAPSHOT_PREPARE_SOURCE = 'import _pydatetime';

/** The first bytes of a stored snapshot: the format's name and version. */
const STORED_MAGIC = 'LTPYSNP1';
/** Magic (8 bytes), header length, key length in UTF-16 code units, snapshot length (two u32). */
const STORED_FIXED_BYTES = 24;
/** The snapshot starts at a multiple of this, so Pyodide can view it as 32-bit words without a copy. */
const STORED_ALIGN = 16;

/**
 * The bytes a {@link PyodideSnapshotStore} keeps: a header naming the format and the key, then Pyodide's snapshot.
 * Little-endian, key as UTF-16 code units (the engine has no TextEncoder type).
 */
export function encodeStoredSnapshot(key: string, snapshot: Uint8Array): Uint8Array {
  const headerBytes = Math.ceil((STORED_FIXED_BYTES + key.length * 2) / STORED_ALIGN) * STORED_ALIGN;
  const out = new Uint8Array(headerBytes + snapshot.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < STORED_MAGIC.length; i++) view.setUint8(i, STORED_MAGIC.charCodeAt(i));
  view.setUint32(8, headerBytes, true);
  view.setUint32(12, key.length, true);
  view.setUint32(16, snapshot.length % 2 ** 32, true);
  view.setUint32(20, Math.floor(snapshot.length / 2 ** 32), true);
  for (let i = 0; i < key.length; i++) view.setUint16(STORED_FIXED_BYTES + i * 2, key.charCodeAt(i), true);
  out.set(snapshot, headerBytes);
  return out;
}

/** Pyodide's snapshot inside stored bytes, or null when they are not in this format, were written under another key, or are cut short. */
export function decodeStoredSnapshot(bytes: Uint8Array, key: string): Uint8Array | null {
  if (bytes.length < STORED_FIXED_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < STORED_MAGIC.length; i++) if (view.getUint8(i) !== STORED_MAGIC.charCodeAt(i)) return null;
  const headerBytes = view.getUint32(8, true);
  const keyLength = view.getUint32(12, true);
  const snapshotLength = view.getUint32(16, true) + view.getUint32(20, true) * 2 ** 32;
  if (keyLength !== key.length || headerBytes !== Math.ceil((STORED_FIXED_BYTES + keyLength * 2) / STORED_ALIGN) * STORED_ALIGN) return null;
  if (snapshotLength === 0 || headerBytes + snapshotLength !== bytes.length) return null;
  for (let i = 0; i < keyLength; i++) if (view.getUint16(STORED_FIXED_BYTES + i * 2, true) !== key.charCodeAt(i)) return null;
  const snapshot = bytes.subarray(headerBytes);
  // Pyodide reads the snapshot through a Uint32Array on the same buffer: the offset must be a multiple of 4.
  return snapshot.byteOffset % 4 === 0 ? snapshot : snapshot.slice();
}

/**
 * Wrap `loadPyodide` so that each call returns a fresh instance restored from one shared start-up snapshot;
 * with `persist`, that snapshot is read from (or, after a normal start, written to) its store.
 */
export function createSnapshotPyodideLoader(loadPyodide: LoadPyodideWithSnapshots, persist?: PyodideSnapshotPersistence): () => Promise<PyodideLike> {
  let snapshot: Promise<Uint8Array | null> | null = null;
  // The first instance (the one the snapshot was taken from, or the first restored from the store) serves the
  // first environment, so a one-environment CLI run pays for one start or one restore only.
  let first: PyodideLike | null = null;

  const restore = async (snap: Uint8Array): Promise<PyodideLike> => {
    const instance = (await loadPyodide({ _loadSnapshot: snap })) as PyodideLike;
    if (instance.runPython(RESTORED_INSTANCE_SOURCE) !== RESTORED_INSTANCE_VALUE) throw new Error('The instance restored from the snapshot does not run Python.');
    return instance;
  };

  const takeSnapshot = async (): Promise<Uint8Array | null> => {
    try {
      const base = (await loadPyodide({ _makeSnapshot: true })) as PyodideLike & { makeMemorySnapshot?: () => Uint8Array };
      if (typeof base.makeMemorySnapshot !== 'function') return null;
      base.runPython(SNAPSHOT_PREPARE_SOURCE);
      const snap = base.makeMemorySnapshot();
      first = base;
      if (persist) {
        try {
          await persist.store.write(encodeStoredSnapshot(persist.key, snap));
        } catch {
          // Not kept (a read-only install): the next process starts normally again.
        }
      }
      return snap;
    } catch {
      return null;
    }
  };

  const readStored = async (): Promise<Uint8Array | null> => {
    if (!persist) return null;
    let bytes: Uint8Array | null;
    try {
      bytes = await persist.store.read();
    } catch {
      return null;
    }
    const snap = bytes ? decodeStoredSnapshot(bytes, persist.key) : null;
    if (!snap) return null;
    try {
      first = await restore(snap);
      return snap;
    } catch {
      // A stored snapshot that does not load (another Pyodide build, damaged bytes) is replaced by takeSnapshot.
      return null;
    }
  };

  return async () => {
    snapshot ??= readStored().then((stored) => stored ?? takeSnapshot());
    const snap = await snapshot;
    if (first) {
      const instance = first;
      first = null;
      return instance;
    }
    if (snap) {
      try {
        return await restore(snap);
      } catch {
        // Fall through to a normal start.
      }
    }
    return (await loadPyodide()) as PyodideLike;
  };
}
