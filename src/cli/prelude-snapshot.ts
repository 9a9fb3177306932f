/**
 * The QuickJS prelude start-up snapshot: a memory image of a fresh QuickJS module right after the sandbox's
 * `startPrelude` (a new runtime and context with the prelude compiled, src/engine/sandbox/sandbox.ts), kept on disk
 * so that later CLI runs restore it instead of compiling the prelude again. This QuickJS build has no bytecode
 * cache, and compiling the prelude was the largest single cost of a trivial `lambda-triage invoke` (≈ 18 ms of
 * ≈ 115 ms on 2 CPUs, its first compile also compiling QuickJS's own parser lazily to wasm). Like Pyodide's start-up
 * snapshot (python-project.ts), and unlike a cache of results: what is kept is the state every sandbox starts
 * from, before any configuration, handler or event is known; the first sandbox of a run takes it (createSandbox
 * then configures and calls the prelude as usual), the others start as before.
 *
 * The image is the module's whole memory as it stands after `startPrelude`: the pages that are not zero, and the
 * pages to clear (not zero in a fresh module, zero after startPrelude), so the restored module is in exactly that
 * state. A fresh module's memory is the same in every process but for the environment Emscripten writes into it:
 * its program name is fixed here (loadQuickJS passes PRELUDE_SNAPSHOT_THIS_PROGRAM) and its locale
 * (`LANG` from `navigator.language`) is part of the snapshot's name. A snapshot is used only when everything it
 * depends on matches: the QuickJS wasm file (size, time), the variant's version, the memory size and the prelude's
 * exact text; otherwise a run makes a new one (the same work a run without a snapshot does, plus ≈ 20 ms to
 * write ≈ 1 MB). Restoring one takes ≈ 2 ms. Nothing here throws: an unreadable, stale or unwritable snapshot only
 * means the sandbox compiles its prelude.
 */
