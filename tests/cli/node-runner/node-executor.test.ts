/**
 * What only the Node runner does (the shared cases are in contract-node.test.ts): the simulated AWS SDK
 * reached through Node's module hooks from ES modules and CommonJS, with IAM decisions and AccessDenied
 * texts from the simulated account; TypeScript handlers; nodejs24.x's callback rejection; the real clock;
 * the context object; the memory figures.
 */
import { describe, expect, it } from 'vitest';
import { createAwsWorld } from '../../../src/engine/index.ts';
import { runOnSimulator } from '../../engine/helpers.ts';
import { createNodeExecutor, heapLimitsFor, NODE_PROCESS_OVERHEAD_MB } from '../../../src/cli/node-runner/node-executor.ts';
import { nodeVersionWarning, parseRunnerArgs } from '../../../src/cli/node-runner/runner-options.ts';
import type { FunctionConfig, InvocationRecord } from '../../../src/engine/types.ts';

async function run(files: Record<string, string>, events: unknown[], config: Partial<FunctionConfig> = {}, world?: ReturnType<typeof createAwsWorld>, opts: Parameters<typeof createNodeExecutor>[0] = {}): Promise<InvocationRecord[]> {
  return runOnSimulator({ executor: createNodeExecutor(opts), ...(world ? { services: world.services } : {}) }, files, events, config);
}

const POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] };

describe('node runner: the simulated AWS SDK through module hooks', () => {
  it('ES module import: GetObject answers from --state, with the simulated latency on the virtual clock', async () => {
    const world = createAwsWorld({ state: { s3: { buckets: { orders: { 'a.json': '{"n":1}' } } } } });
    const [r] = await run(
      {
        'index.mjs':
          "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const handler = async () => JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: 'orders', Key: 'a.json' }))).Body.transformToString());",
      },
      [{}],
      {},
      world,
    );
    expect(r?.outcome).toBe('success');
    expect(r?.result).toEqual({ n: 1 });
    const calls = world.calls();
    expect(calls.map((c) => [c.service, c.operation, c.outcome])).toEqual([['s3', 'GetObject', 'ok']]);
    expect(calls[0]?.requestId).toBe(r?.requestId);
    expect(r?.durationMs).toBeGreaterThanOrEqual(calls[0]?.durationMs ?? 0);
  }, 60_000);

  it('CommonJS require: an IAM implicit deny is the exact AccessDenied text, and the handler can catch it', async () => {
    const world = createAwsWorld({ policy: POLICY, functionName: 'my-function' });
    const [r] = await run(
      {
        'index.js':
          "const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client({});\nexports.handler = async () => {\n  try { await s3.send(new GetObjectCommand({ Bucket: 'orders', Key: 'k' })); return 'ok'; }\n  catch (e) { return { name: e.name, message: e.message, status: e.$metadata.httpStatusCode }; }\n};",
      },
      [{}],
      { functionName: 'my-function' },
      world,
    );
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
    expect(r?.result).toEqual({
      name: 'AccessDenied',
      message: 'User: arn:aws:sts::123456789012:assumed-role/my-function-role/my-function is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::orders/k" because no identity-based policy allows the s3:GetObject action',
      status: 403,
    });
  }, 60_000);

  it('--sdk real: @aws-sdk packages are not intercepted (a missing one is Node\'s own error)', async () => {
    const [r] = await run({ 'index.js': "const { S3Client } = require('@aws-sdk/client-s3');\nexports.handler = async () => typeof S3Client;" }, [{}], {}, undefined, { sdk: 'real' });
    expect(r?.outcome).toBe('init-error');
    expect(r?.errorType).toBe('Runtime.ImportModuleError');
    expect(r?.errorMessage).toMatch(/^Error: Cannot find module '@aws-sdk\/client-s3'/);
  }, 60_000);
});

