import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/engine/index.ts';
import { quarantinedRuntimeCount } from '../../../src/engine/sandbox/sandbox.ts';
import { getTestQuickJS } from '../quickjs.ts';
import { HOSTILE_PROGRAMS } from './programs.ts';

const CLEAN = `export const handler = async () => ({
  polluted: ({}).polluted ?? null,
  json: JSON.stringify({ a: [1] }),
  arrays: typeof Array.prototype.push,
  logs: (console.log("still logging"), "ok"),
});`;

describe('hostile handler programs', () => {
  // Test files share their worker (isolate: false in vitest.config.ts), so the process-wide count already holds
  // what files before this one quarantined; this suite counts from where it starts.
  let baseline = 0;
  const quarantinedBy: { name: string; outcome: string }[] = [];
  beforeAll(() => {
    baseline = quarantinedRuntimeCount();
  });

  it('has at least 30 programs', () => {
    expect(HOSTILE_PROGRAMS.length).toBeGreaterThanOrEqual(30);
  });

  for (const program of HOSTILE_PROGRAMS) {
    it(`${program.name}: ends as a reported outcome and leaves nothing behind`, async () => {
      const quickjs = await getTestQuickJS();
      // A small wall budget keeps runaway loops short; time inside the sandbox stays virtual.
      const sim = createSimulator({ quickjs, wallBudgetMs: 400 });
      const fn = sim.createFunction(
        { timeoutSeconds: program.timeoutSeconds ?? 3, memoryMB: program.memoryMB ?? 128 },
        { 'index.mjs': program.source },
      );
      const before = quarantinedRuntimeCount();
      const record = await fn.invoke({});
      fn.dispose();
      if (quarantinedRuntimeCount() > before) quarantinedBy.push({ name: program.name, outcome: record.outcome });
      expect(program.outcomes, `${program.name}: got ${record.outcome} ${record.errorType ?? ''} ${record.errorMessage ?? ''}`).toContain(
        record.outcome,
      );
      // The record is complete and serialisable: the playground and CLI can show it.
      expect(record.logs.some((l) => l.startsWith('REPORT RequestId:'))).toBe(true);
      expect(() => JSON.stringify(record)).not.toThrow();
      // Nothing leaks into the next run: a clean function on the same simulator behaves normally,
      // and the host realm is untouched.
      const clean = sim.createFunction({}, { 'index.mjs': CLEAN });
      const next = await clean.invoke({});
      clean.dispose();
      expect(next.outcome).toBe('success');
      expect(next.result).toEqual({ polluted: null, json: '{"a":[1]}', arrays: 'function', logs: 'ok' });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  }

  it('host globals are not reachable from handler code', async () => {
    const quickjs = await getTestQuickJS();
    const fn = createSimulator({ quickjs }).createFunction(
      {},
      { 'index.mjs': HOSTILE_PROGRAMS.find((p) => p.name === 'looking for host globals')!.source },
    );
    const r = await fn.invoke({});
    fn.dispose();
    // window, document, Deno, WebAssembly, postMessage, importScripts: none of them exist.
    expect(r.result).toBe('undefined,undefined,undefined,undefined,undefined,undefined');
  });

  it('quarantines at most a few runtimes across the suite, and only runs that were stopped', () => {
    // QuickJS can leak objects when a promise job is interrupted (see SIMULATION.md); such runtimes are
    // kept rather than freed. The count must stay small, or memory would grow run after run; a run that
    // ended on its own (success) is never one of them.
    expect(quarantinedRuntimeCount() - baseline).toBe(quarantinedBy.length);
    expect(quarantinedBy.length, JSON.stringify(quarantinedBy)).toBeLessThanOrEqual(10);
    expect(quarantinedBy.filter((q) => q.outcome === 'success')).toEqual([]);
  });
});
