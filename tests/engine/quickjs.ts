/** One QuickJS wasm module shared by all engine tests (loading it takes ~30 ms; runtimes are per function). */
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';

let modulePromise: Promise<QuickJSWASMModule> | null = null;

/** The shared QuickJS module (RELEASE_SYNC variant). */
export function getTestQuickJS(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
  return modulePromise;
}
