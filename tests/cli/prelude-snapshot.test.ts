/**
 * src/cli/prelude-snapshot.ts: a sandbox whose prelude start is restored from the snapshot behaves exactly as one
 * that compiled its prelude (the same records, byte for byte: logs, results, errors, Init Duration, memory); a
 * snapshot that does not fit is not used; a restore that does not check out is dropped.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/engine/index.ts';
import type { FunctionConfig, InvocationRecord } from '../../src/engine/types.ts';
import { PRELUDE_SNAPSHOT_THIS_PROGRAM, usePreludeSnapshot } from '../../src/cli/prelude-snapshot.ts';
import { loadQuickJS } from '../../src/cli/quickjs.ts';
import { newQuickJSWASMModuleFromVariant, newVariant, type CustomizeVariantOptions } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';

/** A fresh module as loadQuickJS makes one for the snapshot (same program name), nothing done with it yet. */
async function freshModule(): Promise<QuickJSWASMModule> {
  const emscriptenModule = { thisProgram: PRELUDE_SNAPSHOT_THIS_PROGRAM } as unknown as NonNullable<CustomizeVariantOptions['emscriptenModule']>;
  return newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { emscriptenModule }));
}

/** Handlers that reach most of the runtime: logs, inspect, errors and their frames, Buffer, URL, timers, init failures, limits. */
const CASES: Array<{ name: string; files: Record<string, string>; events?: unknown[]; config?: Partial<FunctionConfig>; outcome?: InvocationRecord['outcome'] }> = [
  { name: 'trivial', files: { 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: "ok" });' } },
  {
    name: 'logs, inspect, Buffer, URL, timers, warm state',
    files: {
      'index.js': [
        'let n = 0;',
        'exports.handler = async (event) => {',
        '  n++;',
        '  console.log("event", event, { nested: { deep: [1, 2, { x: "y" }] } }, new Map([["k", 1]]));',
        '  await new Promise((r) => setTimeout(r, 250));',
        '  const b = Buffer.from(JSON.stringify(event)).toString("base64");',
        '  return { n, b, url: new URL("/p?q=1", "https://example.com").href, now: Date.now(), rnd: Math.random() };',
        '};',
      ].join('\n'),
    },
    events: [{ a: 1 }, { b: 2 }],
  },
  { name: 'thrown TypeError with V8 frames', files: { 'index.mjs': 'export const handler = async (e) => {\n  return e.missing.deep;\n};' } },
  { name: 'unhandled rejection', files: { 'index.js': 'exports.handler = async () => { Promise.reject(new Error("later")); await new Promise((r) => setTimeout(r, 10)); return 1; };' } },
  { name: 'init failure: missing module', files: { 'index.js': 'require("not-here"); exports.handler = async () => 1;' } },
  { name: 'timeout', files: { 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 5000)); };' }, config: { timeoutSeconds: 1 }, outcome: 'timeout' },
  // Arrays allocated, not filled: filled element by element in QuickJS they took 11 s per sandbox to reach the memory
  // limit, against about 1 s; the outcome and the records compared are the same.
  { name: 'out of memory', files: { 'index.mjs': 'const keep = []; export const handler = async () => { for (;;) keep.push(new Array(100000)); };' }, outcome: 'out-of-memory' },
  { name: 'JSON log format, nodejs24.x', files: { 'index.mjs': 'export const handler = async () => { console.info({ level: "x" }); throw new RangeError("bad"); };' }, config: { logFormat: 'JSON', runtime: 'nodejs24.x' } },
];

async function records(quickjs: QuickJSWASMModule, c: (typeof CASES)[number]): Promise<InvocationRecord[]> {
  const fn = createSimulator({ quickjs }).createFunction(c.config ?? {}, c.files);
  const out: InvocationRecord[] = [];
  try {
    for (const e of c.events ?? [{}]) out.push(await fn.invoke(e));
  } finally {
    fn.dispose();
  }
  return out;
}