import { accessSync, closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lifetime, QuickJSRuntime, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import { preludeSource, setPreludeStartSource, startPrelude, type PreludeStart } from '../engine/sandbox/sandbox.ts';

/** First bytes of a snapshot file (format version in the last two). */
const MAGIC = 'LTQJSPS2';
/** Granularity of the image: pages that are all zero are left out. */
const PAGE_BYTES = 4096;
const ZERO_PAGE = new Uint8Array(PAGE_BYTES);

/**
 * Emscripten's program name (`thisProgram`) for a module that uses the snapshot: otherwise `process.argv[1]`,
 * which Emscripten writes into the module's memory, would differ between `npx lambda-triage` and
 * `node bin/lambda-triage.mjs`. QuickJS never reads it.
 */
export const PRELUDE_SNAPSHOT_THIS_PROGRAM = './this.program';

/** What a snapshot's header records. */
interface SnapshotHeader {
  /** The QuickJS variant's package version and its wasm file (bytes, modification time). */
  variant: string;
  wasmBytes: number;
  wasmMtimeMs: number;
  /** Size of the module's memory, bytes. */
  memoryBytes: number;
  /** Pointers of the runtime, the context and the prelude function's value in the image. */
  runtime: number;
  context: number;
  preludeFn: number;
  /**
   * The runtime's second context, which quickjs-emscripten creates for `computeMemoryUsage` (startPrelude measures
   * the heap once), or null.
   */
  systemContext: number | null;
  interruptPolls: number;
  mallocSizeAddress: number | null;
  /** Indices of the pages stored, in order. */
  pages: number[];
  /** Indices of the pages to fill with zeros (not zero in a fresh module, zero in the image). */
  clear: number[];
  /** Bytes of the prelude text (UTF-8) stored after the header. */
  preludeBytes: number;
}

/** The internals of a QuickJS module that a restore needs (quickjs-emscripten-core 0.32). */
interface ModuleInternals {
  module: { HEAPU8: Uint8Array };
  ffi: { QTS_FreeRuntime: (rt: number) => void };
  callbacks: { deleteRuntime: (rt: number) => void };
}

function internalsOf(quickjs: QuickJSWASMModule): ModuleInternals | null {
  const q = quickjs as unknown as Partial<ModuleInternals>;
  if (!q.module || !(q.module.HEAPU8 instanceof Uint8Array)) return null;
  if (!q.ffi || typeof q.ffi.QTS_FreeRuntime !== 'function' || !q.callbacks || typeof q.callbacks.deleteRuntime !== 'function') return null;
  return q as ModuleInternals;
}

let variantPaths: { packageJson: string; wasm: string } | undefined;

/** The files the snapshot depends on: the QuickJS variant's package.json and wasm (found once per process). */
function variantFiles(): { packageJson: string; wasm: string } {
  if (!variantPaths) {
    // Where it is in this repository's node_modules, else where Node's resolution finds it (a hoisted install).
    const beside = fileURLToPath(new URL('../../node_modules/@jitl/quickjs-wasmfile-release-sync/package.json', import.meta.url));
    const packageJson = existsSync(beside) ? beside : createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/package.json');
    variantPaths = { packageJson, wasm: join(dirname(packageJson), 'dist', 'emscripten-module.wasm') };
  }
  return variantPaths;
}

/**
 * Where the CLI keeps the snapshot: `.cache/lambda-triage/quickjs/` in the node_modules that holds the QuickJS
 * variant (in this repository node_modules/.cache/lambda-triage/, beside the CLI bundle).
 */
export function preludeSnapshotPath(): string {
  const { packageJson } = variantFiles();
  // The locale Emscripten gives the module (LANG, see above) names the file, and so does the prelude's length, so
  // that the bundle's prelude and the sources' (LAMBDA_TRIAGE_FROM_SOURCE, with comments) keep a snapshot each.
  const locale = String((globalThis as { navigator?: { language?: unknown } }).navigator?.language ?? 'C').replace(/[^A-Za-z0-9_-]/g, '_');
  return join(dirname(dirname(dirname(packageJson))), '.cache', 'lambda-triage', 'quickjs', `prelude-${locale}-${preludeSource().length}.snapshot`);
}

/** Other snapshots (another prelude's, locale's) and unfinished writes older than this go when one is written. */
const OLD_SNAPSHOT_AGE_MS = 60 * 60 * 1000;

/** The header fields that must match for a snapshot to be used here (all but the pointers and pages). */
function expectedIdentity(memoryBytes: number): Pick<SnapshotHeader, 'variant' | 'wasmBytes' | 'wasmMtimeMs' | 'memoryBytes'> | null {
  try {
    const { packageJson, wasm } = variantFiles();
    const variant = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
    const st = statSync(wasm);
    return { variant: String(variant), wasmBytes: st.size, wasmMtimeMs: st.mtimeMs, memoryBytes };
  } catch {
    return null;
  }
}

/** What {@link usePreludeSnapshot} did. `unusable`: the module's memory was overwritten and did not check out. */
export type PreludeSnapshotOutcome = 'restored' | 'made' | 'unavailable' | 'unusable';

/**
 * Gives `quickjs`, a module nothing has used yet, a prelude start for its first sandbox: restored from the snapshot
 * at `path` when that matches, else made here (startPrelude) and written to `path` for the next run. Returns what it
 * did; after `unusable` the module must not be used (its memory holds a failed restore): create another one.
 */
export function usePreludeSnapshot(quickjs: QuickJSWASMModule, path: string): PreludeSnapshotOutcome {
  const internals = internalsOf(quickjs);
  if (!internals) return 'unavailable';
  const identity = expectedIdentity(internals.module.HEAPU8.length);
  if (!identity) return 'unavailable';
  const restored = restore(internals, path, identity);
  if (restored === 'unusable') return 'unusable';
  if (restored) {
    offerOnce(quickjs, restored);
    return 'restored';
  }
  // Only where a snapshot can be kept: making one costs ≈ 20 ms (two scans of the module's 16 MB memory).
  if (!writableFolder(dirname(path))) return 'unavailable';
  const fresh = nonZeroPages(internals.module.HEAPU8);
  const start = startPrelude(quickjs);
  write(internals, path, identity, start, fresh);
  offerOnce(quickjs, start);
  return 'made';
}

/** Whether files can be written in `dir` (created when missing). */
function writableFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Indices of the pages of `heap` that are not all zeros. */
function nonZeroPages(heap: Uint8Array): number[] {
  const view = Buffer.from(heap.buffer, heap.byteOffset, heap.length);
  const pages: number[] = [];
  for (let p = 0; p < heap.length / PAGE_BYTES; p++) {
    const at = p * PAGE_BYTES;
    if (!view.subarray(at, at + PAGE_BYTES).equals(ZERO_PAGE)) pages.push(p);
  }
  return pages;
}

/** The sandbox takes `start` for its first environment; later ones start as usual. */
function offerOnce(quickjs: QuickJSWASMModule, start: PreludeStart): void {
  let left: PreludeStart | null = start;
  setPreludeStartSource(quickjs, () => {
    const s = left;
    left = null;
    return s;
  });
}

/**
 * Reads and checks the snapshot's header and prelude text; null when there is none that fits. The pages are left in
 * the file (read straight into the module's memory by {@link restore}); `fd` is open unless null is returned.
 */
function readSnapshotHeader(path: string, identity: NonNullable<ReturnType<typeof expectedIdentity>>): { fd: number; header: SnapshotHeader; pagesAt: number } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) !== 12 || head.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a snapshot');
    const headerBytes = head.readUInt32LE(8);
    if (12 + headerBytes > size) throw new Error('cut short');
    const headerText = Buffer.alloc(headerBytes);
    if (readSync(fd, headerText, 0, headerBytes, 12) !== headerBytes) throw new Error('cut short');
    const header = JSON.parse(headerText.toString('utf8')) as SnapshotHeader;
    for (const k of ['variant', 'wasmBytes', 'wasmMtimeMs', 'memoryBytes'] as const) if (header[k] !== identity[k]) throw new Error('another module');
    const pointer = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0 && (v as number) < header.memoryBytes;
    if (![header.runtime, header.context, header.preludeFn].every(pointer) || !Number.isInteger(header.interruptPolls) || header.interruptPolls < 0) throw new Error('bad header');
    if (header.mallocSizeAddress !== null && !pointer(header.mallocSizeAddress)) throw new Error('bad header');
    if (header.systemContext !== null && !pointer(header.systemContext)) throw new Error('bad header');
    const preludeAt = 12 + headerBytes;
    const pagesAt = preludeAt + header.preludeBytes;
    if (!Array.isArray(header.pages) || !Array.isArray(header.clear) || pagesAt + header.pages.length * PAGE_BYTES !== size) throw new Error('cut short');
    const inMemory = (list: number[]): boolean => list.every((p, i) => Number.isInteger(p) && p >= 0 && (p + 1) * PAGE_BYTES <= header.memoryBytes && (i === 0 || p > (list[i - 1] as number)));
    if (!inMemory(header.pages) || !inMemory(header.clear)) throw new Error('bad header');
    const prelude = Buffer.alloc(header.preludeBytes);
    if (readSync(fd, prelude, 0, header.preludeBytes, preludeAt) !== header.preludeBytes || prelude.toString('utf8') !== preludeSource()) throw new Error('another prelude');
    return { fd, header, pagesAt };
  } catch {
    closeSync(fd);
    return null;
  }
}

