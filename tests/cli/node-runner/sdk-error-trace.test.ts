/**
 * An error from the simulated AWS SDK reads the same in both runners: the handler's `at async …` frames, as a real
 * SDK error thrown into an awaiting handler carries them, and none of the simulator's own (its SDK files in a
 * temporary folder, the fake clock). Found comparing both runners on aws-samples/serverless-patterns' handlers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-sdk-trace-'));
writeFileSync(
  join(dir, 'index.mjs'),
  `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
async function load(id) {
  return db.send(new GetItemCommand({ TableName: 'missing', Key: { id: { S: id } } }));
}
export const handler = async (event) => {
  const item = await load('1');
  return item;
};
`,
);

async function trace(runner: string[]): Promise<string[]> {
  const out: string[] = [];
  await main(['invoke', join(dir, 'index.mjs'), '--json', ...runner], { out: (s) => out.push(s), err: () => {} });
  const inv = (JSON.parse(out.join('\n')) as { invocations: Array<{ errorType: string; result: { trace: string[] } }> }).invocations[0];
  expect(inv?.errorType).toBe('ResourceNotFoundException');
  return inv?.result.trace ?? [];
}

describe('simulated SDK errors in both runners', () => {
  it("show the handler's async frames and nothing of the simulator", async () => {
    const sandbox = await trace([]);
    const node = await trace(['--runner', 'node']);
    expect(sandbox).toEqual(['ResourceNotFoundException: Requested resource not found', '    at async Runtime.handler (file:///var/task/index.mjs:7:16)']);
    // The Node runner keeps one frame of the runtime below the handler (Runtime.handleOnceNonStreaming), the sandbox none.
    expect(node.filter((l) => !l.includes('/var/runtime/'))).toEqual(sandbox);
    expect(node.join('\n')).not.toMatch(/lambda-triage-sdk-|fake-timers/);
  }, 60_000);
});
