// The adapters run against the real Engine III modules (src/engine/aws, src/engine/load) through the
// engine host, as the worker uses them.
import { describe, expect, it } from 'vitest';
import * as awsModule from '../../src/engine/aws/index.ts';
import * as loadModule from '../../src/engine/load/load-run.ts';
import { createEngineHost, type HostAnswer } from '../../src/worker/engine-host.ts';
import { adaptAwsModule, adaptLoadModule, describeCall, toCallSpans, toLoadView } from '../../src/worker/plugin-adapters.ts';
import type { AwsInput, ResultPayload, RunView, WorkerRequest } from '../../src/worker/protocol.ts';
import { summariseRun } from '../../src/playground/summary.ts';
import { STARTER_AWS_STATE, STARTER_POLICY } from '../../src/playground/samples.ts';
import { getTestQuickJS } from '../engine/quickjs.ts';

const createAwsWorld = adaptAwsModule(awsModule as unknown as Record<string, unknown>)!;
const runLoad = adaptLoadModule(loadModule as unknown as Record<string, unknown>)!;

const READ_ORDER = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const ddb = new DynamoDBClient({});
export const handler = async () => {
  const { Item } = await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: '42' } } }));
  return { statusCode: 200, body: JSON.stringify(Item) };
};`;

const aws = (over: Partial<AwsInput> = {}): AwsInput => ({
  policy: JSON.parse(STARTER_POLICY),
  state: JSON.parse(STARTER_AWS_STATE),
  faults: { rules: [] },
  ...over,
});

function viewOf(answer: HostAnswer): RunView {
  if (answer.type !== 'result' || answer.payload.kind !== 'run') throw new Error(answer.type === 'error' ? answer.message : 'not a run');
  return answer.payload.run;
}

async function run(code: string, input: AwsInput, config = {}): Promise<RunView> {
  const host = createEngineHost({ quickjs: await getTestQuickJS(), createAwsWorld, runLoad, wallBudgetMs: 2000 });
  const request: WorkerRequest = { id: 1, type: 'run', fn: { files: { 'index.mjs': code }, config }, frontDoor: 'apigw-rest', input: { kind: 'http', request: { method: 'GET', path: '/orders/42' } }, aws: input };
  try {
    return viewOf(await host.handle(request, () => {}));
  } finally {
    host.dispose();
  }
}

describe('AWS world adapter', () => {
  it('the starter policy and state let the DynamoDB sample read its item; the call is on the timeline', async () => {
    const view = await run(READ_ORDER, aws());
    expect(view.response.statusCode).toBe(200);
    expect(JSON.parse(view.response.body)).toMatchObject({ id: { S: '42' } });
    expect(view.calls).toHaveLength(1);
    expect(view.calls[0]).toMatchObject({ label: 'DynamoDB GetItem', ok: true });
    expect(view.calls[0]!.endMs).toBeGreaterThan(view.calls[0]!.startMs);
  });

  it('a policy without the action denies the call and diagnoses access-denied', async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    const view = await run(READ_ORDER, aws({ policy }));
    expect(view.response.statusCode).toBe(502);
    expect(view.record?.errorType).toBe('AccessDeniedException');
    expect(view.calls[0]?.detail).toMatch(/IAM implicit deny of dynamodb:GetItem/);
    expect(view.callCauses).toContain('access-denied');
  });

  it('a hanging dependency makes the timeout sentence name the call that was still waiting', async () => {
    const view = await run(READ_ORDER, aws({ faults: { rules: [{ service: 'dynamodb', hang: true }] } }), { timeoutSeconds: 1 });
    expect(view.record?.outcome).toBe('timeout');
    expect(view.calls[0]).toMatchObject({ label: 'DynamoDB GetItem', endMs: null });
    expect(summariseRun(view)).toBe('Task timed out after 1.00 seconds: the DynamoDB GetItem call was still waiting, so API Gateway (REST API) answered 502.');
    expect(view.callCauses).toContain('downstream-failure');
  });

  it('a call the simulator does not cover shows LT-SIM-UNSUPPORTED in the playground run, even when the handler catches it', async () => {
    const uncaught = await run(`import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
      export const handler = async () => { await new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: 'arn' })); return { statusCode: 200, body: 'ok' }; };`, aws());
    const gap = uncaught.findings.find((f) => f.code === 'LT-SIM-UNSUPPORTED');
    expect(gap?.message).toContain('SFN.StartExecution');
    expect(uncaught.record?.errorType).toBe('SimulatorUnsupportedOperation');
    const caught = await run(`import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
      export const handler = async () => {
        try { await new KinesisClient({}).send(new PutRecordCommand({ StreamName: 's', PartitionKey: 'p', Data: new Uint8Array([1]) })); } catch {}
        return { statusCode: 200, body: 'ok' };
      };`, aws());
    expect(caught.response.statusCode).toBe(200);
    expect(caught.findings.filter((f) => f.code === 'LT-SIM-UNSUPPORTED').map((f) => f.message.includes('Kinesis.PutRecord'))).toEqual([true]);
    // A covered call gets no such finding.
    const covered = await run(READ_ORDER, aws());
    expect(covered.findings.some((f) => f.code === 'LT-SIM-UNSUPPORTED')).toBe(false);
  });

  it('an invalid state is a plain-words input error, not a crash', async () => {
    const host = createEngineHost({ quickjs: await getTestQuickJS(), createAwsWorld });
    const answer = await host.handle(
      { id: 1, type: 'run', fn: { files: { 'index.mjs': READ_ORDER }, config: {} }, frontDoor: 'invoke', input: { kind: 'event', event: {} }, aws: aws({ state: { dynamodb: 'nope' } }) },
      () => {},
    );
    expect(answer.type).toBe('error');
    expect(answer.type === 'error' && answer.code).toBe('bad-input');
    host.dispose();
  });

  it('describes calls in words and maps times relative to the invocation', () => {
    const spans = toCallSpans(
      [{ requestId: 'r', service: 's3', operation: 'GetObject', startMs: 1005, durationMs: 8, outcome: 'error', error: { name: 'NoSuchKey', message: 'The specified key does not exist.' } }],
      1000,
      { s3: 'S3' },
    );
    expect(spans).toEqual([{ label: 'S3 GetObject', startMs: 5, endMs: 13, ok: false, detail: 'NoSuchKey: The specified key does not exist.' }]);
    expect(describeCall({ requestId: null, service: 'http', operation: 'GET /', startMs: 0, durationMs: 20, outcome: 'ok' })).toBe('OK in 20 ms');
  });
});

describe('load-run adapter', () => {
  it('runs a load test and returns the five CloudWatch series per second', async () => {
    const host = createEngineHost({ quickjs: await getTestQuickJS(), createAwsWorld, runLoad });
    const answer = await host.handle(
      {
        id: 1,
        type: 'load-run',
        fn: { files: { 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 200)); return { statusCode: 200, body: "ok" }; };' }, config: {} },
        frontDoor: 'apigw-rest',
        input: { kind: 'http', request: { method: 'GET', path: '/' } },
        load: { requests: 60, model: 'rate', ratePerSecond: 30, clients: 1, reservedConcurrency: 2 },
      },
      () => {},
    );
    host.dispose();
    if (answer.type !== 'result') throw new Error(answer.message);
    const payload = answer.payload as Extract<ResultPayload, { kind: 'load-run' }>;
    const names = payload.load.series.map((s) => s.name);
    expect(names).toEqual(['Invocations', 'Errors', 'Throttles', 'DurationP99', 'ConcurrentExecutions']);
    expect(payload.load.totals.throttles).toBeGreaterThan(0);
    expect(payload.load.totals.invocations + payload.load.totals.throttles).toBe(60);
    expect(payload.load.totals.requests).toBe(60);
    expect(payload.load.totals.maxConcurrentExecutions).toBeLessThanOrEqual(2);
    const concurrency = payload.load.series.find((s) => s.name === 'ConcurrentExecutions')!.values;
    expect(Math.max(...concurrency.map((v) => v ?? 0))).toBeLessThanOrEqual(2);
    expect(payload.load.seconds.length).toBe(concurrency.length);
  });

  it('leaves gaps (null) for seconds without a duration', () => {
    const view = toLoadView({
      metrics: [
        { second: 0, Invocations: 1, Errors: 0, Throttles: 0, Duration: { p99: 12 }, ConcurrentExecutions: 1 },
        { second: 1, Invocations: 0, Errors: 0, Throttles: 3, Duration: null, ConcurrentExecutions: 0 },
      ],
      totals: { Invocations: 1, Errors: 0, Throttles: 3, requests: 4 },
    });
    expect(view.series.find((s) => s.name === 'DurationP99')!.values).toEqual([12, null]);
    expect(view.totals).toEqual({ requests: 4, invocations: 1, errors: 0, throttles: 3, maxConcurrentExecutions: 1 });
  });
});
