/**
 * The CLI's QuickJS: the RELEASE_SYNC WebAssembly variant, with its string transfer into wasm memory done
 * by Node's native UTF-8 encoder.
 *
 * Why: quickjs-emscripten copies every string it hands to QuickJS (each `evalCode` source, each `newString`)
 * with Emscripten's `lengthBytesUTF8` and `stringToUTF8`, two JavaScript loops over the string's code points.
 * The first sources a run evaluates are large (the prelude is ≈ 90 KB) and those loops are still cold then,
 * so V8 interprets them: measured ≈ 5-20 ms of a trivial `lambda-triage invoke` on 2 CPUs, against ≈ 0.5 ms
 * with `TextEncoder.encodeInto`. The bytes written are the same: UTF-8 has one encoding per well-formed
 * string, and a string with a lone surrogate (which Emscripten writes as its own 3-byte sequence where
 * TextEncoder writes U+FFFD) keeps Emscripten's functions.
 */
import { newQuickJSWASMModuleFromVariant, newVariant, type CustomizeVariantOptions, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { rmSync } from 'node:fs';
import { PRELUDE_SNAPSHOT_THIS_PROGRAM, preludeSnapshotPath, usePreludeSnapshot } from './prelude-snapshot.ts';

/** Strings shorter than this keep Emscripten's loops (a native call costs more than a short loop). */
export const NATIVE_UTF8_MIN_CHARS = 256;

/** The members of Emscripten's module object that the string transfer uses. */
interface EmscriptenStrings {
  HEAPU8: Uint8Array;
  lengthBytesUTF8: (s: string) => number;
  stringToUTF8: (s: string, ptr: number, maxBytes: number) => number;
}

function isEmscriptenStrings(m: unknown): m is EmscriptenStrings {
  const o = m as Partial<EmscriptenStrings> | null;
  return !!o && typeof o.lengthBytesUTF8 === 'function' && typeof o.stringToUTF8 === 'function' && o.HEAPU8 instanceof Uint8Array;
}

const patched = new WeakSet<object>();

/**
 * Makes `quickjs` copy strings of {@link NATIVE_UTF8_MIN_CHARS} characters or more into wasm memory with
 * `TextEncoder.encodeInto`. Returns false (and changes nothing) when the module does not have the Emscripten
 * members this relies on (another quickjs-emscripten build); calling it twice changes nothing more.
 */
export function useNativeUtf8(quickjs: QuickJSWASMModule): boolean {
  const mod: unknown = (quickjs as unknown as { module?: unknown }).module;
  if (!isEmscriptenStrings(mod)) return false;
  if (patched.has(mod)) return true;
  patched.add(mod);
  const encoder = new TextEncoder();
  const jsLength = mod.lengthBytesUTF8;
  const jsWrite = mod.stringToUTF8;
  mod.lengthBytesUTF8 = (s) => (s.length >= NATIVE_UTF8_MIN_CHARS && s.isWellFormed() ? Buffer.byteLength(s, 'utf8') : jsLength(s));
  mod.stringToUTF8 = (s, ptr, maxBytes) => {
    if (s.length < NATIVE_UTF8_MIN_CHARS || !(maxBytes > 0) || !s.isWellFormed()) return jsWrite(s, ptr, maxBytes);
    // Room for the terminating NUL, like Emscripten; encodeInto never writes a partial character either.
    // HEAPU8 is read now: Emscripten replaces the view when the wasm memory grows.
    const heap = mod.HEAPU8;
    const { written } = encoder.encodeInto(s, heap.subarray(ptr, ptr + maxBytes - 1));
    heap[ptr + written] = 0;
    return written;
  };
  return true;
}

/** Options of {@link loadQuickJS}. */
export interface LoadQuickJSOptions {
  /**
   * Start the module's first sandbox from the prelude start-up snapshot (prelude-snapshot.ts), restoring it or
   * making it for the next run. For commands that create a sandbox; harmless otherwise.
   */
  preludeSnapshot?: boolean;
  /** Where the snapshot is kept (default: preludeSnapshotPath()). */
  preludeSnapshotPath?: string;
}

/** A new QuickJS WebAssembly module (RELEASE_SYNC) with {@link useNativeUtf8} applied. */
export async function loadQuickJS(options: LoadQuickJSOptions = {}): Promise<QuickJSWASMModule> {
  // Emscripten reads Module.thisProgram (its typings here do not list it): see PRELUDE_SNAPSHOT_THIS_PROGRAM.
  const emscriptenModule = { thisProgram: PRELUDE_SNAPSHOT_THIS_PROGRAM } as unknown as NonNullable<CustomizeVariantOptions['emscriptenModule']>;
  const variant = options.preludeSnapshot ? newVariant(RELEASE_SYNC, { emscriptenModule }) : RELEASE_SYNC;
  const quickjs = await newQuickJSWASMModuleFromVariant(variant);
  useNativeUtf8(quickjs);
  if (options.preludeSnapshot) {
    const path = options.preludeSnapshotPath ?? preludeSnapshotPath();
    if (usePreludeSnapshot(quickjs, path) === 'unusable') {
      // The restore overwrote this module's memory and did not check out: drop both, start clean.
      rmSync(path, { force: true });
      return loadQuickJS({ ...options, preludeSnapshot: false });
    }
  }
  return quickjs;
}
