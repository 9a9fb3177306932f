// `lambda-triage invoke --log-view emulator`: the Node.js runtime client's lines as a local emulator's stdout
// prints them (`\n` inside one console call written as `\r`), against CloudWatch's default.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-log-view-'));
writeFileSync(
  join(dir, 'multi.mjs'),
  `export const handler = async () => {
  console.log('first\\nsecond');
  return { ok: true };
};
`,
);

function run(extra: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  return main(['invoke', join(dir, 'multi.mjs'), ...extra], { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({ code, out, err }));
}

describe('invoke --log-view', () => {
  it('defaults to cloudwatch and refuses an unknown view or a run with many requests', () => {
    const plain = parseCliArgs(['invoke', 'h.mjs']);
    expect(plain.ok && 'args' in plain && plain.args.logView).toBe('cloudwatch');
    const emu = parseCliArgs(['invoke', 'h.mjs', '--log-view', 'EMULATOR']);
    expect(emu.ok && 'args' in emu && emu.args.logView).toBe('emulator');
    const bad = parseCliArgs(['invoke', 'h.mjs', '--log-view', 'stdout']);
    expect(!bad.ok && bad.error).toBe('--log-view must be cloudwatch or emulator; got "stdout"');
    const load = parseCliArgs(['invoke', 'h.mjs', '--log-view', 'emulator', '--load', '5']);
    expect(!load.ok && load.error).toMatch(/single invocations/);
  });

  it('CloudWatch prints the message over two lines; the emulator on one, with the carriage return shown', async () => {
    const cw = await run([]);
    expect(cw.code).toBe(0);
    const cwText = cw.out.join('\n');
    expect(cwText).toMatch(/\tINFO\tfirst\nsecond/);
    const emu = await run(['--log-view', 'emulator']);
    expect(emu.code).toBe(0);
    const emuText = emu.out.join('\n');
    expect(emuText).toMatch(/\tINFO\tfirst\\rsecond/);
    expect(emuText).not.toMatch(/first\nsecond/);
  });

  it('--json carries the real carriage return', async () => {
    const r = await run(['--log-view', 'emulator', '--json']);
    const report = JSON.parse(r.out.join('\n')) as { invocations: Array<{ logs: string[] }> };
    const line = report.invocations[0]?.logs.find((l) => l.includes('first'));
    expect(line).toMatch(/\tINFO\tfirst\rsecond$/);
  });
});
