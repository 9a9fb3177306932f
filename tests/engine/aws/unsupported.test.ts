import { describe, expect, it } from 'vitest';
import { createSimulator, createAwsWorld } from '../../../src/engine/index.ts';
import { getTestQuickJS } from '../quickjs.ts';
import { runOnce } from './world-helpers.ts';
import { simulatorGapFindings } from '../../../src/engine/aws/index.ts';

const catchAll = `
  const out = [];
  async function step(f) {
    try { const r = await f(); out.push({ ok: r === undefined ? null : (r.$metadata ? 'response' : r) }); }
    catch (e) { out.push({ err: { name: e.name, message: e.message, status: e.$metadata && e.$metadata.httpStatusCode, attempts: e.$metadata && e.$metadata.attempts, isError: e instanceof Error } }); }
  }`;

describe('calls the simulator does not cover', () => {
  it('an unknown client loads (ESM named imports link) and fails only when called, with SimulatorUnsupportedOperation', async () => {
    const code = `import { KinesisClient, PutRecordCommand, Kinesis, ResourceNotFoundException, ShardIteratorType } from '@aws-sdk/client-kinesis';
      const kinesis = new KinesisClient({});
      ${catchAll}
      export const handler = async () => {
        out.length = 0;
        out.push({ ok: typeof PutRecordCommand + ' ' + typeof ResourceNotFoundException + ' ' + ShardIteratorType.LATEST });
        await step(() => kinesis.send(new PutRecordCommand({ StreamName: 's', Data: new Uint8Array([1]), PartitionKey: 'p' })));
        await step(() => new Kinesis({}).describeStream({ StreamName: 's' }));
        return out;
      };`;
    const { record, world } = await runOnce(code);
    expect(record.outcome).toBe('success');
    const out = record.result as Array<Record<string, any>>;
    expect(out[0]).toEqual({ ok: 'function function LATEST' });
    expect(out[1]?.err).toMatchObject({ name: 'SimulatorUnsupportedOperation', attempts: 1, isError: true });
    expect(out[1]?.err.status).toBeUndefined();
    expect(out[1]?.err.message).toMatch(/^The Lambda Triage simulator does not cover Kinesis\.PutRecord yet/);
    expect(out[1]?.err.message).toContain('not an error in your code');
    expect(out[2]?.err.message).toMatch(/does not cover Kinesis\.DescribeStream yet/);
    const calls = world.calls();
    expect(calls.map((c) => [c.service, c.operation, c.outcome, c.unsupported?.client])).toEqual([
      ['kinesis', 'PutRecord', 'error', 'Kinesis'],
      ['kinesis', 'DescribeStream', 'error', 'Kinesis'],
    ]);
  });

  it('a missing export of a simulated package links (no Runtime.UserCodeSyntaxError) and names the operation when sent', async () => {
    const code = `import { S3Client, PutBucketPolicyCommand, paginateListBuckets } from '@aws-sdk/client-s3';
      import { DynamoDBDocumentClient, ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb';
      import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
      const s3 = new S3Client({});
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
      ${catchAll}
      export const handler = async () => {
        await step(() => s3.send(new PutBucketPolicyCommand({ Bucket: 'b', Policy: '{}' })));
        await step(() => doc.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM t' })));
        await step(async () => { for await (const page of paginateListBuckets({ client: s3 }, {})) return page; });
        return out;
      };`;
    const { record } = await runOnce(code);
    expect(record.errorType).toBeNull();
    const out = record.result as Array<Record<string, any>>;
    expect(out.map((o) => o.err?.name)).toEqual(['SimulatorUnsupportedOperation', 'SimulatorUnsupportedOperation', 'SimulatorUnsupportedOperation']);
    expect(out[0]?.err.message).toContain('S3.PutBucketPolicy');
    expect(out[1]?.err.message).toContain('DynamoDB.ExecuteStatement');
    expect(out[2]?.err.message).toContain('S3.ListBuckets');
  });

  it('CommonJS require of an unknown client works too; a typo that is no AWS export still fails as Node would', async () => {
    const code = `const { Kinesis } = require('@aws-sdk/client-kinesis');
      exports.handler = async () => {
        try { await new Kinesis({}).putRecord({ StreamName: 's', PartitionKey: 'p', Data: new Uint8Array([1]) }); return 'no error'; }
        catch (e) { return [e.name, e.message.slice(0, 65), typeof require('@aws-sdk/client-s3').s3ClientTypo]; }
      };`;
    const world = createAwsWorld({});
    const sim = createSimulator({ quickjs: await getTestQuickJS(), resolveModule: world.resolveModule, services: world.services });
    const fn = sim.createFunction({ functionName: 'cjs-fn', handler: 'index.handler' }, { 'index.js': code });
    const record = await fn.invoke({});
    fn.dispose();
    expect(record.result).toEqual(['SimulatorUnsupportedOperation', 'The Lambda Triage simulator does not cover Kinesis.PutRecord yet,', 'undefined']);
    const typo = await runOnce(`import { s3Client } from '@aws-sdk/client-s3'; export const handler = async () => 1;`);
    expect(typo.record.errorType).toBe('Runtime.UserCodeSyntaxError');
  });

  it('an unhandled unsupported call fails the invocation and gives the LT-SIM-UNSUPPORTED finding, which blames the simulator', async () => {
    const code = `import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
      export const handler = async () => { await new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: 'arn' })); return 'done'; };`;
    const { record, world } = await runOnce(code);
    expect(record.outcome).toBe('function-error');
    expect(record.errorType).toBe('SimulatorUnsupportedOperation');
    const findings = simulatorGapFindings(record, world.calls());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'LT-SIM-UNSUPPORTED', cause: 'downstream-failure', unverified: true });
    expect(findings[0]?.message).toContain('SFN.StartExecution');
    expect(findings[0]?.message).toMatch(/gap of the simulator/);
    // A function that never reached an unsupported call gets no such finding.
    const fine = await runOnce(`export const handler = async () => 1;`);
    expect(simulatorGapFindings(fine.record, fine.world.calls())).toEqual([]);
  });
});

describe('namespace and default imports of a package the simulator does not cover', () => {
  it('ns.Name members used in the files are exported; the default import is the package itself', async () => {
    const code = `import * as k from '@aws-sdk/client-kinesis'; import kd from '@aws-sdk/client-kinesis';
      export const handler = async () => {
        const c = new k.KinesisClient({});
        try { await c.send(new k.ListStreamsCommand({})); return 'no error'; } catch (e) { return [e.name, typeof kd.KinesisClient, typeof k.default.PutRecordCommand]; }
      };`;
    const { record } = await runOnce(code);
    expect(record.result).toEqual(['SimulatorUnsupportedOperation', 'function', 'function']);
  });
});
