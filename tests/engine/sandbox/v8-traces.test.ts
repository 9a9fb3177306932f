import { describe, expect, it } from 'vitest';
import traces from './fixtures/v8-traces.json' with { type: 'json' };
import { once } from '../helpers.ts';

/**
 * The simulator's error traces against traces real Node.js printed for the same programs
 * (fixtures/v8-traces.json, made by `npm run capture:v8-traces` from v8-trace-programs.json).
 *
 * Compared: the header line and every frame of user code, built-ins and V8's `at async …` chain.
 * Left out, on purpose: frames in Node's own modules (`at Function.from (node:buffer:328:9)`: their
 * lines change with every Node release); SIMULATION.md lists them as not simulated.
 */
interface Capture {
  name: string;
  files: Record<string, string>;
  handler?: string;
  event?: unknown;
  node: string;
  trace: string[];
}

const comparable = (trace: string[]): string[] => trace.filter((l) => !/\(node:[a-z_/]+:\d+:\d+\)$/.test(l));

describe('stack traces match Node 22 (captured)', () => {
  it('the captures come from Node 22 and cover the frame kinds we rewrite', () => {
    const all = traces as Capture[];
    expect(all.length).toBeGreaterThanOrEqual(15);
    for (const c of all) expect(c.node).toMatch(/^v22\./);
    const text = all.flatMap((c) => c.trace).join('\n');
    for (const kind of ['at Runtime.handler (', 'at exports.handler (', ' [as handler] (', 'at Object.', 'at new ', 'at Array.map (<anonymous>)', 'at JSON.parse (<anonymous>)', 'at Function.keys (<anonymous>)', 'at new Promise (<anonymous>)']) {
      expect(text, kind).toContain(kind);
    }
  });
  for (const c of traces as Capture[]) {
    it(c.name, async () => {
      const config = c.handler ? { handler: `index.${c.handler}` } : {};
      const r = await once(c.files, c.event ?? {}, config);
      expect(r.outcome).toBe('function-error');
      expect((r.result as { trace: string[] }).trace).toEqual(comparable(c.trace));
    });
  }
});
