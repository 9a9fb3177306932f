/**
 * src/cli/quickjs.ts: the CLI's QuickJS copies strings into wasm memory with Node's native UTF-8 encoder. Every
 * string must reach QuickJS exactly as it does through Emscripten's own functions (held here against a module
 * without the change), including the strings that keep Emscripten's path (short ones, lone surrogates).
 */
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import { describe, expect, it } from 'vitest';
import { NATIVE_UTF8_MIN_CHARS, loadQuickJS, useNativeUtf8 } from '../../src/cli/quickjs.ts';

const long = (unit: string): string => unit.repeat(Math.ceil((NATIVE_UTF8_MIN_CHARS * 2) / unit.length));

/** Strings of every UTF-8 length class, below and above the threshold, well-formed and not. */
const SAMPLES: Record<string, string> = {
  'short ASCII': 'hello',
  'long ASCII': long('abc 123 '),
  'long 2-byte': long('é ü ß '),
  'long 3-byte': long('€ → ≈ '),
  'long 4-byte': long('😀 𝄞 '),
  'long mixed': long('a é € 😀 '),
  'long with NUL': long('a\u0000b'),
  'long lone high surrogate': long('x\uD800y'),
  'long lone low surrogate': long('x\uDC00y'),
  'exactly the threshold': 'q'.repeat(NATIVE_UTF8_MIN_CHARS),
};

/** What QuickJS sees of `text`: its length, its code units, and the text the host reads back. */
function seenBy(quickjs: QuickJSWASMModule, text: string): { length: number; units: number[]; back: string; evaluated: string } {
  const ctx = quickjs.newContext();
  try {
    const h = ctx.newString(text);
    const lengthH = ctx.getProp(h, 'length');
    const length = ctx.getNumber(lengthH);
    lengthH.dispose();
    const unitsR = ctx.evalCode('(s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i))');
    const fn = ctx.unwrapResult(unitsR);
    const unitsH = ctx.unwrapResult(ctx.callFunction(fn, ctx.undefined, h));
    const units = ctx.dump(unitsH) as number[];
    unitsH.dispose();
    fn.dispose();
    const back = ctx.getString(h);
    h.dispose();
    // evalCode copies its source with the same functions: a string literal of the text.
    const evaluated = ctx.dump(ctx.unwrapResult(ctx.evalCode(JSON.stringify(text)))) as string;
    return { length, units, back, evaluated };
  } finally {
    ctx.dispose();
  }
}

describe('the CLI QuickJS: native UTF-8 string transfer', () => {
  it('every sample reaches QuickJS exactly as through Emscripten\'s own functions', async () => {
    const plain = await newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
    const fast = await loadQuickJS();
    for (const [name, text] of Object.entries(SAMPLES)) {
      expect(seenBy(fast, text), name).toEqual(seenBy(plain, text));
    }
    // Well-formed text arrives unchanged.
    expect(seenBy(fast, SAMPLES['long mixed']!).back).toBe(SAMPLES['long mixed']);
  });

  it('is applied once and says so; a module without Emscripten\'s string functions is left alone', async () => {
    const quickjs = await newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
    const mod = (quickjs as unknown as { module: { stringToUTF8: unknown } }).module;
    const original = mod.stringToUTF8;
    expect(useNativeUtf8(quickjs)).toBe(true);
    const patched = mod.stringToUTF8;
    expect(patched).not.toBe(original);
    expect(useNativeUtf8(quickjs)).toBe(true);
    expect(mod.stringToUTF8).toBe(patched);
    expect(useNativeUtf8({ module: {} } as unknown as QuickJSWASMModule)).toBe(false);
  });
});