describe('node runner: Node and runtime specifics', () => {
  it('TypeScript handlers run through Node type stripping', async () => {
    const [r] = await run({ 'app.ts': 'interface In { n: number }\nexport const handler = async (e: In): Promise<number> => e.n * 2;' }, [{ n: 21 }], { handler: 'app.handler' });
    expect(r?.outcome).toBe('success');
    expect(r?.result).toBe(42);
  }, 60_000);

  it('nodejs24.x rejects callback handlers at init (Runtime.CallbackHandlerDeprecated)', async () => {
    const [r] = await run({ 'index.js': 'exports.handler = (e, ctx, cb) => cb(null, 1);' }, [{}], { runtime: 'nodejs24.x' });
    expect(r?.outcome).toBe('init-error');
    expect(r?.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    expect(r?.logs.some((l) => /\tundefined\tERROR\tInit Error \t\{"errorType":"Runtime\.CallbackHandlerDeprecated"/.test(l))).toBe(true);
  }, 60_000);

  it('context: fields from the environment, remaining time on the virtual clock, context.succeed', async () => {
    const [r] = await run(
      {
        'index.js':
          "exports.handler = (e, context) => { setTimeout(() => context.succeed({ name: context.functionName, mem: context.memoryLimitInMB, left: context.getRemainingTimeInMillis(), id: context.awsRequestId, arn: context.invokedFunctionArn, waits: context.callbackWaitsForEmptyEventLoop }), 1000); };",
      },
      [{}],
      { functionName: 'orders', timeoutSeconds: 5, memoryMB: 256 },
    );
    const res = r?.result as Record<string, unknown>;
    expect(res).toMatchObject({ name: 'orders', mem: '256', id: r?.requestId, arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders', waits: true });
    expect(res['left']).toBeGreaterThan(3900);
    expect(res['left']).toBeLessThanOrEqual(4000);
  }, 60_000);

  it('--clock real: Date is the machine\'s and a short real wait still times out correctly', async () => {
    const [r] = await run({ 'index.mjs': 'export const handler = async () => { await new Promise((r) => setTimeout(r, 5000)); return Date.now(); };' }, [{}], { timeoutSeconds: 1 }, undefined, { clock: 'real' });
    expect(r?.outcome).toBe('timeout');
    expect(r?.errorMessage).toMatch(/Task timed out after 1\.00 seconds$/);
  }, 60_000);

  it('memory: Max Memory Used grows with the heap a warm function keeps', async () => {
    const rs = await run({ 'index.mjs': 'const keep = [];\nexport const handler = async () => { keep.push(new Array(2_000_000).fill(1)); return keep.length; };' }, [{}, {}, {}], { memoryMB: 512 });
    const used = rs.map((r) => r.maxMemoryUsedMB);
    expect(used[0]).toBeGreaterThanOrEqual(NODE_PROCESS_OVERHEAD_MB + 15);
    expect(used[2]).toBeGreaterThan((used[0] ?? 0) + 20);
    expect(used[2]).toBeLessThan(512);
  }, 60_000);
});

describe('runner options', () => {
  it('parse and refuse what does not fit', () => {
    expect(parseRunnerArgs({}, 'sandbox')).toEqual({ ok: true, value: { runner: 'sandbox', clock: 'virtual', sdk: 'simulated' } });
    expect(parseRunnerArgs({ runner: 'node', clock: 'real', sdk: 'real' }, 'sandbox')).toEqual({ ok: true, value: { runner: 'node', clock: 'real', sdk: 'real' } });
    expect(parseRunnerArgs({ clock: 'real' }, 'sandbox')).toEqual({ ok: false, error: '--clock applies to the Node runner (the sandbox always runs on the virtual clock); add --runner node' });
    expect(parseRunnerArgs({ runner: 'node', sdk: 'fake' }, 'sandbox')).toEqual({ ok: false, error: '--sdk must be simulated or real; got "fake"' });
  });

  it('warn when the runtime is not the Node that runs the runner', () => {
    expect(nodeVersionWarning('nodejs22.x', '22.23.3')).toBeNull();
    expect(nodeVersionWarning('nodejs24.x', '22.23.3')).toMatch(/runs on Node 22\.23\.3 .* nodejs24\.x runs Node 24; .*npx -p node@24/);
  });

  it('heap limits follow the runtime bootstrap: old space 90 %, new space 10 % of memory', () => {
    expect(heapLimitsFor(128)).toEqual({ maxOldGenerationSizeMb: 116, maxYoungGenerationSizeMb: 12 });
    expect(heapLimitsFor(1024)).toEqual({ maxOldGenerationSizeMb: 922, maxYoungGenerationSizeMb: 102 });
  });
});
