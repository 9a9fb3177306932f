/**
 * The snapshot loader (src/engine/python/pyodide-loader.ts) with a fake `loadPyodide` and an in-memory store: which
 * starts, restores, reads and writes happen, and that a stored snapshot that is corrupt or made under another key
 * falls back to a normal start and is replaced. No Pyodide here; tests/cli/pyodide-snapshot-store.test.ts runs the
 * real one from a snapshot on disk.
 */
import { describe, expect, it } from 'vitest';
import type { PyodideLike } from '../../../src/engine/executor/python-executor.ts';
import {
  createSnapshotPyodideLoader,
  decodeStoredSnapshot,
  encodeStoredSnapshot,
  SNAPSHOT_PREPARE_SOURCE,
  type LoadPyodideWithSnapshots,
  type PyodideSnapshotStore,
} from '../../../src/engine/python/pyodide-loader.ts';

const KEY = 'pyodide 314.0.8\nnode 22';

/** A snapshot the fake can restore: 32 bytes, the first one naming the start it came from. */
function fakeSnapshot(start: number): Uint8Array {
  const bytes = new Uint8Array(32);
  bytes[0] = 0xa0 + start;
  return bytes;
}

/** What a fake instance is: how it came about, and the Python it was asked to run. */
interface FakeInstance extends PyodideLike {
  origin: string;
  ran: string[];
}

/**
 * A fake `loadPyodide`. A normal start is `start N`; `_makeSnapshot` gives an instance with `makeMemorySnapshot`; a
 * `_loadSnapshot` of bytes this fake made restores (`restored from N`), any other bytes throw as Pyodide's
 * "Snapshot has invalid magic number" does. `runs` decides what `runPython` answers.
 */
function fakePyodide(options: { runs?: (origin: string) => boolean } = {}) {
  const calls: string[] = [];
  let starts = 0;
  const instance = (origin: string, extra: object = {}): FakeInstance => {
    const ran: string[] = [];
    return {
      origin,
      ran,
      runPython: (code: string) => {
        ran.push(code);
        return options.runs && !options.runs(origin) ? undefined : 4;
      },
      registerJsModule: () => undefined,
      setStdout: () => undefined,
      setStderr: () => undefined,
      setInterruptBuffer: () => undefined,
      FS: { mkdirTree: () => undefined, writeFile: () => undefined },
      _module: {},
      ...extra,
    };
  };
  const load: LoadPyodideWithSnapshots = async (opts) => {
    if (opts?._loadSnapshot) {
      const snap = opts._loadSnapshot;
      calls.push(`load snapshot ${snap[0]?.toString(16) ?? ''}`);
      if (snap.length !== 32 || (snap[0] ?? 0) < 0xa1) throw new Error('Snapshot has invalid magic number');
      return instance(`restored from ${(snap[0] ?? 0) - 0xa0}`);
    }
    starts++;
    const n = starts;
    if (opts?._makeSnapshot) {
      calls.push('start with snapshot');
      return instance(`start ${n}`, { makeMemorySnapshot: () => fakeSnapshot(n) });
    }
    calls.push('start');
    return instance(`start ${n}`);
  };
  return { load, calls };
}

/** An in-memory store that records its reads and writes. */
function memoryStore(initial: Uint8Array | null = null): PyodideSnapshotStore & { bytes: Uint8Array | null; reads: number; writes: number } {
  const store = {
    bytes: initial,
    reads: 0,
    writes: 0,
    async read() {
      store.reads++;
      return store.bytes;
    },
    async write(bytes: Uint8Array) {
      store.writes++;
      store.bytes = bytes.slice();
    },
  };
  return store;
}

const originOf = (py: PyodideLike): string => (py as FakeInstance).origin;

