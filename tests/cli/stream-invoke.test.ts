// `lambda-triage invoke` with response streaming: --invoke-mode RESPONSE_STREAM (function URL),
// --response-transfer-mode STREAM (REST API), --invoke-with-response-stream (direct invoke).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-stream-'));
writeFileSync(
  join(dir, 'export.mjs'),
  `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200, headers: { 'content-type': 'text/csv' } });
  responseStream.write('id,total\\n');
  await new Promise((res) => setTimeout(res, 120));
  responseStream.write('1,20\\n');
  throw new Error('database connection lost');
});
`,
);

function run(extra: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  return main(['invoke', join(dir, 'export.mjs'), ...extra], { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({ code, out, err }));
}

describe('invoke with response streaming', () => {
  it('parses the three settings, each only on its own front door', () => {
    const url = parseCliArgs(['invoke', 'h.mjs', '--integration', 'function-url', '--invoke-mode', 'RESPONSE_STREAM']);
    expect(url.ok && 'args' in url && url.args.responseStream).toBe(true);
    const buffered = parseCliArgs(['invoke', 'h.mjs', '--integration', 'function-url', '--invoke-mode', 'buffered']);
    expect(buffered.ok && 'args' in buffered && buffered.args.responseStream).toBe(false);
    const rest = parseCliArgs(['invoke', 'h.mjs', '--integration', 'apigw-rest', '--response-transfer-mode', 'STREAM']);
    expect(rest.ok && 'args' in rest && rest.args.responseStream).toBe(true);
    const direct = parseCliArgs(['invoke', 'h.mjs', '--invoke-with-response-stream']);
    expect(direct.ok && 'args' in direct && direct.args.responseStream).toBe(true);
    const wrongDoor = parseCliArgs(['invoke', 'h.mjs', '--integration', 'alb', '--invoke-mode', 'RESPONSE_STREAM']);
    expect(!wrongDoor.ok && wrongDoor.error).toMatch(/--invoke-mode is the function URL's setting/);
    const badValue = parseCliArgs(['invoke', 'h.mjs', '--integration', 'apigw-rest', '--response-transfer-mode', 'STREAMING']);
    expect(!badValue.ok && badValue.error).toBe('--response-transfer-mode must be BUFFERED or STREAM; got "STREAMING"');
    const withLoad = parseCliArgs(['invoke', 'h.mjs', '--invoke-with-response-stream', '--load', '10']);
    expect(!withLoad.ok && withLoad.error).toMatch(/drop --load/);
  });

  it('prints each chunk with its time and how the stream ended; exit code 1 for the failed stream', async () => {
    const r = await run(['--integration', 'function-url', '--invoke-mode', 'RESPONSE_STREAM']);
    expect(r.code).toBe(1);
    const text = r.out.join('\n');
    expect(text).toMatch(/Streamed \(RESPONSE_STREAM\): 2 chunks, 14 bytes, first byte at \d+\.\d ms/);
    expect(text).toMatch(/\+\d+\.\d ms {2}9 B {2}"id,total\\n"/);
    expect(text).toContain('Stream: cut off: the function failed after the first bytes');
    expect(text).toContain('LT-STREAM-ERROR-AFTER-FIRST-BYTE');
  });

  it('--json carries the stream and the caller status', async () => {
    const r = await run(['--integration', 'function-url', '--invoke-mode', 'RESPONSE_STREAM', '--json']);
    const report = JSON.parse(r.out.join('\n')) as { invocations: Array<{ response: { statusCode: number; body: string }; stream: { chunks: Array<{ text: string }>; streamEnd: string } }> };
    const inv = report.invocations[0];
    expect(inv?.response.statusCode).toBe(200);
    expect(inv?.response.body).toBe('id,total\n1,20\n');
    expect(inv?.stream.chunks.map((c) => c.text)).toEqual(['id,total\n', '1,20\n']);
    expect(inv?.stream.streamEnd).toBe('cut-by-error');
  });

  it('the same handler behind a buffered function URL: a 502, and a warning that the URL buffers', async () => {
    const r = await run(['--integration', 'function-url', '--json']);
    const report = JSON.parse(r.out.join('\n')) as { invocations: Array<{ response: { statusCode: number }; findings: Array<{ code: string }>; stream?: unknown }> };
    expect(report.invocations[0]?.response.statusCode).toBe(502);
    expect(report.invocations[0]?.findings.map((f) => f.code)).toContain('LT-STREAM-BUFFERED-FRONT-DOOR');
    expect(report.invocations[0]?.stream).toBeUndefined();
  });

  it('the Node runner says plainly that it does not stream', async () => {
    const r = await run(['--runner', 'node', '--json']);
    const report = JSON.parse(r.out.join('\n')) as { invocations: Array<{ outcome: string; errorMessage: string }> };
    expect(report.invocations[0]?.outcome).toBe('init-error');
    expect(report.invocations[0]?.errorMessage).toMatch(/^awslambda\.streamifyResponse: the Node runner \(--runner node\) does not simulate response streaming yet\. Run this handler in the sandbox/);
  });

  it('--invoke-with-response-stream prints the InvokeComplete event', async () => {
    const r = await run(['--invoke-with-response-stream']);
    expect(r.out.join('\n')).toContain('InvokeComplete {"ErrorCode":"Error","ErrorDetails":"database connection lost"}');
  });
});