describe('the QuickJS prelude start-up snapshot', () => {
  it('is made on first use, then restored; a restored sandbox gives the same records as a compiled one', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lt-prelude-snap-')), 'prelude.snapshot');
    expect(usePreludeSnapshot(await freshModule(), path)).toBe('made');
    for (const c of CASES) {
      const restored = await freshModule();
      expect(usePreludeSnapshot(restored, path), c.name).toBe('restored');
      const compiled = await newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
      const fromSnapshot = await records(restored, c);
      expect(fromSnapshot, c.name).toEqual(await records(compiled, c));
      if (c.outcome) expect(fromSnapshot.map((r) => r.outcome), c.name).toEqual([c.outcome]);
    }
  }, 120_000);

  it('the snapshot serves one sandbox; the next sandboxes of the module compile their prelude and behave the same', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lt-prelude-snap-')), 'prelude.snapshot');
    usePreludeSnapshot(await freshModule(), path);
    const quickjs = await freshModule();
    expect(usePreludeSnapshot(quickjs, path)).toBe('restored');
    const c = CASES[1]!;
    const first = await records(quickjs, c);
    const second = await records(quickjs, c);
    expect(second).toEqual(first);
  }, 60_000);

  it('a snapshot of another prelude, another wasm file or a damaged file is not used: a new one is made', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lt-prelude-snap-')), 'prelude.snapshot');
    usePreludeSnapshot(await freshModule(), path);
    const good = readFileSync(path);
    const headerBytes = good.readUInt32LE(8);
    const header = JSON.parse(good.toString('utf8', 12, 12 + headerBytes)) as Record<string, unknown>;
    const withHeader = (h: Record<string, unknown>): Buffer => {
      const json = Buffer.from(JSON.stringify(h));
      const head = Buffer.alloc(12);
      good.copy(head, 0, 0, 8);
      head.writeUInt32LE(json.length, 8);
      return Buffer.concat([head, json, good.subarray(12 + headerBytes)]);
    };
    const preludeAt = 12 + headerBytes;
    const otherPrelude = Buffer.from(good);
    otherPrelude[preludeAt + 10] = otherPrelude[preludeAt + 10] === 0x61 ? 0x62 : 0x61;
    const damaged: Array<[string, Buffer]> = [
      ['another wasm file', withHeader({ ...header, wasmMtimeMs: 1 })],
      ['another variant', withHeader({ ...header, variant: '0.0.0' })],
      ['another prelude', otherPrelude],
      ['cut short', good.subarray(0, good.length - 100)],
      ['not a snapshot', Buffer.from('hello')],
    ];
    for (const [name, bytes] of damaged) {
      writeFileSync(path, bytes);
      expect(usePreludeSnapshot(await freshModule(), path), name).toBe('made');
      // The new one replaced it and restores (its bytes may differ from the first: QuickJS seeds its own
      // Math.random from the clock in each context, which the runtime replaces with its seeded one).
      expect(readFileSync(path).length, name).toBe(good.length);
      expect(usePreludeSnapshot(await freshModule(), path), name).toBe('restored');
    }
  }, 60_000);

  it('a restore that does not check out is dropped: loadQuickJS deletes the file and gives a working module without it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lt-prelude-snap-')), 'prelude.snapshot');
    usePreludeSnapshot(await freshModule(), path);
    const good = readFileSync(path);
    const headerBytes = good.readUInt32LE(8);
    const header = JSON.parse(good.toString('utf8', 12, 12 + headerBytes)) as { preludeFn: number };
    // The prelude function's pointer moved onto another value (the runtime's own pointer: not a function).
    const json = Buffer.from(JSON.stringify({ ...header, preludeFn: (header as unknown as { runtime: number }).runtime }));
    const head = Buffer.alloc(12);
    good.copy(head, 0, 0, 8);
    head.writeUInt32LE(json.length, 8);
    writeFileSync(path, Buffer.concat([head, json, good.subarray(12 + headerBytes)]));
    expect(usePreludeSnapshot(await freshModule(), path)).toBe('unusable');
    const quickjs = await loadQuickJS({ preludeSnapshot: true, preludeSnapshotPath: path });
    expect(() => readFileSync(path)).toThrow();
    const [r] = await records(quickjs, CASES[0]!);
    expect(r?.outcome).toBe('success');
  }, 60_000);
});