describe('createSnapshotPyodideLoader without a store', () => {
  it('starts one instance to snapshot, hands it out first, then restores every later one from the snapshot', async () => {
    const fake = fakePyodide();
    const loader = createSnapshotPyodideLoader(fake.load);
    const origins = [originOf(await loader()), originOf(await loader()), originOf(await loader())];
    expect(origins).toEqual(['start 1', 'restored from 1', 'restored from 1']);
    expect(fake.calls).toEqual(['start with snapshot', 'load snapshot a1', 'load snapshot a1']);
  });

  it('runs SNAPSHOT_PREPARE_SOURCE on the instance the snapshot is taken from, before it is taken', async () => {
    const fake = fakePyodide();
    let ranAtSnapshot: string[] | null = null;
    const load: LoadPyodideWithSnapshots = async (opts) => {
      const instance = (await fake.load(opts)) as FakeInstance & { makeMemorySnapshot?: () => Uint8Array };
      const take = instance.makeMemorySnapshot;
      if (take) instance.makeMemorySnapshot = () => ((ranAtSnapshot = [...instance.ran]), take());
      return instance;
    };
    const first = (await createSnapshotPyodideLoader(load)()) as FakeInstance;
    expect(ranAtSnapshot).toEqual([SNAPSHOT_PREPARE_SOURCE]);
    expect(first.ran).toEqual([SNAPSHOT_PREPARE_SOURCE]);
    expect(SNAPSHOT_PREPARE_SOURCE).toBe('import _pydatetime');
  });

  it('reseeds random in a restored instance and checks that it runs Python; one that does not is replaced by a normal start', async () => {
    const fake = fakePyodide({ runs: (origin) => !origin.startsWith('restored') });
    const loader = createSnapshotPyodideLoader(fake.load);
    await loader();
    const second = (await loader()) as FakeInstance;
    expect(second.origin).toBe('start 2');
    expect(fake.calls).toEqual(['start with snapshot', 'load snapshot a1', 'start']);

    const healthy = createSnapshotPyodideLoader(fakePyodide().load);
    await healthy();
    const restored = (await healthy()) as FakeInstance;
    expect(restored.ran).toEqual(["__import__('random').seed() or 2 + 2"]);
  });
});

