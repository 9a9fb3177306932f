import { describe, expect, it } from 'vitest';
import { quarantinedRuntimeCount } from '../../../src/engine/sandbox/sandbox.ts';
import { once, run } from '../helpers.ts';

describe('containment and disposal', () => {
  it('ordinary outcomes free every runtime (no JS_FreeRuntime leak assertion, nothing quarantined)', async () => {
    const before = quarantinedRuntimeCount();
    await run({ 'index.mjs': 'export const handler = async (e) => { if (e.t) throw new Error("x"); return 1; };' }, [{}, { t: 1 }, {}]);
    await once({ 'index.mjs': 'export const handler = async () => { while (true) {} };' }, {}, { timeoutSeconds: 1 });
    await once({ 'index.mjs': 'export const handler = async () => "x".repeat(6291556);' }, {}, { memoryMB: 1024 });
    expect(quarantinedRuntimeCount()).toBe(before);
  });

  it('handler code has no host access: fetch and fs fail clearly', async () => {
    const r = await once({ 'index.mjs': 'import fs from "node:fs"; export const handler = async () => { const out = []; try { await fetch("https://x"); } catch (e) { out.push(e.message); } try { fs.readFileSync("/etc/passwd"); } catch (e) { out.push(e.message); } out.push(typeof window, typeof document); return out; };' });
    expect(r.result).toEqual([
      'fetch() is not available in the Lambda Triage simulator (no network, no file system, no host access).',
      'fs.readFileSync() is not available in the Lambda Triage simulator (no network, no file system, no host access).',
      'undefined',
      'undefined',
    ]);
  });

  it('JSON log format (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html; https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a/src/LogPatch.js)', async () => {
    const r = await once({ 'index.mjs': 'export const handler = async () => { console.log({ a: 1 }); console.log("n=%d", 5); };' }, {}, { logFormat: 'JSON' });
    const lines = r.logs.filter((l) => l.includes('"level"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ timestamp: expect.stringMatching(/Z$/), level: 'INFO', requestId: r.requestId, message: { a: 1 } });
    expect(lines[1]?.['message']).toBe('n=5');
    expect(r.logs.at(-1)).toContain('"type":"platform.report"');
  });
});
