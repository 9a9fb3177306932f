/**
 * The browser's keeper of Pyodide's start-up snapshot: one entry in Cache Storage, gzip-compressed (31 MB of wasm
 * memory become about 6.5 MB). A reader's first Python run of a visit starts Pyodide normally (about 2.5 s) and
 * stores the snapshot; every later visit, and every engine restart after a runaway, restores from it instead
 * (about 0.3 s). The entry holds one snapshot at a time: a snapshot written under another key (a new Pyodide, another
 * time zone or browser) is simply replaced, so old versions do not pile up.
 *
 * Runs in the engine worker only (Cache Storage and CompressionStream exist in workers:
 * https://developer.mozilla.org/en-US/docs/Web/API/CacheStorage, https://developer.mozilla.org/en-US/docs/Web/API/CompressionStream).
 */
import { SNAPSHOT_PREPARE_SOURCE, type PyodideSnapshotPersistence, type PyodideSnapshotStore } from '../engine/python/pyodide-loader.ts';

/** Name of the Cache Storage cache that holds the snapshot (outside the offline worker's `workbox-precache-*` caches). */
export const SNAPSHOT_CACHE_NAME = 'lambda-triage-python-snapshot';

/** What the store needs from the platform; the worker passes its globals, a test passes its own. */
export interface SnapshotCachePlatform {
  caches: Pick<CacheStorage, 'open'>;
  CompressionStream: typeof CompressionStream;
  DecompressionStream: typeof DecompressionStream;
}

/** Writes still in progress (tests wait for them with {@link snapshotWritesSettled}). */
const pendingWrites = new Set<Promise<void>>();

/** Resolves when every snapshot write started so far has finished or failed. */
export async function snapshotWritesSettled(): Promise<void> {
  await Promise.allSettled([...pendingWrites]);
}

/** A {@link PyodideSnapshotStore} in the entry `url` of Cache Storage cache {@link SNAPSHOT_CACHE_NAME}. */
export function createCacheSnapshotStore(platform: SnapshotCachePlatform, url: string): PyodideSnapshotStore {
  // Writes go one after another, so the entry ends as the last one written (a small snapshot compresses sooner).
  let previous: Promise<void> = Promise.resolve();
  return {
    async read() {
      const cache = await platform.caches.open(SNAPSHOT_CACHE_NAME);
      const hit = await cache.match(url);
      if (!hit?.body) return null;
      const plain = new Response(hit.body.pipeThrough(new platform.DecompressionStream('gzip')));
      return new Uint8Array(await plain.arrayBuffer());
    },
    write(bytes) {
      // Kept in the background: the first run goes ahead while the snapshot is compressed (≈ 0.4 s) and stored. It is
      // compressed in full before the put, and Cache Storage replaces an entry only with a complete response, so a
      // reader never sees half a snapshot. A failure (quota, private mode) only means the next visit starts normally.
      const done = previous.then(async () => {
        const packed = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new platform.CompressionStream('gzip'))).arrayBuffer();
        const cache = await platform.caches.open(SNAPSHOT_CACHE_NAME);
        await cache.put(url, new Response(packed, { headers: { 'Content-Type': 'application/octet-stream' } }));
      });
      previous = done.catch(() => undefined);
      pendingWrites.add(done);
      void done.catch(() => undefined).finally(() => pendingWrites.delete(done));
      return Promise.resolve();
    },
  };
}

/**
 * Everything a snapshot of a freshly started Pyodide depends on in the browser (as the CLI's key, src/cli/python-project.ts
 * pyodideSnapshotKey): Pyodide's build (its folder, `indexURL`), the options `loadPyodide` gets, the browser (its
 * user agent string: another engine or version may lay out the JavaScript side differently), what CPython reads
 * from the host while it starts (the time zone and the locale), and the Python run before the snapshot is taken.
 */
export function browserSnapshotKey(indexURL: string, loadOptions: string, host: { userAgent: string; timeZone: string; locale: string }): string {
  return [
    'lambda-triage pyodide start-up snapshot (browser)',
    `pyodide ${indexURL}`,
    `loadPyodide options ${loadOptions}`,
    `browser ${host.userAgent}`,
    `time zone ${host.timeZone}`,
    `locale ${host.locale}`,
    `prepared with ${SNAPSHOT_PREPARE_SOURCE}`,
  ].join('\n');
}

/**
 * The persistence the worker's Python loader uses, or null where the platform has no Cache Storage or compression
 * streams (an insecure origin, an old browser): Python then starts normally on every visit.
 */
export function browserSnapshotPersistence(indexURL: string, loadOptions: string, scope: typeof globalThis = globalThis): PyodideSnapshotPersistence | null {
  const g = scope as Partial<SnapshotCachePlatform> & { navigator?: { userAgent?: string } };
  if (!g.caches || typeof g.CompressionStream !== 'function' || typeof g.DecompressionStream !== 'function') return null;
  const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
  // One entry per site (the folder above Pyodide's versioned one), whatever the Pyodide version.
  const url = new URL('../startup-snapshot', indexURL).href;
  return {
    store: createCacheSnapshotStore({ caches: g.caches, CompressionStream: g.CompressionStream, DecompressionStream: g.DecompressionStream }, url),
    key: browserSnapshotKey(indexURL, loadOptions, { userAgent: g.navigator?.userAgent ?? '', timeZone, locale }),
  };
}
