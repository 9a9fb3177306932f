import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-gap-'));
writeFileSync(
  join(dir, 'index.mjs'),
  `import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
const k = new KinesisClient({});
export const handler = async () => {
  await k.send(new PutRecordCommand({ StreamName: 's', Data: new Uint8Array([1]), PartitionKey: 'p' }));
  return { statusCode: 200, body: 'ok' };
};`,
);

describe('an AWS call the simulator does not cover', () => {
  it('is reported as a gap of the simulator (LT-SIM-UNSUPPORTED), never as the user\'s syntax error', async () => {
    const out: string[] = [];
    const err: string[] = [];
    await main(['invoke', join(dir, 'index.mjs'), '--json'], { out: (s) => out.push(s), err: (s) => err.push(s) });
    const report = JSON.parse(out.join('\n')) as { invocations: Array<{ errorType: string | null; findings: Array<{ code: string; message: string }> }> };
    const inv = report.invocations[0];
    expect(inv?.errorType).not.toBe('Runtime.UserCodeSyntaxError');
    const gap = inv?.findings.find((f) => f.code === 'LT-SIM-UNSUPPORTED');
    expect(gap?.message).toContain('PutRecord');
  });

  it('a package Lambda provides and the simulator lacks (the durable execution SDK) is LT-SIM-MODULE-GAP in both runners, not an init failure of the user\'s', async () => {
    const file = join(dir, 'durable.mjs');
    writeFileSync(file, "import { withDurableExecution } from '@aws/durable-execution-sdk-js';\nexport const handler = withDurableExecution(async () => 1);\n");
    for (const runner of [[], ['--runner', 'node']]) {
      const out: string[] = [];
      await main(['invoke', file, '--json', ...runner], { out: (s) => out.push(s), err: () => {} });
      const inv = (JSON.parse(out.join('\n')) as { invocations: Array<{ outcome: string; errorMessage: string; findings: Array<{ code: string }>; result: { trace: string[] } }> }).invocations[0];
      expect(inv?.outcome).toBe('init-error');
      expect(inv?.errorMessage).toContain("Lambda's nodejs22.x and nodejs24.x runtimes include");
      expect(inv?.findings.map((f) => f.code)).toEqual(['LT-SIM-MODULE-GAP']);
      // The note is the simulator's: no frames of a package that is not there (the sandbox showed an /opt path).
      expect(inv?.result.trace.filter((l) => !l.includes('/var/runtime/'))).toEqual([`Error: ${inv?.errorMessage}`]);
    }
  }, 60_000);
});
