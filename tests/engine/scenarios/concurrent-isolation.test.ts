/**
 * The `concurrent-isolation` check kind (Lambda Managed Instances), `function.concurrencyPerEnvironment` in a
 * scenario and its function-config file, and the streaming front-door settings of a scenario (function URL
 * `invokeMode`, REST `responseTransferMode`).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/schemas/scenario.ts';
import { parseFunctionConfigFile, runScenarioChecks } from '../../../src/engine/scenarios/index.ts';
import { getTestQuickJS } from '../quickjs.ts';

const deps = async () => ({ quickjs: await getTestQuickJS() });

/** A module variable written before an await and read after it: correct alone, wrong beside other requests. */
const SHARED = `let who = null;
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async (event) => {
  who = event.user;
  await wait(20);
  return { user: who };
};`;

const LOCAL = `const wait = (ms) => new Promise((r) => setTimeout(r, ms));
export const handler = async (event) => {
  const who = event.user;
  await wait(20);
  return { user: who };
};`;

const base = {
  title: 'Users see each other',
  cause: 'unhandled-exception',
  summary: 'A module variable is shared by concurrent requests.',
  brief: '10:00 UTC. Some answers name the wrong user since the move to Managed Instances, support says.',
  frontDoor: 'invoke',
  function: { runtime: 'nodejs24.x', concurrencyPerEnvironment: 4 },
  event: { user: 'ana' },
  checks: [
    { kind: 'outcome', equals: 'success' },
    { id: 'isolated', kind: 'concurrent-isolation', events: [{ user: 'ana' }, { user: 'ben' }, { user: 'cy' }] },
  ],
  hints: ['first hint here', 'second hint here', 'third hint here'],
  explanation: 'x'.repeat(100),
  sources: ['https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html'],
  level: 'under-load',
  difficulty: 'medium',
  minutes: 10,
};

