/** `lambda-triage invoke` with Python handlers: the Python executor behind every front door and --compare. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parseCliArgs } from '../../src/cli/args.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'lt-cli-py-'));
writeFileSync(
  join(dir, 'lambda_function.py'),
  [
    'import json',
    'from helpers.greet import greet',
    '',
    'def lambda_handler(event, context):',
    '    print("event", json.dumps(event, sort_keys=True))',
    '    if event.get("fail"):',
    '        raise ValueError("boom")',
    '    return {"statusCode": 200, "body": json.dumps({"msg": greet("py")})}',
    '',
  ].join('\n'),
);
mkdirSync(join(dir, 'helpers'));
writeFileSync(join(dir, 'helpers', '__init__.py'), '');
writeFileSync(join(dir, 'helpers', 'greet.py'), 'def greet(n):\n    return "hello " + n\n');
writeFileSync(join(dir, 'rest_dict_body.py'), 'def lambda_handler(event, context):\n    return {"statusCode": 200, "body": {"ok": True}}\n');
writeFileSync(join(dir, 'ok.json'), '{"a":1}');
writeFileSync(join(dir, 'fail.json'), '{"fail":true}');

describe('lambda-triage invoke, Python', () => {
  it('runs lambda_function.py with --runtime python3.13 and prints the log stream and the result', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'lambda_function.py'), '--handler', 'lambda_function.lambda_handler', '--runtime', 'python3.13', '--event', join(dir, 'ok.json')], t.io);
    expect(t.err).toEqual([]);
    expect(code).toBe(0);
    expect(t.out.some((l) => /^INIT_START Runtime Version: python:3\.13\./.test(l))).toBe(true);
    expect(t.out).toContain('event {"a": 1}');
    expect(t.out).toContain('Invoke API: HTTP 200');
    expect(t.out).toContain('{"statusCode": 200, "body": "{\\"msg\\": \\"hello py\\"}"}');
    // The platform lines around a Python invocation: START, the function's output, END, then REPORT with the
    // same request id and the cold start's Init Duration (https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html).
    const start = t.out.findIndex((l) => /^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/.test(l));
    const id = /RequestId: (\S+)/.exec(t.out[start] ?? '')?.[1];
    expect(start).toBeGreaterThan(0);
    expect(t.out.indexOf('event {"a": 1}')).toBeGreaterThan(start);
    const end = t.out.indexOf(`END RequestId: ${id}`);
    expect(end).toBeGreaterThan(t.out.indexOf('event {"a": 1}'));
    expect(t.out[end + 1]).toMatch(new RegExp(`^REPORT RequestId: ${id}\tDuration: [\\d.]+ ms\tBilled Duration: \\d+ ms\tMemory Size: 128 MB\tMax Memory Used: \\d+ MB\tInit Duration: [\\d.]+ ms\t?$`));
  });

  it('an exception: exit code 1, the [ERROR] record and Python\'s error document', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'lambda_function.py'), '--runtime', 'python3.13', '--event', join(dir, 'fail.json'), '--json'], t.io);
    expect(code).toBe(1);
    const report = JSON.parse(t.out.join('\n')) as { invocations: Array<{ errorType: string; errorMessage: string; result: { stackTrace: string[] } }> };
    const inv = report.invocations[0];
    expect(inv?.errorType).toBe('ValueError');
    expect(inv?.errorMessage).toBe('boom');
    expect(inv?.result.stackTrace[0]).toBe('  File "/var/task/lambda_function.py", line 7, in lambda_handler\n    raise ValueError("boom")\n');
  });

  it('a handler naming the file from a folder above it (todos/create.create) makes that folder /var/task, and its package imports', async () => {
    // The layout of serverless/examples' aws-python-rest-api-with-dynamodb: todos/create.py imports `from todos import …`.
    const svc = mkdtempSync(join(tmpdir(), 'lt-cli-py-svc-'));
    mkdirSync(join(svc, 'todos'));
    writeFileSync(join(svc, 'todos', '__init__.py'), '');
    writeFileSync(join(svc, 'todos', 'encoder.py'), 'def encode(v):\n    return "<" + v + ">"\n');
    writeFileSync(join(svc, 'todos', 'create.py'), 'from todos import encoder\n\ndef create(event, context):\n    return {"body": encoder.encode(__name__)}\n');
    const t = io();
    const code = await main(['invoke', join(svc, 'todos', 'create.py'), '--handler', 'todos/create.create', '--json'], t.io);
    expect(t.err).toEqual([]);
    expect(code).toBe(0);
    const report = JSON.parse(t.out.join('\n')) as { invocations: Array<{ outcome: string; result: unknown }> };
    expect(report.invocations[0]?.result).toEqual({ body: '<todos.create>' });
    // A handler that does not name the file from above keeps the file's own folder (Lambda would fail the same way).
    const own = io();
    await main(['invoke', join(svc, 'todos', 'create.py'), '--handler', 'create.create', '--json'], own.io);
    const ownReport = JSON.parse(own.out.join('\n')) as { invocations: Array<{ errorMessage: string }> };
    expect(ownReport.invocations[0]?.errorMessage).toBe("Unable to import module 'create': No module named 'todos'");
  }, 60_000);

  it('defaults: a .py file runs on python3.13 with <file>.lambda_handler', () => {
    const parsed = parseCliArgs(['invoke', 'lambda_function.py']);
    expect(parsed.ok && 'args' in parsed ? parsed.args.runtime : parsed).toBe('python3.13');
    const node = parseCliArgs(['invoke', 'index.mjs']);
    expect(node.ok && 'args' in node ? node.args.runtime : node).toBe('nodejs22.x');
  });

  it('a dict body behind a REST API is a 502, and --compare runs every front door unchanged', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'rest_dict_body.py'), '--runtime', 'python3.13', '--compare', '--json'], t.io);
    expect(code).toBe(1);
    const report = JSON.parse(t.out.join('\n')) as { compare: Array<{ frontDoor: string; response: { statusCode: number } }> };
    const byDoor = Object.fromEntries(report.compare.map((r) => [r.frontDoor, r.response.statusCode]));
    expect(byDoor['apigw-rest']).toBe(502);
    expect(byDoor['invoke']).toBe(200);
    expect(Object.keys(byDoor)).toHaveLength(6);
  });

  it('--runner node with a Python handler says plainly that the Node runner runs Node only', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'lambda_function.py'), '--runtime', 'python3.13', '--runner', 'node'], t.io);
    expect(code).toBe(2);
    expect(t.err.join('\n')).toMatch(/--runner node runs Node\.js handlers only/);
  });

  it('a .py file with a Node.js runtime is refused with the runtimes to use', async () => {
    const t = io();
    const code = await main(['invoke', join(dir, 'lambda_function.py'), '--runtime', 'nodejs22.x'], t.io);
    expect(code).toBe(2);
    expect(t.err.join('\n')).toMatch(/is a Python file but --runtime is nodejs22\.x: use --runtime python3\.12, python3\.13 or python3\.14/);
  });
});
