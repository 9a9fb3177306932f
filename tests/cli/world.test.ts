import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { formatCall, loadWorld } from '../../src/cli/world.ts';
import { DEFAULT_FUNCTION_CONFIG } from '../../src/engine/lambda/function-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-world-'));
writeFileSync(
  join(dir, 'index.mjs'),
  `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = async () => {
  const r = await s3.send(new GetObjectCommand({ Bucket: 'cfg', Key: 'config.json' }));
  return { statusCode: 200, body: await r.Body.transformToString() };
};`,
);
writeFileSync(join(dir, 'state.json'), JSON.stringify({ s3: { buckets: { cfg: { 'config.json': '{"a":1}' } } } }));
writeFileSync(join(dir, 'put-only.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] }));
writeFileSync(join(dir, 'no-statement.json'), JSON.stringify({ Version: '2012-10-17' }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('the simulated AWS account in the CLI', () => {
  it('--state seeds the bucket; the JSON report lists the calls', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'index.mjs'), '--state', join(dir, 'state.json'), '--integration', 'http-api-v2', '--json'], t.io);
    expect(t.err).toEqual([]);
    expect(code).toBe(0);
    const report = JSON.parse(t.out.join('\n')) as { invocations: Array<{ response: { body: string } }>; calls: Array<{ service: string; operation: string; outcome: string }> };
    expect(report.invocations[0]?.response.body).toBe('{"a":1}');
    expect(report.calls).toMatchObject([{ service: 's3', operation: 'GetObject', outcome: 'ok' }]);
  });

  it('--policy without s3:GetObject: AccessDenied, a 500 at the HTTP API, and the access-denied cause', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'index.mjs'), '--state', join(dir, 'state.json'), '--policy', join(dir, 'put-only.json'), '--integration', 'http-api-v2', '--json'], t.io);
    expect(code).toBe(1);
    const inv = (JSON.parse(t.out.join('\n')) as { invocations: Array<{ response: { statusCode: number }; errorType: string; causes: string[] }> }).invocations[0];
    expect(inv?.response.statusCode).toBe(500);
    expect(inv?.errorType).toBe('AccessDenied');
    expect(inv?.causes).toContain('access-denied');
  });

  it('a policy file the parser refuses: one line naming the file, exit 2', async () => {
    const t = io();
    expect(await main(['invoke', join(dir, 'index.mjs'), '--policy', join(dir, 'no-statement.json')], t.io)).toBe(2);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(/^lambda-triage: policy file .*no-statement\.json: /);
    const missing = await loadWorld({ policy: undefined, state: join(dir, 'missing.json'), faults: undefined, seed: 1 }, DEFAULT_FUNCTION_CONFIG);
    expect(missing.ok ? '' : missing.error).toMatch(/^cannot read state file .*missing\.json: ENOENT/);
  });

  it('formats a call on one line', () => {
    expect(formatCall({ id: 1, requestId: 'r', service: 's3', operation: 'GetObject', target: 'arn:aws:s3:::b/k', startMs: 0, durationMs: 8, outcome: 'ok' })).toBe('s3 GetObject arn:aws:s3:::b/k → ok 8 ms');
    expect(formatCall({ id: 2, requestId: 'r', service: 's3', operation: 'GetObject', target: 't', startMs: 0, durationMs: null, outcome: 'hang', fault: 'hangs (fault rule for s3)' })).toBe('s3 GetObject t → no answer (hangs (fault rule for s3))');
  });
});