function restore(internals: ModuleInternals, path: string, identity: NonNullable<ReturnType<typeof expectedIdentity>>): PreludeStart | null | 'unusable' {
  const snap = readSnapshotHeader(path, identity);
  if (!snap) return null;
  const { fd, header, pagesAt } = snap;
  const heap = internals.module.HEAPU8;
  // This fresh module's memory is the one the image was made from (same program name and locale): clear the pages
  // startPrelude left at zero and read the image's pages straight into place, a run of consecutive pages at a time.
  try {
    for (const p of header.clear) heap.fill(0, p * PAGE_BYTES, (p + 1) * PAGE_BYTES);
    for (let i = 0; i < header.pages.length; ) {
      let j = i + 1;
      while (j < header.pages.length && header.pages[j] === (header.pages[j - 1] as number) + 1) j++;
      const bytes = (j - i) * PAGE_BYTES;
      if (readSync(fd, heap, (header.pages[i] as number) * PAGE_BYTES, bytes, pagesAt + i * PAGE_BYTES) !== bytes) return 'unusable';
      i = j;
    }
  } catch {
    return 'unusable';
  } finally {
    closeSync(fd);
  }
  try {
    // As QuickJSWASMModule.newRuntime and QuickJSRuntime.newContext wrap new pointers (quickjs-emscripten-core 0.32).
    const rt = new Lifetime(header.runtime, undefined, (ptr: number) => {
      internals.ffi.QTS_FreeRuntime(ptr);
      internals.callbacks.deleteRuntime(ptr);
    });
    const runtime = new QuickJSRuntime({ module: internals.module, callbacks: internals.callbacks, ffi: internals.ffi, rt } as unknown as ConstructorParameters<typeof QuickJSRuntime>[0]);
    // The image has QuickJS's interrupt hook on (startPrelude's counter): a handler until createSandbox sets its own.
    runtime.setInterruptHandler(() => false);
    const context: QuickJSContext = runtime.newContext({ contextPointer: header.context as never });
    if (header.systemContext !== null) {
      // As QuickJSRuntime.getSystemContext keeps it: disposed with the runtime.
      const r = runtime as unknown as { context?: QuickJSContext; scope?: { manage: <T>(x: T) => T } };
      if (!r.scope || typeof r.scope.manage !== 'function') return 'unusable';
      r.context = r.scope.manage(runtime.newContext({ contextPointer: header.systemContext as never }));
    }
    const memory = (context as unknown as { memory?: { heapValueHandle?: (ptr: number) => QuickJSHandle } }).memory;
    if (!memory || typeof memory.heapValueHandle !== 'function') return 'unusable';
    const preludeFn = memory.heapValueHandle(header.preludeFn);
    if (context.typeof(preludeFn) !== 'function') return 'unusable';
    return { runtime, context, preludeFn, interruptPolls: header.interruptPolls, mallocSizeAddress: header.mallocSizeAddress };
  } catch {
    return 'unusable';
  }
}

