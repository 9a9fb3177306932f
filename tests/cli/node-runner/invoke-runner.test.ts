/**
 * `lambda-triage invoke --runner node` through the CLI's entry point: the same report as the sandbox
 * (front doors, --compare, --load, asynchronous invokes) with the handler in real Node.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main.ts';

function handler(source: string, name = 'index.mjs'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lt-runner-'));
  writeFileSync(path.join(dir, name), source);
  return path.join(dir, name);
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('invoke --runner node', () => {
  it('a front door report, as JSON, the same shape as the sandbox gives', async () => {
    const file = handler("export const handler = async (e) => { console.log('path', e.rawPath); return { statusCode: 201, body: 'made' }; };");
    const node = await cli(['invoke', file, '--runner', 'node', '--integration', 'http-api-v2', '--json']);
    const sandbox = await cli(['invoke', file, '--integration', 'http-api-v2', '--json']);
    expect(node.code).toBe(0);
    const a = (JSON.parse(node.out) as { invocations: Array<Record<string, unknown>> }).invocations[0] ?? {};
    const b = (JSON.parse(sandbox.out) as { invocations: Array<Record<string, unknown>> }).invocations[0] ?? {};
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a['response']).toEqual(b['response']);
    expect(a['outcome']).toBe('success');
    expect((a['logs'] as string[]).some((l) => /\tINFO\tpath \/$/.test(l))).toBe(true);
  }, 60_000);

  it('a handler file in a folder of its project (src/app.mjs under package.json) runs in both runners, with and without --handler', async () => {
    // Both runners take the same folder as /var/task: the project root for src/app.handler (the default), src/ for
    // app.handler (a package built from src/). The Node runner used to run in src/ with src/app.handler: ImportModuleError.
    const root = mkdtempSync(path.join(tmpdir(), 'lt-runner-project-'));
    writeFileSync(path.join(root, 'package.json'), '{ "name": "p", "type": "module" }');
    mkdirSync(path.join(root, 'src'));
    const file = path.join(root, 'src', 'app.mjs');
    writeFileSync(file, "export const handler = async () => ({ statusCode: 200, body: 'from src' });");
    for (const extra of [[], ['--handler', 'app.handler'], ['--handler', 'src/app.handler']]) {
      for (const runner of [[], ['--runner', 'node']]) {
        const r = await cli(['invoke', file, ...extra, ...runner, '--json']);
        const inv = (JSON.parse(r.out) as { invocations: Array<{ outcome: string; errorMessage: string | null }> }).invocations[0];
        expect([extra.join(' '), runner.join(' '), inv?.outcome, inv?.errorMessage]).toEqual([extra.join(' '), runner.join(' '), 'success', null]);
      }
    }
  }, 60_000);

  it('an error thrown inside an SDK callback is swallowed, as @smithy/smithy-client does (.catch(() => {})): both runners succeed', async () => {
    // Found running aws-samples/serverless-patterns' lambda-iot-sam custom resource with an event lacking ResponseURL:
    // the Node runner reported Runtime.UnhandledPromiseRejection where the real SDK, and the sandbox, swallow it.
    const file = handler(
      "const { SSM } = require('@aws-sdk/client-ssm');\nexports.handler = function (event, context) {\n  new SSM({}).getParameter({ Name: 'nope' }, (err) => { console.log('callback', err ? err.name : 'ok'); throw new TypeError('thrown in the callback'); });\n};",
      'index.js',
    );
    for (const runner of [[], ['--runner', 'node']]) {
      const r = await cli(['invoke', file, ...runner, '--json']);
      const inv = (JSON.parse(r.out) as { invocations: Array<{ outcome: string; errorType: string | null; logs: string[] }> }).invocations[0];
      expect([runner.join(' '), inv?.outcome, inv?.errorType]).toEqual([runner.join(' '), 'success', null]);
      expect(inv?.logs.some((l) => /\tINFO\tcallback ParameterNotFound$/.test(l))).toBe(true);
    }
  }, 60_000);

  it('--compare: every front door answers a thrown error in its own words', async () => {
    const file = handler("export const handler = async () => { throw new Error('db down'); };");
    const r = await cli(['invoke', file, '--runner', 'node', '--compare', '--json']);
    expect(r.code).toBe(1);
    const rows = (JSON.parse(r.out) as { compare: Array<{ frontDoor: string; response: { statusCode: number } }> }).compare;
    expect(Object.fromEntries(rows.map((x) => [x.frontDoor, x.response.statusCode]))).toMatchObject({ 'apigw-rest': 502, 'http-api-v2': 500, 'function-url': 502, alb: 502 });
  }, 120_000);

  it('--invocation-type Event retries a failing function twice (three attempts)', async () => {
    const file = handler("export const handler = async () => { throw new Error('nope'); };");
    const r = await cli(['invoke', file, '--runner', 'node', '--invocation-type', 'Event', '--json']);
    expect(r.code).toBe(1);
    // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
    expect((JSON.parse(r.out) as { invocations: unknown[] }).invocations).toHaveLength(3);
  }, 120_000);

  it('--load runs on the Node runner', async () => {
    const file = handler('export const handler = async () => ({ statusCode: 200, body: "ok" });');
    const r = await cli(['invoke', file, '--runner', 'node', '--load', '20', '--rate', '10', '--integration', 'apigw-rest', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { load: { requests: unknown[] } }).load.requests).toHaveLength(20);
  }, 120_000);

  it('bad runner options exit 2', async () => {
    const file = handler('export const handler = async () => 1;');
    expect(await cli(['invoke', file, '--runner', 'deno'])).toMatchObject({ code: 2, err: 'lambda-triage: --runner must be sandbox or node; got "deno"' });
    expect((await cli(['invoke', file, '--sdk', 'real'])).code).toBe(2);
  });

  it('--clock virtual: Duration is the virtual time waited plus the CPU the code used, not the machine\'s load', async () => {
    // 1.5 s of timers: Duration is 1,500 ms plus a few ms of CPU, however busy the machine is.
    const waits = handler('export const handler = async () => { await new Promise((r) => setTimeout(r, 1500)); return "ok"; };');
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const r = await cli(['invoke', waits, '--runner', 'node', '--json']);
      runs.push((JSON.parse(r.out) as { invocations: Array<{ durationMs: number; logs: string[] }> }).invocations[0]!);
    }
    for (const inv of runs) {
      expect(inv.durationMs).toBeGreaterThanOrEqual(1500);
      expect(inv.durationMs).toBeLessThan(1550);
      const report = inv.logs.find((l) => l.startsWith('REPORT '))!;
      expect(report).toContain(`Duration: ${inv.durationMs.toFixed(2)} ms`);
    }
    // Code that computes is charged the CPU it used (here at least 150 ms of its thread's CPU, measured inside the handler).
    const busy = handler('export const handler = async () => { const t = process.threadCpuUsage(); let n = 0; for (;;) { const u = process.threadCpuUsage(t); if (u.user + u.system >= 150_000) break; n++; } return n > 0; };');
    const r = await cli(['invoke', busy, '--runner', 'node', '--json']);
    const inv = (JSON.parse(r.out) as { invocations: Array<{ durationMs: number; result: unknown }> }).invocations[0]!;
    expect(inv.result).toBe(true);
    expect(inv.durationMs).toBeGreaterThanOrEqual(150);
  }, 60_000);

  it('a handler path that does not exist: one line naming it and the fix, exit 2, nothing run', async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'lt-runner-')), 'app.mjs');
    const r = await cli(['invoke', missing, '--runner', 'node']);
    expect(r).toEqual({ code: 2, out: '', err: `lambda-triage: handler file ${missing} does not exist: give the path of your handler file (app.mjs, app.ts) or of the project folder with --handler` });
  });

  it('a package that is not installed fails the init as on AWS (Node\'s ERR_MODULE_NOT_FOUND for an ES module), exit 1', async () => {
    const file = handler("import x from 'not-installed-anywhere';\nexport const handler = async () => x;");
    const r = await cli(['invoke', file, '--runner', 'node', '--json']);
    expect(r.code).toBe(1);
    const inv = (JSON.parse(r.out) as { invocations: Array<{ outcome: string; result: { errorMessage: string } }> }).invocations[0]!;
    expect(inv.result.errorMessage).toBe("Cannot find package 'not-installed-anywhere' imported from /var/task/index.mjs");
  });
});
