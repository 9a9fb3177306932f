/**
 * The runtime parts (src/engine/sandbox/prelude-parts.ts) are evaluated on first use: a plain invocation evaluates
 * none, and each part, once used, gives the runtime its full behaviour. The counts come from
 * runtimePartEvaluations(), which the sandbox bumps each time it evaluates a part in an environment.
 */
import { describe, expect, it } from 'vitest';
import { RUNTIME_PART_NAMES, runtimePartEvaluations } from '../../../src/engine/sandbox/prelude-parts.ts';
import { messages, once } from '../helpers.ts';

/** The parts evaluated while `work` runs, by name (each count is the number of environments that evaluated it). */
async function partsEvaluatedBy(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = runtimePartEvaluations();
  await work();
  const out: Record<string, number> = {};
  for (const [name, n] of runtimePartEvaluations()) {
    const d = n - (before.get(name) ?? 0);
    if (d > 0) out[name] = d;
  }
  return out;
}

describe('runtime parts evaluated on first use', () => {
  it('a plain invocation (ESM and CommonJS, a result, log lines of text) evaluates no part', async () => {
    const esm = await partsEvaluatedBy(async () => {
      const r = await once({ 'index.mjs': 'export const handler = async () => { console.log("hello", "world"); console.warn("done"); return { statusCode: 200, body: "ok" }; };' });
      expect(r.outcome).toBe('success');
      expect(messages(r)).toEqual(['INFO\thello world', 'WARN\tdone']);
    });
    expect(esm).toEqual({});
    const cjs = await partsEvaluatedBy(async () => {
      const r = await once({ 'index.js': 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });' }, { a: 1 });
      expect(r.result).toEqual({ statusCode: 200, body: '{"a":1}' });
    });
    expect(cjs).toEqual({});
  });

  it('inspect: a logged value that is not text (or a format directive) evaluates it, with Node\'s formatting', async () => {
    const parts = await partsEvaluatedBy(async () => {
      const r = await once({ 'index.mjs': 'export const handler = async () => { console.log("n =", 42, { a: [1, "x"] }); console.log("%s!", "hi"); console.log("%"); };' });
      expect(messages(r)).toEqual(["INFO\tn = 42 { a: [ 1, 'x' ] }", 'INFO\thi!', 'INFO\t%']);
    });
    expect(parts).toEqual({ inspect: 1 });
  });

  it('every part it knows is one of those this test file checks', () => {
    expect([...RUNTIME_PART_NAMES].sort()).toEqual(['encoding', 'errors', 'inspect', 'url', 'v8-messages', 'web']);
  });

  it('encoding: Buffer, TextEncoder, TextDecoder, btoa and atob work when first read, evaluated once per environment', async () => {
    const src = [
      'export const handler = async () => {',
      '  const b = Buffer.from("héllo €", "utf8");',
      '  const again = Buffer.from(b.toString("base64"), "base64");',
      '  const text = new TextDecoder().decode(new TextEncoder().encode("ünï"));',
      '  return [b.length, again.toString(), b.toString("hex"), text, btoa("hi"), atob("aGk="), btoa.name, Buffer.name, Buffer.isBuffer(b), b instanceof Uint8Array];',
      '};',
    ].join('\n');
    const parts = await partsEvaluatedBy(async () => {
      const r = await once({ 'index.mjs': src });
      expect(r.result).toEqual([10, 'héllo €', '68c3a96c6c6f20e282ac', 'ünï', 'aGk=', 'hi', '', 'Buffer', true, true]);
    });
    expect(parts).toEqual({ encoding: 1 });
  });

  it('encoding: a global assigned before its first read keeps the program\'s value; the others still load', async () => {
    const r = await once({ 'index.mjs': 'globalThis.btoa = () => "mine"; export const handler = async () => [btoa("x"), atob("eA=="), Object.getOwnPropertyDescriptor(globalThis, "Buffer").writable];' });
    expect(r.result).toEqual(['mine', 'x', true]);
  });

  it('url: URL and URLSearchParams work when first read, and require("url") gives the same classes', async () => {
    const src = [
      'const url = require("url");',
      'exports.handler = async () => {',
      '  const u = new URL("/a/b?x=1&y=two+words#h", "https://User:pw@Example.com:8443/base/");',
      '  const q = new URLSearchParams({ a: "1 2", b: "&" });',
      '  return [u.href, u.host, u.searchParams.get("y"), q.toString(), url.URL === URL, url.URLSearchParams === URLSearchParams];',
      '};',
    ].join('\n');
    const parts = await partsEvaluatedBy(async () => {
      const r = await once({ 'index.js': src });
      expect(r.result).toEqual(['https://example.com:8443/a/b?x=1&y=two+words#h', 'example.com:8443', 'two words', 'a=1+2&b=%26', true, true]);
    });
    expect(parts).toEqual({ url: 1 });
  });

  it('errors: a thrown TypeError reads as V8 words it, with Node\'s frames, once the part is evaluated', async () => {
    const parts = await partsEvaluatedBy(async () => {
      const r = await once({ 'index.mjs': 'export const handler = async (event) => {\n  return event.missing.deep;\n};' });
      const payload = JSON.parse(r.payload ?? 'null') as { errorType: string; errorMessage: string; trace: string[] };
      expect(payload.errorType).toBe('TypeError');
      expect(payload.errorMessage).toBe("Cannot read properties of undefined (reading 'deep')");
      expect(payload.trace[1]).toBe('    at Runtime.handler (file:///var/task/index.mjs:2:24)');
    });
    expect(parts.errors).toBe(1);
    expect(parts['v8-messages']).toBe(1);
  });

  it('errors: an awaited rejection gets its `at async` line', async () => {
    const src = [
      'async function inner() { await null; throw new Error("deep"); }',
      'async function outer() { await inner(); }',
      'export const handler = async () => { await outer(); };',
    ].join('\n');
    const r = await once({ 'index.mjs': src });
    const payload = JSON.parse(r.payload ?? 'null') as { errorMessage: string; trace: string[] };
    expect(payload.errorMessage).toBe('deep');
    expect(payload.trace).toContain('    at async outer (file:///var/task/index.mjs:2:26)');
  });
});
