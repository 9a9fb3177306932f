/**
 * `lambda-triage check`: the sample SAM project (tests/check/sample-project) has two healthy functions
 * and one broken function per cause check can show; check must report exactly the broken ones, each for
 * its own reason. Bad input stops before anything runs, with exit code 2 and a message naming the file.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { collectApiRoutes, formatGithub, formatJunit, missingParameterPaths, parseCheckArgs, planCases, runCheck, unbuiltRequirements, type CheckResult } from '../../src/cli/check-command.ts';
import type { CheckFunction } from '../../src/cli/sam-template.ts';

const SAMPLE = path.join(import.meta.dirname, 'sample-project');

async function check(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lt-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('check on the sample SAM project (node runner)', () => {
  let results: CheckResult[] = [];
  let code = -1;
  let stderr = '';
  const junitFile = path.join(mkdtempSync(path.join(tmpdir(), 'lt-junit-')), 'check.xml');

  it('reports exactly the broken functions, each for its cause', async () => {
    const r = await check([SAMPLE, '--json', '--junit', junitFile]);
    code = r.code;
    stderr = r.err;
    results = (JSON.parse(r.out) as { results: CheckResult[] }).results;
    expect(code).toBe(1);
    const failing = [...new Set(results.filter((x) => !x.passed).map((x) => x.function))].sort();
    expect(failing).toEqual(['ExportFunction', 'ItemsFunction', 'ReportFunction', 'SlowFunction', 'SlowInitFunction']);
    const why = (fn: string, kase?: string): string =>
      results
        .filter((x) => x.function === fn && !x.passed && (kase === undefined || x.case === kase))
        .flatMap((x) => x.reasons)
        .join('; ');
    // Unguarded JSON.parse: the invalid body is a 500 from the HTTP API.
    expect(why('ItemsFunction', 'invalid JSON body')).toMatch(/HTTP 500 from http-api-v2/);
    expect(results.find((x) => x.function === 'ItemsFunction' && x.case === 'invalid JSON body')?.firstFailingLogLine).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"SyntaxError"/);
    // UsersFunction reads pathParameters.id unguarded, yet passes: a request without the id matches no route,
    // so the gateway answers it (REST 403, HTTP API 404) and the function is never called.
    const users = results.filter((x) => x.function === 'UsersFunction');
    expect(users.every((x) => x.passed)).toBe(true);
    const missing = users.filter((x) => x.case === 'missing path parameter');
    expect(missing.map((x) => [x.frontDoor, x.statusCode, x.invoked])).toEqual([
      ['apigw-rest', 403, false],
      ['http-api-v2', 404, false],
    ]);
    // With the id, both routes call the function, which sees the id the path carried.
    expect(users.filter((x) => x.case.startsWith('GET /')).every((x) => x.invoked && x.statusCode === 200)).toBe(true);
    expect(why('ReportFunction')).toMatch(/LT-RESP-BODY-NOT-STRING/);
    expect(why('SlowFunction')).toMatch(/within 20% of the 3 s timeout/);
    expect(why('SlowInitFunction')).toMatch(/10 s Init phase limit/);
    expect(why('ExportFunction')).toMatch(/HTTP 502 from function-url/);
    // Cold then warm, per front door.
    const health = results.filter((x) => x.function === 'HealthFunction');
    expect(health.every((x) => x.passed)).toBe(true);
    expect(health[0]?.start).toBe('cold');
    expect(health.slice(1).every((x) => x.start === 'warm')).toBe(true);
    expect(health.map((x) => x.case)).toEqual(['GET /health', 'GET /health', 'empty body', 'invalid JSON body', 'large body (5.4 MB)']);
    expect(results.filter((x) => x.function === 'OrdersFunction' && x.case === 'missing path parameter').map((x) => [x.statusCode, x.invoked])).toEqual([[403, false]]);
    expect(stderr).toMatch(/skipped ReportsJavaFunction: runtime java21 is not simulated/);
  }, 600_000);

  it('writes JUnit XML with one failure per failing case', () => {
    const text = readFileSync(junitFile, 'utf8');
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="lambda-triage check"/);
    expect((text.match(/<failure /g) ?? []).length).toBe(results.filter((r) => !r.passed).length);
    expect(text).toContain('<testsuite name="HealthFunction"');
    expect(formatJunit(results)).toBe(text);
  });

  it('writes GitHub annotations that name the handler file', () => {
    const lines = formatGithub(results, SAMPLE);
    expect(lines.length).toBe(results.filter((r) => !r.passed).length);
    expect(lines.find((l) => l.includes('ReportFunction'))).toMatch(/^::error file=src\/report\.mjs,title=ReportFunction apigw-rest GET \/report \(cold\)::HTTP 502 from apigw-rest; LT-RESP-BODY-NOT-STRING/);
  });
});

describe('check: bad input stops before anything runs (exit 2)', () => {
  it('a template that is not YAML', async () => {
    const dir = tempProject({ 'template.yaml': 'Resources:\n  Fn:\n    Type: [unclosed\n' });
    const r = await check([dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/template\.yaml is not valid YAML: .*Fix the YAML/);
  });

  it('a template without functions', async () => {
    const dir = tempProject({ 'template.yaml': 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' });
    const r = await check([dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/template\.yaml has no AWS::Serverless::Function with a Node\.js runtime; add one/);
  });

  it('a handler path that does not exist', async () => {
    const dir = tempProject({ 'template.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      CodeUri: src/\n      Handler: app.handler\n', 'src/index.mjs': 'export const handler = async () => 1;' });
    const r = await check([dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/template\.yaml: function Fn: handler app\.handler needs app\.js, \.mjs, \.cjs or \.ts in .*src, and there is none; fix Handler or CodeUri/);
  });

  it('a package the handler imports is not installed', async () => {
    const dir = tempProject({
      'template.yaml': 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: app.handler\n',
      'app.mjs': "import { helper } from './lib/helper.mjs';\nexport const handler = async () => helper();",
      'lib/helper.mjs': "import pick from 'left-pad-that-is-not-installed';\nexport const helper = () => pick;",
    });
    const r = await check([dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/lib\/helper\.mjs imports 'left-pad-that-is-not-installed', which is not installed .*run `npm install left-pad-that-is-not-installed`/);
  });

  it('a folder with nothing to check, and a bad option', async () => {
    const dir = tempProject({ 'README.md': 'x' });
    expect((await check([dir])).err).toMatch(/no template\.yaml, template\.yml or lambda-triage\.config\.json in /);
    expect(parseCheckArgs(['--runner', 'java'])).toEqual({ ok: false, error: '--runner must be sandbox or node; got "java"' });
    expect(parseCheckArgs(['--clock', 'real', '--runner', 'sandbox'])).toMatchObject({ ok: false });
  });

  it('a config file that breaks its schema names the field', async () => {
    const dir = tempProject({ 'lambda-triage.config.json': JSON.stringify({ functions: [{ name: 'a', handler: 'nodot' }] }) });
    const r = await check([dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/lambda-triage\.config\.json: functions\.0\.handler: handler must be file\.export/);
  });
});

describe('check with lambda-triage.config.json and the sandbox runner', () => {
  it('runs the user cases and passes a healthy function', async () => {
    const dir = tempProject({
      'lambda-triage.config.json': JSON.stringify({
        functions: [{ name: 'echo', handler: 'index.handler', memorySize: 1024, frontDoors: ['http-api-v2'], route: { method: 'POST', path: '/echo' }, cases: [{ name: 'hello', request: { method: 'POST', path: '/echo', body: '{"a":1}' } }] }],
      }),
      'index.mjs': "export const handler = async (e) => ({ statusCode: 200, body: e.body ?? '' });",
    });
    const r = await check([dir, '--runner', 'sandbox', '--json']);
    const res = (JSON.parse(r.out) as { results: CheckResult[] }).results;
    expect(r.code).toBe(0);
    expect(res.map((x) => [x.case, x.start, x.statusCode])).toEqual([
      ['hello', 'cold', 200],
      ['hello', 'warm', 200],
      ['POST /echo', 'warm', 200],
      ['empty body', 'warm', 200],
      ['invalid JSON body', 'warm', 200],
      ['large body (5.4 MB)', 'warm', 200],
    ]);
  }, 120_000);
});

describe('check: the missing-path-parameter probe goes through the gateway', () => {
  const fn = (doors: CheckFunction['doors'], name = 'Fn'): CheckFunction => ({ name, codeUri: '.', handler: 'index.handler', runtime: 'nodejs22.x', memoryMB: 128, timeoutSeconds: 3, environment: {}, doors, cases: [] });

  it('leaves out one variable segment per probe, filling the others', () => {
    expect(missingParameterPaths('/orders/{id}')).toEqual([{ name: 'missing path parameter', path: '/orders' }]);
    expect(missingParameterPaths('/{proxy+}')).toEqual([{ name: 'missing path parameter', path: '/' }]);
    expect(missingParameterPaths('/users/{uid}/orders/{oid}')).toEqual([
      { name: 'missing path parameter {uid}', path: '/users/orders/test-oid' },
      { name: 'missing path parameter {oid}', path: '/users/test-uid/orders' },
    ]);
    expect(missingParameterPaths('/health')).toEqual([]);
  });

  it('names the route on every request, and expects the gateway\'s own reply for the probe', () => {
    const route = { method: 'GET', path: '/orders/{id}' };
    const rest = planCases(fn([{ door: 'apigw-rest', route }]), 'apigw-rest', route);
    expect(rest.map((c) => ('request' in c.input ? [c.name, c.input.request.route, c.input.request.path] : null)).slice(0, 2)).toEqual([
      ['GET /orders/{id}', 'GET /orders/{id}', '/orders/test-id'],
      ['empty body', 'GET /orders/{id}', '/orders/test-id'],
    ]);
    const probe = rest.find((c) => c.name === 'missing path parameter');
    expect(probe?.input).toMatchObject({ request: { route: 'GET /orders/{id}', path: '/orders' } });
    expect(probe?.expectGateway).toMatchObject({ statusCode: 403, body: '{"message":"Missing Authentication Token"}' });
    expect(planCases(fn([{ door: 'http-api-v2', route }]), 'http-api-v2', route).find((c) => c.name === 'missing path parameter')?.expectGateway).toMatchObject({ statusCode: 404, body: '{"message":"Not Found"}' });
  });

  it('plans no probe when another route of the same API takes the shorter path', () => {
    const item = { method: 'GET', path: '/orders/{id}' };
    const list = { method: 'GET', path: '/orders' };
    const fns = [fn([{ door: 'apigw-rest', route: item }], 'Get'), fn([{ door: 'apigw-rest', route: list }], 'List')];
    const names = (routes: ReturnType<typeof collectApiRoutes>): string[] => planCases(fns[0]!, 'apigw-rest', item, routes).map((c) => c.name);
    expect(names(collectApiRoutes(fns))).not.toContain('missing path parameter');
    // The list route on the other API kind (an HTTP API) does not take a REST request.
    const other = [fns[0]!, fn([{ door: 'http-api-v2', route: list }], 'List')];
    expect(names(collectApiRoutes(other))).toContain('missing path parameter');
    // An HttpApi event without Path (read as GET /) is the $default route: it takes every unmatched request.
    const http = [fn([{ door: 'http-api-v2', route: item }], 'Get'), fn([{ door: 'http-api-v2', route: { method: 'GET', path: '/' } }], 'Default')];
    expect(planCases(http[0]!, 'http-api-v2', item, collectApiRoutes(http)).map((c) => c.name)).not.toContain('missing path parameter');
    expect(planCases(http[0]!, 'http-api-v2', item, collectApiRoutes(http.slice(0, 1))).map((c) => c.name)).toContain('missing path parameter');
    // The $default function's own requests name no route: any path reaches it.
    expect(planCases(http[1]!, 'http-api-v2', { method: 'GET', path: '/' }).every((c) => !('request' in c.input) || c.input.request.route === undefined)).toBe(true);
  });

  it('a function URL has no routes: the function gets the shorter path and must answer it', async () => {
    const dir = tempProject({
      'lambda-triage.config.json': JSON.stringify({
        functions: [{ name: 'users', handler: 'index.handler', memorySize: 512, frontDoors: ['apigw-rest', 'function-url'], route: { method: 'GET', path: '/users/{id}' } }],
      }),
      // Its own routing for the function URL: the id is the second path segment.
      'index.mjs': "export const handler = async (e) => ({ statusCode: 200, body: (e.pathParameters?.id ?? (e.rawPath ?? e.path).split('/')[2]).toUpperCase() });",
    });
    const r = await check([dir, '--runner', 'sandbox', '--json']);
    const res = (JSON.parse(r.out) as { results: CheckResult[] }).results.filter((x) => x.case === 'missing path parameter');
    expect(res.map((x) => [x.frontDoor, x.statusCode, x.invoked, x.passed])).toEqual([
      ['apigw-rest', 403, false, true],
      ['function-url', 502, true, false],
    ]);
    expect(r.code).toBe(1);
  }, 120_000);
});

describe('check with Python functions', () => {
  it('runs them in the simulator Python, whichever runner the Node.js ones use, and shows their [ERROR] line', async () => {
    const dir = tempProject({
      'template.yaml': [
        'Transform: AWS::Serverless-2016-10-31',
        'Globals:',
        '  Function:',
        '    Runtime: python3.13',
        'Resources:',
        '  GoodFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src/',
        '      Handler: orders/app.lambda_handler',
        '      Events:',
        '        Get: { Type: Api, Properties: { Path: /orders, Method: get } }',
        '  DictBodyFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src/',
        '      Handler: broken.lambda_handler',
        '      Events:',
        '        Get: { Type: Api, Properties: { Path: /broken, Method: get } }',
      ].join('\n'),
      'src/orders/__init__.py': '',
      'src/orders/app.py': 'import json\nfrom orders import shape\n\ndef lambda_handler(event, context):\n    return {"statusCode": 200, "body": json.dumps(shape.orders())}\n',
      'src/orders/shape.py': 'def orders():\n    return [{"id": 1}]\n',
      // A dict body: the REST API cannot use it and answers 502 (Malformed Lambda proxy response).
      'src/broken.py': 'def lambda_handler(event, context):\n    return {"statusCode": 200, "body": {"ok": True}}\n',
    });
    const r = await check([dir, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const results = (JSON.parse(r.out) as { results: CheckResult[] }).results;
    const failing = [...new Set(results.filter((x) => !x.passed).map((x) => x.function))];
    expect(failing).toEqual(['DictBodyFunction']);
    expect(results.filter((x) => x.function === 'GoodFunction' && x.case === 'GET /orders').map((x) => x.statusCode)).toEqual([200, 200]);
    expect(results.find((x) => x.function === 'DictBodyFunction' && x.case === 'GET /broken')?.statusCode).toBe(502);
    // A Python exception's own log line is the one shown.
    const badInput = tempProject({
      'template.yaml': 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      CodeUri: .\n      Handler: app.handler\n',
      'app.py': 'def handler(event, context):\n    return event["body"]\n',
    });
    const failed = await check([badInput, '--json']);
    const first = (JSON.parse(failed.out) as { results: CheckResult[] }).results[0];
    expect(first?.firstFailingLogLine).toMatch(/^\[ERROR\] KeyError: 'body'\nTraceback \(most recent call last\):/);
  }, 120_000);

  it('says when requirements.txt names packages the folder does not hold (sam build installs them), and still runs', async () => {
    const dir = tempProject({
      'template.yaml': 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.13\n      CodeUri: src/\n      Handler: app.handler\n',
      'src/app.py': 'import requests\n\ndef handler(event, context):\n    return 1\n',
      'src/requirements.txt': 'requests==2.32.3\nboto3>=1.34  # in the runtime\nvendored-lib\n# comment\n-r more.txt\n',
      'src/vendored_lib/__init__.py': '',
    });
    expect(unbuiltRequirements(path.join(dir, 'src'))).toEqual(['requests']);
    const r = await check([dir, '--json']);
    expect(r.err).toContain('lambda-triage check: note: function F lists requests in ');
    expect(r.err).toContain('run `lambda-triage check .aws-sam/build/template.yaml` after it');
    const first = (JSON.parse(r.out) as { results: CheckResult[] }).results[0];
    expect(first?.firstFailingLogLine).toContain("No module named 'requests'");
  }, 60_000);
});
