import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-budget-'));
// 500 MiB of buffers: more than the sandbox's 384 MiB real-memory budget, less than 3,008 MB on Lambda.
writeFileSync(join(dir, 'index.mjs'), 'const keep = [];\nexport const handler = async () => { for (let i = 0; i < 500; i++) keep.push(Buffer.alloc(1024 * 1024, i)); return keep.length; };\n');

describe('a program that needs more real memory than the sandbox may use', () => {
  it('gets one plain line with LT-SIM-MEMORY-BUDGET and exit status 2, not an invented outcome or a stack trace', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['invoke', join(dir, 'index.mjs'), '--memory', '3008'], { out: (s) => out.push(s), err: (s) => err.push(s) });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^lambda-triage: This program needs more than the 384 MiB of real memory the simulator may use/);
    expect(err[0]).toContain('--runner node');
    expect(err[0]).toMatch(/\[LT-SIM-MEMORY-BUDGET\]$/);
  }, 60_000);
});
