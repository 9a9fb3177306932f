/**
 * The check machinery on its own: resource policies, function-config files, the generated cases,
 * each check kind, the decisive log line, and fixes that try to game the checks.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../../src/cli/scenarios-command.ts';
import {
  decisiveLogLine,
  invokeRequestFor,
  isInvokeAllowed,
  parseFunctionConfigFile,
  parseResourcePolicy,
  planCases,
  runScenarioChecks,
  type CaseOutcome,
  type ScenarioDefinition,
} from '../../../src/engine/scenarios/index.ts';
import { judgeInvocation, judgeState } from '../../../src/engine/scenarios/checks.ts';
import { createFrontDoorIds } from '../../../src/engine/integrations/events.ts';
import { getTestQuickJS } from '../quickjs.ts';

const loaded = await loadScenarios();
if (!loaded.ok) throw new Error(loaded.error);
const byId = (id: string) => loaded.value.find((s) => s.id === id)!;
const deps = async () => ({ quickjs: await getTestQuickJS() });

const SIM = { region: 'us-east-1', accountId: '123456789012', functionName: 'inventory-api' };
const IDS = createFrontDoorIds(SIM);
const statement = (extra: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', ...extra }] });

describe('resource policies', () => {
  const rest = invokeRequestFor('apigw-rest', IDS, SIM, { method: 'GET', path: '/inventory/cup-01' });

  it('builds the execute-api source ARN of the route', () => {
    expect(rest.sourceArn).toBe(`arn:aws:execute-api:us-east-1:123456789012:${IDS.apiId}/prod/GET/inventory/cup-01`);
  });

  it.each([
    ['a statement for this API and route', { Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:123456789012:${IDS.apiId}/*/GET/inventory/*` } } }, true],
    ['a statement for another API', { Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:us-east-1:123456789012:other/*/GET/inventory/*' } } }, false],
    ['a statement for another method', { Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:123456789012:${IDS.apiId}/*/POST/*` } } }, false],
    ['a statement for another function', { Resource: 'arn:aws:lambda:us-east-1:123456789012:function:other' }, false],
    ['an unmodelled condition operator', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }, false],
  ])('%s → allowed %s', (_name, extra, allowed) => {
    const parsed = parseResourcePolicy(statement(extra));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(isInvokeAllowed(parsed.value, rest, 'apigw-rest')).toBe(allowed);
  });

  it('lets an explicit Deny win', () => {
    const parsed = parseResourcePolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:*' }, { Effect: 'Deny', Principal: '*', Action: 'lambda:InvokeFunction' }] }));
    expect(parsed.ok && isInvokeAllowed(parsed.value, rest, 'apigw-rest')).toBe(false);
  });

  it('needs both lambda:InvokeFunctionUrl and lambda:InvokeFunction for a function URL', () => {
    const url = invokeRequestFor('function-url', IDS, SIM, null);
    const urlStatement = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } };
    const invokeStatement = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } };
    const both = parseResourcePolicy(JSON.stringify({ Statement: [urlStatement, invokeStatement] }));
    const onlyUrl = parseResourcePolicy(JSON.stringify({ Statement: [urlStatement] }));
    const onlyInvoke = parseResourcePolicy(JSON.stringify({ Statement: [invokeStatement] }));
    const wrong = parseResourcePolicy(statement({}));
    expect(both.ok && isInvokeAllowed(both.value, url, 'function-url')).toBe(true);
    expect(onlyUrl.ok && isInvokeAllowed(onlyUrl.value, url, 'function-url')).toBe(false);
    expect(onlyInvoke.ok && isInvokeAllowed(onlyInvoke.value, url, 'function-url')).toBe(false);
    expect(wrong.ok && isInvokeAllowed(wrong.value, url, 'function-url')).toBe(false);
  });

  it('does not let the lambda:InvokedViaFunctionUrl statement open other front doors', () => {
    const invokeViaUrl = parseResourcePolicy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } } }] }));
    expect(invokeViaUrl.ok && isInvokeAllowed(invokeViaUrl.value, rest, 'apigw-rest')).toBe(false);
  });

  it.each([
    ['{', 'not valid JSON'],
    ['[]', 'JSON object with a "Statement" list'],
    ['{"Statement":[{"Effect":"Maybe"}]}', '"Effect" must be "Allow" or "Deny"'],
    ['{"Statement":[{"Effect":"Allow","Principal":"*"}]}', '"Action" must be'],
  ])('explains a bad policy %s', (text, fragment) => {
    const r = parseResourcePolicy(text, 'resource-policy.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });
});

describe('function-config files', () => {
  it('reads the allowed fields', () => {
    expect(parseFunctionConfigFile('{"timeoutSeconds":30,"memoryMB":1024,"reservedConcurrency":null}')).toEqual({ ok: true, value: { timeoutSeconds: 30, memoryMB: 1024, reservedConcurrency: null } });
  });
  it.each([
    ['{"timeoutSeconds":901}', '1 to 900'],
    ['{"memoryMB":64}', '128 to 10240'],
    ['{"reservedConcurrency":1.5}', 'at least 0'],
    ['{"handler":"x"}', 'unknown field "handler"'],
  ])('refuses %s', (text, fragment) => {
    const r = parseFunctionConfigFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });
});

describe('generated cases', () => {
  it('derives the hidden variations from the shown request, simplest first', () => {
    const s = byId('order-without-items');
    const names = planCases(s).map((c) => c.name);
    expect(names.slice(0, 4)).toEqual(['shown', 'warm', 'missing-body', 'invalid-json']);
    expect(names).toContain('method:GET');
    const missing = planCases(s).find((c) => c.name === 'missing-body')!;
    expect('request' in missing.input && missing.input.request.body).toBeNull();
    const invalid = planCases(s).find((c) => c.name === 'invalid-json')!;
    expect(() => JSON.parse(('request' in invalid.input && invalid.input.request.body) || '')).toThrow();
  });

  it('pads a large body to about 256 KB of valid JSON', () => {
    const big = planCases(byId('coupon-without-expiry')).find((c) => c.name === 'large-body')!;
    const body = 'request' in big.input ? (big.input.request.body ?? '') : '';
    expect(body.length).toBeGreaterThan(250_000);
    expect(JSON.parse(body).code).toBe('WELCOME10');
  });
});

function outcome(partial: Partial<CaseOutcome>): CaseOutcome {
  return { name: 'shown', group: 'shown', rank: 0, frontDoor: 'apigw-rest', request: null, response: { statusCode: 200, headers: {}, body: '' }, record: null, gatewayLogs: [], causes: [], finding: null, ...partial };
}

describe('check kinds', () => {
  it('judges statuses, bodies, headers and causes', () => {
    const c = outcome({ response: { statusCode: 502, headers: { 'Set-Cookie': 'a=1' }, multiValueHeaders: { 'Set-Cookie': ['a=1', 'session=2'] }, body: 'oops' }, causes: ['timeout'] });
    expect(judgeInvocation({ kind: 'status', in: [200] }, c)).toContain('got 502');
    expect(judgeInvocation({ kind: 'status-not', in: [502] }, c)).toContain('502');
    expect(judgeInvocation({ kind: 'body-contains', text: 'oops' }, c)).toBeNull();
    expect(judgeInvocation({ kind: 'header', name: 'set-cookie', matches: '^session=' }, c)).toBeNull();
    expect(judgeInvocation({ kind: 'header', name: 'x-none', matches: '.' }, c)).toContain('no x-none header');
    expect(judgeInvocation({ kind: 'no-cause', cause: 'timeout' }, c)).toContain('timeout');
    expect(judgeInvocation({ kind: 'no-cause', cause: 'throttling' }, c)).toBeNull();
  });

  it('reads state paths, including lengths', () => {
    const c = outcome({ state: { sqs: { queues: { jobs: ['a', 'b'] } } } });
    expect(judgeState({ kind: 'state', path: 'sqs.queues.jobs.length', atLeast: 1 }, c)).toBeNull();
    expect(judgeState({ kind: 'state', path: 'sqs.queues.jobs.length', atMost: 1 }, c)).toContain('at most 1');
    expect(judgeState({ kind: 'state', path: 'sqs.queues.other.length', equals: 0 }, c)).toContain('missing');
  });

  it('picks the most telling log line', () => {
    const logs = ['START RequestId: 1 Version: $LATEST', '2026-01-01T00:00:00.000Z\t1\tINFO\thello', '2026-01-01T00:00:03.000Z 1 Task timed out after 3.00 seconds', 'REPORT RequestId: 1\tDuration: 3000.00 ms\t'];
    const record = { logs } as unknown as CaseOutcome['record'];
    expect(decisiveLogLine(outcome({ record }))).toContain('Task timed out');
    expect(decisiveLogLine(outcome({ gatewayLogs: ['x Execution failed due to configuration error: Malformed Lambda proxy response'] }))).toContain('Malformed');
    // A Python handler's failure: the runtime client's [ERROR] record, not the REPORT line.
    const py = { logs: ['START RequestId: 2 Version: $LATEST', "[ERROR] KeyError: 'body'\nTraceback (most recent call last):", 'END RequestId: 2', 'REPORT RequestId: 2\tDuration: 2.00 ms\t'] } as unknown as CaseOutcome['record'];
    expect(decisiveLogLine(outcome({ record: py }))).toMatch(/^\[ERROR\] KeyError: 'body'/);
  });
});

describe('a scenario sent as JSON (as the playground sends it to its worker)', () => {
  it('runs the same after a JSON round trip', async () => {
    const s = JSON.parse(JSON.stringify(byId('receipts-s3-access-denied'))) as ScenarioDefinition;
    const { createAwsWorld } = await import('../../../src/engine/aws/index.ts');
    const r = await runScenarioChecks(s, { handler: s.solution, config: s.config!.solution }, { ...(await deps()), createWorld: createAwsWorld });
    expect(r.passed).toBe(true);
  });

  it('explains a missing world factory instead of throwing', async () => {
    const s = byId('receipts-s3-access-denied');
    const r = await runScenarioChecks(s, s.solution, await deps());
    expect(r.passed).toBe(false);
    expect(r.submissionError).toContain('needs the simulated AWS world');
  });
});

describe('fixes that try to game the checks', () => {
  it('answering 400 to everything fails the valid-order check', async () => {
    const r = await runScenarioChecks(byId('order-without-items'), "export const handler = async () => ({ statusCode: 400, body: '{}' });", await deps());
    expect(r.passed).toBe(false);
    expect(r.checks.find((c) => c.id === 'valid-order-still-works')?.case?.name).toBe('valid-order');
  });

  it('fixing only the shown request fails a hidden variation, and the report names the smallest one', async () => {
    const onlyShown = `export const handler = async (event) => {
      const order = JSON.parse(event.body);
      if (!order.items) return { statusCode: 400, body: '{"message":"items missing"}' };
      const total = order.items.reduce((s, i) => s + i.price * i.quantity, 0);
      return { statusCode: 201, body: JSON.stringify({ total }) };
    };`;
    const r = await runScenarioChecks(byId('order-without-items'), onlyShown, await deps());
    expect(r.passed).toBe(false);
    expect(r.smallestFailure).toMatchObject({ name: 'missing-body', response: { status: 502 } });
    expect(r.smallestFailure?.decisiveLogLine).toContain('Invoke Error');
  });

  it('a cache that is fine cold but leaks warm fails only the warm series', async () => {
    const r = await runScenarioChecks(byId('warm-cache-leak'), byId('warm-cache-leak').handler, await deps());
    expect(r.checks.find((c) => c.id === 'page-200')?.passed).toBe(true);
    const warm = r.checks.find((c) => c.id === 'fifty-warm-calls')!;
    expect(warm.passed).toBe(false);
    expect(warm.case?.name).toMatch(/^warm series: call \d+ of 50/);
    expect(warm.case?.decisiveLogLine).toContain('Runtime.OutOfMemory');
  });

  it('retrying forever fails when the provider stays down', async () => {
    const forever = byId('flaky-payments').solution.replace('const MAX_ATTEMPTS = 4;', 'const MAX_ATTEMPTS = Infinity;').replace('const outOfTime = context.getRemainingTimeInMillis() < delay + 1500;', 'const outOfTime = false;');
    const r = await runScenarioChecks(byId('flaky-payments'), forever, await deps());
    expect(r.passed).toBe(false);
    expect(r.checks.find((c) => c.id === 'gives-up-in-time')?.case).toMatchObject({ name: 'provider-down' });
  });

  it('a config file that is not JSON is reported, not thrown', async () => {
    const s: ScenarioDefinition = byId('api-permission-stale-source-arn');
    const r = await runScenarioChecks(s, { handler: s.solution, config: '{ "Statement": [ }' }, await deps());
    expect(r.passed).toBe(false);
    expect(r.submissionError).toContain('resource-policy.json is not valid JSON');
  });

  it('a handler with a syntax error fails with the init error as the decisive line', async () => {
    const r = await runScenarioChecks(byId('product-body-object'), 'export const handler = async ( => 1;', await deps());
    expect(r.passed).toBe(false);
    expect(r.smallestFailure?.decisiveLogLine).toMatch(/Runtime\.UserCodeSyntaxError|SyntaxError/);
  });
});