function scenarioOf(data: Record<string, unknown>, handler = SHARED, solution = LOCAL) {
  const r = parseScenario('mi-test', data, { 'handler.mjs': handler, 'solution.mjs': solution });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('concurrent-isolation check', () => {
  it('fails module state shared by concurrent requests, naming the request and both answers', async () => {
    const scenario = scenarioOf(base);
    expect(scenario.function.concurrencyPerEnvironment).toBe(4);
    const result = await runScenarioChecks(scenario, scenario.handler, await deps());
    const byId = Object.fromEntries(result.checks.map((c) => [c.id, c]));
    // Alone, the shared variable is harmless: the ordinary checks pass.
    expect(byId['outcome-1']?.passed).toBe(true);
    const isolated = byId['isolated'];
    expect(isolated?.passed).toBe(false);
    expect(isolated?.casesChecked).toBe(3);
    // The first request resumes after the last one wrote the variable: it answers "cy" beside them, "ana" alone.
    expect(isolated?.case?.name).toBe('concurrent:1');
    expect(isolated?.case?.detail).toContain('Request 1');
    expect(isolated?.case?.detail).toContain('{"user":"cy"}');
    expect(isolated?.case?.detail).toContain('{"user":"ana"}');
    expect(result.smallestFailure?.checkId).toBe('isolated');
  });

  it('passes per-request state kept in local variables', async () => {
    const scenario = scenarioOf(base);
    const result = await runScenarioChecks(scenario, scenario.solution, await deps());
    expect(result.checks.map((c) => [c.id, c.passed])).toEqual([
      ['outcome-1', true],
      ['isolated', true],
    ]);
  });

  it('goes through an HTTP front door with requests', async () => {
    const handler = `let body = null;
export const handler = async (event) => {
  body = JSON.parse(event.body);
  await new Promise((r) => setTimeout(r, 10));
  return { statusCode: 200, body: JSON.stringify({ sku: body.sku }) };
};`;
    const request = (sku: string) => ({ method: 'POST', path: '/items', body: JSON.stringify({ sku }) });
    const scenario = scenarioOf(
      {
        ...base,
        frontDoor: 'http-api-v2',
        event: undefined,
        request: request('a-1'),
        checks: [{ id: 'isolated', kind: 'concurrent-isolation', requests: [request('a-1'), request('b-2')] }],
      },
      handler,
      handler.replace('let body = null;\n', '').replace('body = JSON.parse', 'const body = JSON.parse'),
    );
    const broken = await runScenarioChecks(scenario, scenario.handler, await deps());
    expect(broken.checks[0]?.passed).toBe(false);
    expect(broken.checks[0]?.case?.frontDoor).toBe('http-api-v2');
    expect(broken.checks[0]?.case?.response.body).toBe('{"sku":"b-2"}');
    const fixed = await runScenarioChecks(scenario, scenario.solution, await deps());
    expect(fixed.checks[0]?.passed).toBe(true);
  });

  it('a function-config file that lowers concurrencyPerEnvironment below the batch fails the check plainly', async () => {
    const scenario = scenarioOf(base);
    const withConfig = { ...scenario, config: { name: 'function.json', kind: 'function-config' as const, broken: '{}', solution: '{}' } };
    const result = await runScenarioChecks(withConfig, { handler: LOCAL, config: '{ "concurrencyPerEnvironment": 2 }' }, await deps());
    const isolated = result.checks.find((c) => c.id === 'isolated');
    expect(isolated?.passed).toBe(false);
    expect(isolated?.case?.detail).toMatch(/at most 2 invocations at once/);
    const wrongRuntime = await runScenarioChecks({ ...withConfig, function: { ...withConfig.function, runtime: 'nodejs20.x' } }, { handler: LOCAL, config: '{ "concurrencyPerEnvironment": 4 }' }, await deps());
    expect(wrongRuntime.submissionError).toMatch(/function\.json: .*nodejs22\.x and nodejs24\.x/);
  });
});

describe('scenario schema for Managed Instances', () => {
  const refuse = (data: Record<string, unknown>) => {
    const r = parseScenario('mi-test', data, { 'handler.mjs': SHARED, 'solution.mjs': LOCAL });
    return r.ok ? '' : r.error;
  };

  it('needs concurrencyPerEnvironment for a concurrent-isolation check, and enough of it', () => {
    expect(refuse({ ...base, function: { runtime: 'nodejs24.x' } })).toContain('needs function.concurrencyPerEnvironment');
    expect(refuse({ ...base, function: { runtime: 'nodejs24.x', concurrencyPerEnvironment: 2 } })).toContain('set function.concurrencyPerEnvironment to at least 3');
  });

  it('checks the runtime, the log format and the range as Lambda does', () => {
    expect(refuse({ ...base, function: { runtime: 'nodejs20.x', concurrencyPerEnvironment: 4 } })).toContain('nodejs22.x and nodejs24.x');
    expect(refuse({ ...base, function: { runtime: 'nodejs22.x', concurrencyPerEnvironment: 4, logFormat: 'Text' } })).toContain('JSON log format');
    expect(refuse({ ...base, function: { runtime: 'nodejs22.x', concurrencyPerEnvironment: 1601 } })).toContain('from 1 to 1600');
  });

  it('matches requests to HTTP front doors and events to direct invoke', () => {
    expect(refuse({ ...base, checks: [{ kind: 'concurrent-isolation', requests: [{ method: 'GET', path: '/' }, { method: 'GET', path: '/' }] }] })).toContain('use events with frontDoor: invoke');
    expect(refuse({ ...base, checks: [{ kind: 'concurrent-isolation', events: [{}, {}], requests: [{ method: 'GET', path: '/' }, { method: 'GET', path: '/' }] }] })).toContain('exactly one of requests');
    expect(refuse({ ...base, checks: [{ kind: 'concurrent-isolation', events: [{}] }] })).toContain('at least two events');
  });
});

describe('function-config concurrencyPerEnvironment', () => {
  it('accepts 1 to 1600 and names the CloudFormation setting otherwise', () => {
    expect(parseFunctionConfigFile('{"concurrencyPerEnvironment": 16}')).toEqual({ ok: true, value: { concurrencyPerEnvironment: 16 } });
    const bad = parseFunctionConfigFile('{"concurrencyPerEnvironment": 0}', 'function.json');
    expect(bad).toEqual({ ok: false, error: 'function.json: "concurrencyPerEnvironment" (PerExecutionEnvironmentMaxConcurrency) must be a whole number from 1 to 1600.' });
  });
});

describe('streaming front-door settings of a scenario', () => {
  const streaming = `export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 201, headers: { 'content-type': 'text/csv' } });
  responseStream.write('id,total\\n');
  responseStream.write('1,20\\n');
  responseStream.end();
});`;
  const data = (settings: Record<string, unknown>, door: string) => ({
    ...base,
    frontDoor: door,
    function: { runtime: 'nodejs22.x' },
    event: undefined,
    request: { method: 'GET', path: '/export' },
    frontDoorSettings: settings,
    variations: { warm: false },
    checks: [
      { id: 'created', kind: 'status', in: [201] },
      { id: 'rows', kind: 'body-contains', text: '1,20' },
    ],
  });

  it('a function URL in RESPONSE_STREAM mode applies the prelude and streams the body', async () => {
    const scenario = scenarioOf(data({ invokeMode: 'RESPONSE_STREAM' }, 'function-url'), streaming, streaming);
    expect(scenario.frontDoorSettings.invokeMode).toBe('RESPONSE_STREAM');
    const result = await runScenarioChecks(scenario, scenario.handler, await deps());
    expect(result.checks.map((c) => [c.id, c.passed])).toEqual([
      ['created', true],
      ['rows', true],
    ]);
  });

  it('the same function URL left BUFFERED does not (Lambda buffers the stream; the prelude is not applied)', async () => {
    const scenario = scenarioOf(data({}, 'function-url'), streaming, streaming);
    const result = await runScenarioChecks(scenario, scenario.handler, await deps());
    expect(result.checks.find((c) => c.id === 'created')?.passed).toBe(false);
  });

  it('a REST API with responseTransferMode STREAM streams too', async () => {
    const scenario = scenarioOf(data({ responseTransferMode: 'STREAM' }, 'apigw-rest'), streaming, streaming);
    const result = await runScenarioChecks(scenario, scenario.handler, await deps());
    expect(result.passed).toBe(true);
  });

  it('refuses an unknown invoke mode', () => {
    const r = parseScenario('s', data({ invokeMode: 'STREAM' }, 'function-url'), { 'handler.mjs': streaming, 'solution.mjs': streaming });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('frontDoorSettings.invokeMode');
  });
});