/** Writes the image of the module's memory now (right after `start` was made on it), through a temporary file. */
function write(internals: ModuleInternals, path: string, identity: NonNullable<ReturnType<typeof expectedIdentity>>, start: PreludeStart, fresh: number[]): void {
  const heap = internals.module.HEAPU8;
  if (heap.length !== identity.memoryBytes) return; // the prelude made the memory grow: not kept
  const view = Buffer.from(heap.buffer, heap.byteOffset, heap.length);
  const pages = nonZeroPages(heap);
  const kept = new Set(pages);
  const clear = fresh.filter((p) => !kept.has(p));
  const prelude = Buffer.from(preludeSource(), 'utf8');
  const header: SnapshotHeader = {
    ...identity,
    runtime: (start.runtime as unknown as { rt: { value: number } }).rt.value,
    context: (start.context as unknown as { ctx: { value: number } }).ctx.value,
    preludeFn: (start.preludeFn as unknown as { value: number }).value,
    systemContext: (start.runtime as unknown as { context?: { ctx: { value: number } } }).context?.ctx.value ?? null,
    interruptPolls: start.interruptPolls,
    mallocSizeAddress: start.mallocSizeAddress,
    pages,
    clear,
    preludeBytes: prelude.length,
  };
  if (![header.runtime, header.context, header.preludeFn].every((p) => Number.isInteger(p) && p > 0)) return;
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(headerJson.length, 8);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, Buffer.concat([head, headerJson, prelude, ...pages.map((p) => view.subarray(p * PAGE_BYTES, (p + 1) * PAGE_BYTES))]));
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
    return;
  }
  removeOldSnapshots(dirname(path), path);
}

/** Deletes the other snapshots and unfinished writes in `dir` older than {@link OLD_SNAPSHOT_AGE_MS}. */
function removeOldSnapshots(dir: string, keep: string): void {
  try {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (full === keep || !/^prelude-.*\.snapshot(\.\d+\.tmp)?$/.test(name)) continue;
      if (Date.now() - statSync(full).mtimeMs > OLD_SNAPSHOT_AGE_MS) rmSync(full, { force: true });
    }
  } catch {
    // Cleaning up is optional.
  }
}
