/**
 * Pyodide's start-up snapshot kept in the browser's Cache Storage (src/worker/pyodide-snapshot-cache.ts), with an
 * in-memory Cache Storage and Node's own Response, CompressionStream and DecompressionStream (the same web APIs the
 * worker uses). playground-python.spec.ts checks the real thing in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { createSnapshotPyodideLoader, type LoadPyodideWithSnapshots } from '../../src/engine/python/pyodide-loader.ts';
import type { PyodideLike } from '../../src/engine/executor/python-executor.ts';
import {
  browserSnapshotKey,
  browserSnapshotPersistence,
  createCacheSnapshotStore,
  SNAPSHOT_CACHE_NAME,
  snapshotWritesSettled,
  type SnapshotCachePlatform,
} from '../../src/worker/pyodide-snapshot-cache.ts';

/** A Cache Storage in memory: cache name → (URL → stored response). */
function memoryCaches() {
  const caches = new Map<string, Map<string, Response>>();
  const platform: SnapshotCachePlatform = {
    caches: {
      open: async (name: string) => {
        const entries = caches.get(name) ?? new Map<string, Response>();
        caches.set(name, entries);
        return {
          match: async (url: string) => entries.get(url)?.clone(),
          put: async (url: string, response: Response) => {
            entries.set(url, response);
          },
        } as unknown as Cache;
      },
    },
    CompressionStream,
    DecompressionStream,
  };
  return { platform, caches };
}

/** Bytes that compress as a wasm heap does (long runs of zeros between some data). */
function heapLike(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 97) bytes[i] = i % 251;
  return bytes;
}

const URL_ = 'https://example.test/pyodide/startup-snapshot';

describe('createCacheSnapshotStore', () => {
  it('reads null before the first write, then the bytes written, stored gzip-compressed', async () => {
    const { platform, caches } = memoryCaches();
    const store = createCacheSnapshotStore(platform, URL_);
    expect(await store.read()).toBeNull();
    const bytes = heapLike(1 << 20);
    await store.write(bytes);
    await snapshotWritesSettled();
    const stored = caches.get(SNAPSHOT_CACHE_NAME)!.get(URL_)!;
    const packed = new Uint8Array(await stored.clone().arrayBuffer());
    expect([packed[0], packed[1]]).toEqual([0x1f, 0x8b]); // the gzip magic
    expect(packed.length).toBeLessThan(bytes.length / 4);
    expect(await store.read()).toEqual(bytes);
  });

  it('a second write replaces the first, even when it is smaller and compressed sooner: one entry, the last written', async () => {
    const { platform, caches } = memoryCaches();
    const store = createCacheSnapshotStore(platform, URL_);
    await store.write(heapLike(1 << 22));
    await store.write(new Uint8Array([4, 5]));
    await snapshotWritesSettled();
    expect(caches.get(SNAPSHOT_CACHE_NAME)!.size).toBe(1);
    expect(Array.from((await store.read())!)).toEqual([4, 5]);
  });

  it('write returns before the snapshot is compressed and stored, and a failing cache throws nothing', async () => {
    const { platform } = memoryCaches();
    let puts = 0;
    const failing: SnapshotCachePlatform = {
      ...platform,
      caches: {
        open: async () =>
          ({
            match: async () => undefined,
            put: async () => {
              puts++;
              throw new DOMException('Quota exceeded', 'QuotaExceededError');
            },
          }) as unknown as Cache,
      },
    };
    const store = createCacheSnapshotStore(failing, URL_);
    await expect(store.write(heapLike(1 << 16))).resolves.toBeUndefined();
    expect(puts).toBe(0);
    await snapshotWritesSettled();
    expect(puts).toBe(1);
    expect(await store.read()).toBeNull();
  });
});