describe('createSnapshotPyodideLoader with a store', () => {
  it('reads the store first and restores the first instance from a stored snapshot of its key: no start, no write', async () => {
    const fake = fakePyodide();
    const store = memoryStore(encodeStoredSnapshot(KEY, fakeSnapshot(7)));
    const loader = createSnapshotPyodideLoader(fake.load, { store, key: KEY });
    const origins = [originOf(await loader()), originOf(await loader())];
    expect(origins).toEqual(['restored from 7', 'restored from 7']);
    expect(fake.calls).toEqual(['load snapshot a7', 'load snapshot a7']);
    expect(store.reads).toBe(1);
    expect(store.writes).toBe(0);
  });

  it('with an empty store, starts as without one and writes the snapshot once, under its key', async () => {
    const fake = fakePyodide();
    const store = memoryStore();
    const loader = createSnapshotPyodideLoader(fake.load, { store, key: KEY });
    const instances = await Promise.all([loader(), loader(), loader()]);
    await loader();
    expect(instances.map(originOf)).toEqual(['start 1', 'restored from 1', 'restored from 1']);
    expect(fake.calls.filter((c) => c === 'start with snapshot')).toHaveLength(1);
    expect(store.reads).toBe(1);
    expect(store.writes).toBe(1);
    expect(decodeStoredSnapshot(store.bytes!, KEY)).toEqual(fakeSnapshot(1));

    // The next process restores from what was written.
    const next = fakePyodide();
    const nextLoader = createSnapshotPyodideLoader(next.load, { store, key: KEY });
    expect(originOf(await nextLoader())).toBe('restored from 1');
    expect(next.calls).toEqual(['load snapshot a1']);
  });

  it('falls back to a normal start when the stored snapshot does not load, and replaces it', async () => {
    const fake = fakePyodide();
    const corrupt = new Uint8Array(32).fill(0x13);
    const store = memoryStore(encodeStoredSnapshot(KEY, corrupt));
    const loader = createSnapshotPyodideLoader(fake.load, { store, key: KEY });
    expect(originOf(await loader())).toBe('start 1');
    expect(originOf(await loader())).toBe('restored from 1');
    expect(fake.calls).toEqual(['load snapshot 13', 'start with snapshot', 'load snapshot a1']);
    expect(store.writes).toBe(1);
    expect(decodeStoredSnapshot(store.bytes!, KEY)).toEqual(fakeSnapshot(1));
  });

  it('falls back when the instance restored from the store does not run Python, and replaces the snapshot', async () => {
    const fake = fakePyodide({ runs: (origin) => origin !== 'restored from 7' });
    const store = memoryStore(encodeStoredSnapshot(KEY, fakeSnapshot(7)));
    const loader = createSnapshotPyodideLoader(fake.load, { store, key: KEY });
    expect(originOf(await loader())).toBe('start 1');
    expect(fake.calls).toEqual(['load snapshot a7', 'start with snapshot']);
    expect(decodeStoredSnapshot(store.bytes!, KEY)).toEqual(fakeSnapshot(1));
  });

  it('ignores a snapshot stored under another key (never loads it) and replaces it', async () => {
    const fake = fakePyodide();
    const store = memoryStore(encodeStoredSnapshot('pyodide 0.27.0\nnode 22', fakeSnapshot(7)));
    const loader = createSnapshotPyodideLoader(fake.load, { store, key: KEY });
    expect(originOf(await loader())).toBe('start 1');
    expect(fake.calls).toEqual(['start with snapshot']);
    expect(store.writes).toBe(1);
    expect(decodeStoredSnapshot(store.bytes!, KEY)).toEqual(fakeSnapshot(1));
  });

  it('ignores stored bytes in another format or cut short, and replaces them', async () => {
    const whole = encodeStoredSnapshot(KEY, fakeSnapshot(7));
    for (const bytes of [new Uint8Array(0), new Uint8Array(100).fill(0x41), whole.subarray(0, whole.length - 1)]) {
      const fake = fakePyodide();
      const store = memoryStore(bytes);
      const loader = createSnapshotPyodideLoader(fake.load, { store, key: KEY });
      expect(originOf(await loader())).toBe('start 1');
      expect(fake.calls).toEqual(['start with snapshot']);
      expect(store.writes).toBe(1);
    }
  });

  it('still hands out instances when the store cannot be read or written', async () => {
    const fake = fakePyodide();
    const store: PyodideSnapshotStore = {
      read: () => Promise.reject(new Error('EACCES')),
      write: () => Promise.reject(new Error('EROFS')),
    };
    const loader = createSnapshotPyodideLoader(fake.load, { store, key: KEY });
    expect([originOf(await loader()), originOf(await loader())]).toEqual(['start 1', 'restored from 1']);
  });
});

describe('stored snapshot bytes', () => {
  it('round-trip under their key, with the snapshot at a 4-byte-aligned offset; any other key gives null', () => {
    const snap = new Uint8Array(64).map((_, i) => i);
    for (const key of ['', 'k', KEY, 'zone Europe/Zürich ✓']) {
      const stored = encodeStoredSnapshot(key, snap);
      const back = decodeStoredSnapshot(stored, key);
      expect(back).toEqual(snap);
      expect(back!.byteOffset % 4).toBe(0);
      expect(decodeStoredSnapshot(stored, `${key}x`)).toBeNull();
    }
    // Stored bytes read into an unaligned view are copied before Pyodide sees them.
    const stored = encodeStoredSnapshot(KEY, snap);
    const unaligned = new Uint8Array(stored.length + 1).subarray(1);
    unaligned.set(stored);
    const back = decodeStoredSnapshot(unaligned, KEY);
    expect(back).toEqual(snap);
    expect(back!.byteOffset % 4).toBe(0);
  });
});
