/**
 * What was still waiting when a Python invocation timed out, as the CLI shows it: the same labels the Node.js path
 * gives a simulated SDK call (`DynamoDB GetItem call in flight`), `time.sleep(…) still sleeping` for a sleep, and
 * the downstream-failure cause that a call waiting at the timeout adds (src/engine/aws/diagnose.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-py-pending-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const py = file('get_order.py', "import boto3\n\nddb = boto3.client('dynamodb')\n\ndef lambda_handler(event, context):\n    return ddb.get_item(TableName='Orders', Key={'id': {'S': 'o-1'}})\n");
const node = file(
  'get-order.mjs',
  "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst ddb = new DynamoDBClient({});\nexport const handler = async () => ddb.send(new GetItemCommand({ TableName: 'Orders', Key: { id: { S: 'o-1' } } }));\n",
);
const sleepy = file('sleepy.py', 'import time\n\ndef lambda_handler(event, context):\n    time.sleep(10)\n    return 1\n');
const slow = file('slow.json', JSON.stringify({ rules: [{ service: 'dynamodb', operation: 'GetItem', latencyMs: 5000 }] }));
const hang = file('hang.json', JSON.stringify({ rules: [{ service: 'dynamodb', hang: true }] }));

interface Report {
  outcome: string;
  pending: string[];
  causes: string[];
}

async function invoke(...argv: string[]): Promise<{ code: number; report: Report; out: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['invoke', ...argv], { out: (s) => out.push(s), err: (s) => err.push(s) });
  expect(err).toEqual([]);
  const json = argv.includes('--json');
  return { code, out, report: json ? (JSON.parse(out.join('\n')) as { invocations: Report[] }).invocations[0]! : ({} as Report) };
}

describe('pending work when a Python invocation times out', () => {
  it.each([
    ['a slow call (latency past the timeout)', slow, 'DynamoDB GetItem call in flight'],
    ['a call that never answers', hang, 'DynamoDB GetItem call still waiting for a response'],
  ])('%s: the label the Node.js path shows, and the downstream-failure cause', async (_name, faults, label) => {
    const p = await invoke(py, '--timeout', '3', '--faults', faults, '--json');
    const n = await invoke(node, '--timeout', '3', '--faults', faults, '--json');
    expect(p.code).toBe(1);
    expect(p.report.outcome).toBe('timeout');
    expect(p.report.pending).toEqual([label]);
    expect(n.report.pending[0]).toBe(label);
    expect(p.report.causes).toEqual(expect.arrayContaining(['timeout', 'downstream-failure']));
    expect(n.report.causes).toEqual(expect.arrayContaining(['timeout', 'downstream-failure']));
  }, 60_000);

  it('the text output names the wait under the result', async () => {
    const r = await invoke(py, '--timeout', '3', '--faults', slow);
    expect(r.out).toContain('Pending when it ended: DynamoDB GetItem call in flight');
    const s = await invoke(sleepy, '--timeout', '3');
    expect(s.code).toBe(1);
    expect(s.out).toContain('Pending when it ended: time.sleep(10) still sleeping');
  }, 60_000);
});