describe('browserSnapshotPersistence', () => {
  it('is null without Cache Storage or compression streams (Python then starts normally on each visit)', () => {
    expect(browserSnapshotPersistence('https://example.test/pyodide/314.0.8/', '{}', {} as typeof globalThis)).toBeNull();
    const { platform } = memoryCaches();
    expect(browserSnapshotPersistence('https://example.test/pyodide/314.0.8/', '{}', { caches: platform.caches } as unknown as typeof globalThis)).toBeNull();
  });

  it('keys the snapshot by Pyodide folder, loader options, browser, time zone and locale; one entry per site', () => {
    const host = { userAgent: 'Chromium/147', timeZone: 'Europe/Paris', locale: 'fr-FR' };
    const key = browserSnapshotKey('https://example.test/pyodide/314.0.8/', '{"jsglobals":{}}', host);
    for (const part of ['314.0.8', '{"jsglobals":{}}', 'Chromium/147', 'Europe/Paris', 'fr-FR']) expect(key).toContain(part);
    expect(browserSnapshotKey('https://example.test/pyodide/314.0.8/', '{"jsglobals":{}}', { ...host, timeZone: 'UTC' })).not.toBe(key);
    expect(browserSnapshotKey('https://example.test/pyodide/315.0.0/', '{"jsglobals":{}}', host)).not.toBe(key);
    const { platform } = memoryCaches();
    const scope = { ...platform, navigator: { userAgent: 'Chromium/147' } } as unknown as typeof globalThis;
    expect(browserSnapshotPersistence('https://example.test/base/pyodide/314.0.8/', '{}', scope)?.key).toContain('Chromium/147');
  });
});

describe('a second visit', () => {
  /** A fake `loadPyodide` that records each kind of load; `_makeSnapshot` instances can take a snapshot. */
  function fakeLoad(calls: string[]): LoadPyodideWithSnapshots {
    const instance = (): PyodideLike & { makeMemorySnapshot: () => Uint8Array } =>
      ({ runPython: () => 4, makeMemorySnapshot: () => heapLike(4096) }) as unknown as PyodideLike & { makeMemorySnapshot: () => Uint8Array };
    return async (options) => {
      if (options?._loadSnapshot) {
        if (!options._loadSnapshot.every((b, i) => b === heapLike(4096)[i])) throw new Error('Snapshot has invalid magic number');
        calls.push('restore');
      } else calls.push(options?._makeSnapshot ? 'start with snapshot' : 'start');
      return instance();
    };
  }

  it('restores Python from the snapshot the first visit stored, without a start; another key starts again and replaces it', async () => {
    const { platform } = memoryCaches();
    const scope = (userAgent: string) => ({ ...platform, navigator: { userAgent } }) as unknown as typeof globalThis;
    const first: string[] = [];
    await createSnapshotPyodideLoader(fakeLoad(first), browserSnapshotPersistence('https://example.test/pyodide/314.0.8/', '{}', scope('A')) ?? undefined)();
    await snapshotWritesSettled();
    expect(first).toEqual(['start with snapshot']);

    const second: string[] = [];
    const loader = createSnapshotPyodideLoader(fakeLoad(second), browserSnapshotPersistence('https://example.test/pyodide/314.0.8/', '{}', scope('A')) ?? undefined);
    await loader();
    await loader();
    expect(second).toEqual(['restore', 'restore']);

    // An updated browser: the stored snapshot's key no longer matches, so Python starts and the entry is replaced.
    const updated: string[] = [];
    await createSnapshotPyodideLoader(fakeLoad(updated), browserSnapshotPersistence('https://example.test/pyodide/314.0.8/', '{}', scope('B')) ?? undefined)();
    await snapshotWritesSettled();
    expect(updated).toEqual(['start with snapshot']);
    const after: string[] = [];
    await createSnapshotPyodideLoader(fakeLoad(after), browserSnapshotPersistence('https://example.test/pyodide/314.0.8/', '{}', scope('B')) ?? undefined)();
    expect(after).toEqual(['restore']);
  });
});
