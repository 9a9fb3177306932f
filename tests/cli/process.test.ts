/**
 * The CLI as users run it: a child process (`node bin/lambda-triage.mjs …` on the project's Node 22),
 * checked through stdout, stderr and the exit code.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const nodeBin = join(root, 'node_modules/.bin/node');
const cliBin = join(root, 'bin/lambda-triage.mjs');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Ran> {
  return new Promise((done) => {
    execFile(nodeBin, [cliBin, ...args], { cwd: root, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
      done({ code, stdout, stderr });
    });
  });
}

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lt-cli-proc-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// The example: one bad result, three different answers. A bare object without statusCode.
const bare = fixture({
  'index.mjs': 'export const handler = async () => ({ ok: true, items: [] });',
  'get.json': JSON.stringify({ method: 'GET', path: '/items' }),
});

describe('lambda-triage as a child process', () => {
  it('--compare: 502 on REST, 500 on HTTP API 1.0, 200 where the front door infers a response', async () => {
    const r = await cli(['invoke', join(bare, 'index.mjs'), '--compare', '--request', join(bare, 'get.json'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { compare: Array<{ frontDoor: string; response: { statusCode: number; body: string }; findings: Array<{ code: string }>; gatewayLogs: string[] }> };
    const byDoor = Object.fromEntries(report.compare.map((c) => [c.frontDoor, c]));
    expect(Object.keys(byDoor)).toEqual(['invoke', 'apigw-rest', 'http-api-v1', 'http-api-v2', 'function-url', 'alb']);
    expect(byDoor['apigw-rest']?.response.statusCode).toBe(502);
    expect(byDoor['apigw-rest']?.findings.map((f) => f.code)).toContain('LT-REST-UNKNOWN-KEY');
    expect(byDoor['apigw-rest']?.gatewayLogs.some((l) => l.includes('Malformed Lambda proxy response'))).toBe(true);
    expect(byDoor['http-api-v1']?.response.statusCode).toBe(500);
    expect(byDoor['http-api-v2']?.response.statusCode).toBe(200);
    expect(byDoor['http-api-v2']?.response.body).toBe('{"ok":true,"items":[]}');
    expect(byDoor['function-url']?.response.statusCode).toBe(200);
    expect(byDoor['http-api-v2']?.findings.map((f) => f.code)).toEqual(['LT-V2-INFERRED-RESPONSE']);
  });

  it('--compare prints a table with one row per front door', async () => {
    const r = await cli(['invoke', join(bare, 'index.mjs'), '--compare']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const row = (label: string) => lines.find((l) => l.startsWith(label)) ?? '';
    expect(row('API Gateway REST API')).toMatch(/\s502\s+\{"message": "Internal server error"\}\s+LT-REST-UNKNOWN-KEY/);
    expect(row('API Gateway HTTP API (payload 1.0)')).toMatch(/\s500\s/);
    expect(row('API Gateway HTTP API (payload 2.0)')).toMatch(/\s200\s/);
    expect(row('Lambda function URL')).toMatch(/\s200\s/);
    // No LAMBDA_TRIAGE_SITE here: the local page path, and once how to open it.
    expect(r.stdout).toContain('Guide: /guides/malformed-response/');
    expect(r.stdout.match(/run `npm start`/g)).toHaveLength(1);
  });

  it('--request alone goes through the REST API: function logs, gateway logs, response and findings', async () => {
    const r = await cli(['invoke', join(bare, 'index.mjs'), '--request', join(bare, 'get.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^START RequestId: /m);
    expect(r.stdout).toContain('--- API Gateway execution and access log ---');
    expect(r.stdout).toMatch(/Method completed with status: 502/);
    expect(r.stdout).toContain('API Gateway REST API (Lambda proxy): HTTP 502');
    expect(r.stdout).toMatch(/^x-amzn-ErrorType: InternalServerErrorException$/m);
    expect(r.stdout).toMatch(/^LT-REST-UNKNOWN-KEY: /m);
  });

  it('a correct response exits 0', async () => {
    const dir = fixture({ 'ok.mjs': 'export const handler = async (e) => ({ statusCode: 201, headers: { "content-type": "text/plain" }, body: "made " + e.rawPath });' });
    const r = await cli(['invoke', join(dir, 'ok.mjs'), '--integration', 'http-api-v2', '--json']);
    expect(r.code).toBe(0);
    const inv = (JSON.parse(r.stdout) as { invocations: Array<{ frontDoor: string; response: { statusCode: number; body: string } }> }).invocations[0];
    expect(inv?.frontDoor).toBe('http-api-v2');
    expect(inv?.response).toMatchObject({ statusCode: 201, body: 'made /' });
  });

  it('--no-invoke-permission: the function URL answers 403 without invoking', async () => {
    const r = await cli(['invoke', join(bare, 'index.mjs'), '--integration', 'function-url', '--no-invoke-permission', '--json']);
    expect(r.code).toBe(1);
    const inv = (JSON.parse(r.stdout) as { invocations: Array<{ invoked: boolean; logs: string[]; response: { statusCode: number }; findings: Array<{ code: string }> }> }).invocations[0];
    expect(inv?.invoked).toBe(false);
    expect(inv?.logs).toEqual([]);
    expect(inv?.response.statusCode).toBe(403);
    expect(inv?.findings[0]?.code).toBe('LT-NO-INVOKE-PERMISSION');
  });

  it('bad options and unreadable files: one line on stderr, exit 2, nothing on stdout', async () => {
    const cases = [
      ['invoke', join(bare, 'index.mjs'), '--integration', 'sqs'],
      ['invoke', join(bare, 'index.mjs'), '--request', join(bare, 'missing.json')],
      ['invoke', join(bare, 'index.mjs'), '--request', join(bare, 'index.mjs')],
      ['invoke', join(bare, 'index.mjs'), '--compare', '--integration', 'alb'],
      ['invoke', join(bare, 'missing.mjs')],
    ];
    for (const argv of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^lambda-triage: /);
    }
  });

  it('--load: throttles with reserved concurrency, each front door\'s status, same numbers on every run', async () => {
    const dir = fixture({ 'slow.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 1000)); return { statusCode: 200, body: "ok" }; };' });
    const argv = ['invoke', join(dir, 'slow.mjs'), '--load', '150', '--rate', '100', '--reserved-concurrency', '10', '--integration', 'function-url', '--json'];
    const a = await cli(argv);
    expect(a.code).toBe(1);
    const report = JSON.parse(a.stdout) as { metrics: Array<{ Throttles: number; ConcurrentExecutions: number }>; load: { totals: { Throttles: number; Invocations: number; statusCodes: Record<string, number> } } };
    expect(report.load.totals.Throttles).toBeGreaterThan(0);
    expect(report.load.totals.statusCodes['429']).toBe(report.load.totals.Throttles);
    expect(Math.max(...report.metrics.map((m) => m.ConcurrentExecutions))).toBe(10);
    const b = await cli(argv);
    expect(b.stdout).toBe(a.stdout);
    const human = await cli(argv.slice(0, -1));
    expect(human.stdout).toMatch(/^Time\s+Invocations\s+Errors\s+Throttles\s+Concurrent/m);
    expect(human.stdout).toMatch(/Totals: 150 requests, \d+ invocations, 0 errors, \d+ throttles/);
  });

  it('--invocation-type Event: 202, three attempts, then the destination record', async () => {
    const dir = fixture({ 'fail.mjs': 'export const handler = async () => { throw new Error("boom"); };', 'e.json': '{"order":1}' });
    const r = await cli(['invoke', join(dir, 'fail.mjs'), '--invocation-type', 'Event', '--event', join(dir, 'e.json'), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { invocations: Array<{ attempt: number; response: { statusCode: number } }>; asyncDeliveries: Array<{ kind: string; record: { requestContext: { condition: string; approximateInvokeCount: number }; requestPayload: unknown } }> };
    expect(report.invocations.map((i) => i.attempt)).toEqual([1, 2, 3]);
    expect(report.invocations[0]?.response.statusCode).toBe(202);
    expect(report.asyncDeliveries[0]?.kind).toBe('on-failure');
    expect(report.asyncDeliveries[0]?.record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 3 });
    expect(report.asyncDeliveries[0]?.record.requestPayload).toEqual({ order: 1 });
    const dlq = await cli(['invoke', join(dir, 'fail.mjs'), '--invocation-type', 'Event', '--on-failure', 'dlq', '--retry-attempts', '0']);
    expect(dlq.stdout).toContain('Invoke API: HTTP 202');
    expect(dlq.stdout).toMatch(/Sent to the dead-letter queue arn:aws:sqs:us-east-1:123456789012:my-function-dlq/);
    expect(dlq.stdout).toContain('"ErrorMessage"');
  });

  it('--policy, --state and --faults load into the simulated AWS account; a bad file exits 2', async () => {
    const dir = fixture({ 'p.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}', 'f.json': '{"rules":"x"}' });
    const r = await cli(['invoke', join(bare, 'index.mjs'), '--policy', join(dir, 'p.json'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { calls: unknown[] }).calls).toEqual([]);
    const bad = await cli(['invoke', join(bare, 'index.mjs'), '--faults', join(dir, 'f.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^lambda-triage: faults file .*f\.json: /);
  });
});

